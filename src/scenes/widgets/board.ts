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
