// The table's small drawings: panels, seat marks, incident stars, envelopes, danger hatching.
import * as Phaser from 'phaser';
import { shapePoints, starPoints, type Rect } from '../mapArt';
import { HATCH, INCIDENT, SURFACE, type SeatShape } from '../palette';

export type Graphics = Phaser.GameObjects.Graphics;

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A panel's card: rounded, filled, with a hairline edge. */
export function panel(g: Graphics, r: Rect, unit: number): void {
  g.fillStyle(SURFACE.panel, 1);
  g.fillRoundedRect(r.x, r.y, r.w, r.h, Math.min(12, unit * 0.7));
  g.lineStyle(1, SURFACE.panelEdge, 1);
  g.strokeRoundedRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1, Math.min(12, unit * 0.7));
}

/** A seat's mark (its shape, so it reads without colour). */
export function mark(
  g: Graphics,
  shape: SeatShape,
  x: number,
  y: number,
  r: number,
  fill: number,
  edge: number,
): void {
  const pts = shapePoints(shape, x, y, r).map(([px, py]) => new Phaser.Math.Vector2(px, py));
  g.fillStyle(fill, 1);
  g.fillPoints(pts, true);
  g.lineStyle(1.5, edge, 1);
  g.strokePoints(pts, true);
}

/** An incident's star. */
export function star(g: Graphics, x: number, y: number, r: number, alpha: number): void {
  const pts = starPoints(x, y, r).map(([px, py]) => new Phaser.Math.Vector2(px, py));
  g.fillStyle(INCIDENT.fill, alpha);
  g.fillPoints(pts, true);
  g.lineStyle(Math.max(1.5, r * 0.16), INCIDENT.edge, alpha);
  g.strokePoints(pts, true);
}

/** An envelope centred on (x, y), w wide. */
export function envelope(
  g: Graphics,
  x: number,
  y: number,
  w: number,
  fill: number,
  line: number,
): void {
  const h = w * 0.66;
  g.fillStyle(fill, 1);
  g.fillRect(x - w / 2, y - h / 2, w, h);
  g.lineStyle(Math.max(1.2, w * 0.09), line, 1);
  g.strokeRect(x - w / 2, y - h / 2, w, h);
  g.beginPath();
  g.moveTo(x - w / 2, y - h / 2);
  g.lineTo(x, y + h * 0.08);
  g.lineTo(x + w / 2, y - h / 2);
  g.strokePath();
}

/** Diagonal hatching inside a rectangle: the danger zone, visible without colour. */
export function hatch(g: Graphics, x: number, y: number, w: number, h: number): void {
  g.lineStyle(1.5, HATCH.color, HATCH.alpha + 0.25);
  const step = 4.5;
  for (let d = -h; d < w; d += step) {
    // The line x = x0 + d + t, y = y0 + h - t for t in [0, h], clipped to the rectangle.
    const t0 = Math.max(0, -d);
    const t1 = Math.min(h, w - d);
    if (t1 <= t0) continue;
    g.lineBetween(x + d + t0, y + h - t0, x + d + t1, y + h - t1);
  }
}
