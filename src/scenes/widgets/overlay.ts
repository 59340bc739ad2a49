// Marks on the map that follow the state: this round's incidents where they struck, a ring round
// the seat this browser plays, and for the broker the memos in hand beside its capital (all the
// seat model's: src/game/model/scene.ts, mapOf).
import type { MapModel } from '../../game/model/scene';
import type { Scenario } from '../../game/scenario/schema';
import type { TableLayout } from '../layout';
import { isWaterPlace, type Rect } from '../mapArt';
import { SURFACE } from '../palette';
import { incidentPoint, placeName, type Theatre } from './board';
import { envelope, star, type Graphics } from './marks';
import type { TextPool } from './text';

/** Marks on the map that follow the state: this round's incidents, the seat, memos in hand. */
export function drawOverlay(
  g: Graphics,
  text: TextPool,
  layout: TableLayout,
  theatre: Theatre,
  map: MapModel,
  scenario: Scenario,
): void {
  const u = layout.unit;

  // Incidents of this round (and, fainter, the last one) stay marked where they struck.
  const perPlace = new Map<string, number>();
  for (const inc of map.marks) {
    const at = incidentPoint(scenario, theatre, inc.placeId, u);
    if (!at) continue;
    const n = perPlace.get(inc.placeId) ?? 0;
    perPlace.set(inc.placeId, n + 1);
    const current = inc.current;
    const r = current ? u * 0.55 : u * 0.4;
    const x = at[0] + n * r * 1.4;
    const y = at[1] - (isWaterPlace(placeName(scenario, inc.placeId)) ? 0 : r * 0.2);
    star(g, x, y, r, current ? 1 : 0.45);
  }

  // The seat this browser plays: a ring around its capital.
  if (map.you) {
    const [x, y] = theatre.capitals[map.you];
    g.lineStyle(Math.max(2, u * 0.14), SURFACE.mapInk, 0.85);
    g.strokeCircle(x, y, u * 1.35);
    g.lineStyle(Math.max(1, u * 0.08), SURFACE.halo, 0.9);
    g.strokeCircle(x, y, u * 1.55);
  }

  // For the broker, memos in hand (new and held): an envelope and a count beside its mark.
  // A principal cannot tell which of its memos the broker still holds, so it sees none.
  const waiting = map.inHand;
  if (waiting > 0) {
    const [bx, by] = theatre.capitals['2'];
    const w = u * 2.6;
    const h = u * 1.25;
    const off = u * 1.75;
    const spots: Rect[] = [
      { x: bx - w / 2, y: by - off - h, w, h },
      { x: bx - w / 2, y: by + off, w, h },
      { x: bx - off - w, y: by - h / 2, w, h },
      { x: bx + off, y: by - h / 2, w, h },
    ];
    const hits = (b: Rect) =>
      theatre.taken.filter(
        (t) => b.x < t.x + t.w && t.x < b.x + b.w && b.y < t.y + t.h && t.y < b.y + b.h,
      ).length;
    const { x, y } = spots.reduce((best, b) => (hits(b) < hits(best) ? b : best));
    g.fillStyle(SURFACE.mapInk, 0.9);
    g.fillRoundedRect(x, y, w, h, h / 2);
    envelope(g, x + h * 0.62, y + h / 2, u * 0.95, SURFACE.halo, SURFACE.mapInk);
    text.txt('tray', x + w - h * 0.45, y + h / 2, String(waiting), {
      size: Math.round(u * 0.85),
      color: SURFACE.halo,
      weight: 700,
      ox: 1,
      oy: 0.5,
      depth: 1.5,
    });
  }
}
