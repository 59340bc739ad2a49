// What every widget of the table draws with: the scene, this redraw's layout, the panels' graphics
// and the text pool.
import type * as Phaser from 'phaser';
import type { Scenario } from '../../game/scenario/schema';
import type { TableLayout } from '../layout';
import type { CapitalPoints, Point, Projection, Rect } from '../mapArt';
import type { Graphics } from './marks';
import type { TextPool } from './text';

export interface Board {
  scene: Phaser.Scene;
  layout: TableLayout;
  /** The panels and what is drawn on them (depth 2). */
  panels: Graphics;
  text: TextPool;
}

/** The painted map: its projection, the capitals on it, and the boxes its marks and names take. */
export interface Theatre {
  proj: Projection;
  capitals: CapitalPoints;
  /** Boxes of the map's marks and labels, in scene pixels, for overlays to keep clear of. */
  taken: Rect[];
}

export function placePoint(scenario: Scenario, theatre: Theatre, placeId: string): Point | null {
  const place = scenario.theatre.places.find((p) => p.id === placeId);
  return place ? theatre.proj.at(place.at) : null;
}

export function placeName(scenario: Scenario, placeId: string): string {
  return scenario.theatre.places.find((p) => p.id === placeId)?.name ?? placeId;
}

/**
 * Where an incident's star goes: on its place, or, where the place is a capital, beside the
 * capital's mark (on the diagonal clearest of the map's names), so the star does not vanish into
 * the seat's own mark.
 */
export function incidentPoint(
  scenario: Scenario,
  theatre: Theatre,
  placeId: string,
  unit: number,
): Point | null {
  const at = placePoint(scenario, theatre, placeId);
  if (!at) return null;
  const onCapital = Object.values(theatre.capitals).some(
    ([x, y]) => Math.hypot(x - at[0], y - at[1]) < unit * 1.2,
  );
  if (!onCapital) return at;
  const r = unit * 0.7;
  const spots: Point[] = [
    [at[0] - unit * 1.2, at[1] - unit * 1.1],
    [at[0] + unit * 1.2, at[1] - unit * 1.1],
    [at[0] - unit * 1.2, at[1] + unit * 1.1],
    [at[0] + unit * 1.2, at[1] + unit * 1.1],
  ];
  const hits = ([x, y]: Point) =>
    theatre.taken.filter(
      (t) => x + r > t.x && x - r < t.x + t.w && y + r > t.y && y - r < t.y + t.h,
    ).length;
  return spots.reduce((best, p) => (hits(p) < hits(best) ? p : best));
}
