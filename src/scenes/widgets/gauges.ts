// The tracks as gauges: a label, the number, and a segmented bar with its danger zones hatched;
// the intelligence estimate as a tick under the true value where the seat knows both. Every
// number, zone and note is the seat model's (src/game/model/scene.ts: gaugesOf).
import { inZone, type GaugeModel } from '../../game/model/scene';
import { SEAT_STYLE, SURFACE, TRACK_STYLE } from '../palette';
import type { Board } from './board';
import { clamp, hatch, mark, panel } from './marks';
import { fitText, fontOf } from './text';

/** A gauge per track: label, number, and a segmented bar with its danger zone hatched. */
export function drawGauges(b: Board, gauges: GaugeModel[]): void {
  const { layout, panels: g, text } = b;
  const r = layout.gauges;
  const u = layout.unit;
  panel(g, r, u);
  const compact = layout.compact;
  const pad = compact ? u * 0.6 : u * 0.8;
  if (!compact) {
    text.txt('gauges.title', r.x + pad, r.y + u * 0.6, 'TRACKS', {
      size: Math.round(u * 0.75),
      color: SURFACE.panelMuted,
      weight: 700,
    });
    // Legend for the hatching.
    const lx = r.x + r.w - pad;
    const legend = text.txt('gauges.legend', lx, r.y + u * 0.6, 'danger zone', {
      size: Math.round(u * 0.75),
      color: SURFACE.panelMuted,
      ox: 1,
    });
    const sw = u * 1.1;
    const sx = lx - legend.width - u * 0.4 - sw;
    const sy = r.y + u * 0.6 + legend.height / 2 - u * 0.3;
    g.fillStyle(SURFACE.panelEdge, 1);
    g.fillRect(sx, sy, sw, u * 0.6);
    hatch(g, sx, sy, sw, u * 0.6);
  }

  const rows = gauges;

  const cols = layout.gaugeColumns;
  const top = r.y + (compact ? u * 0.45 : u * 2.2);
  const colGap = u * 1.2;
  const colW = (r.w - pad * 2 - colGap * (cols - 1)) / cols;
  const rowsPerCol = Math.ceil(rows.length / cols);
  const rowH = (r.y + r.h - u * (compact ? 0.2 : 0.4) - top) / rowsPerCol;
  const labelSize = Math.round(u * (compact ? 0.8 : cols > 1 ? 0.82 : 0.88));

  rows.forEach((row, i) => {
    const col = cols > 1 ? i % cols : 0;
    const line = cols > 1 ? Math.floor(i / cols) : i;
    const x = r.x + pad + col * (colW + colGap);
    const y = top + line * rowH;
    const style = TRACK_STYLE[row.key];
    let labelX = x;
    if (style.seat) {
      const s = SEAT_STYLE[style.seat];
      const mr = labelSize * 0.42;
      mark(g, s.shape, x + mr, y + labelSize * 0.6, mr, s.onDark, SURFACE.panel);
      labelX = x + mr * 2 + u * 0.35;
    }
    const value = text.txt(`g.${row.key}.v`, x + colW, y - u * 0.1, row.text, {
      size: Math.round(u * (compact ? 0.85 : 1.0)),
      color: SURFACE.panelInk,
      weight: 700,
      ox: 1,
    });
    let noteW = 0;
    if (row.note) {
      const note = text.txt(
        `g.${row.key}.n`,
        x + colW - value.width - u * 0.4,
        y + u * 0.05,
        row.note,
        {
          size: Math.round(u * 0.72),
          color: row.alarm ? TRACK_STYLE.escalation.color : SURFACE.panelMuted,
          weight: 600,
          italic: true,
          ox: 1,
        },
      );
      noteW = note.width + u * 0.4;
    }
    // The full label if it fits, else the short one (shortened further if need be).
    const room = colW - (labelX - x) - value.width - noteW - u * 0.5;
    const font = fontOf(labelSize, 500);
    const full = compact ? '' : fitText(row.label, font, room);
    const labelText = full === row.label ? full : fitText(row.short, font, room);
    text.txt(`g.${row.key}.l`, labelX, y, labelText, {
      size: labelSize,
      color: SURFACE.panelInk,
      weight: 500,
    });

    // The bar: one segment per step of the track.
    const barY = compact ? y + labelSize * 1.3 : y + Math.max(labelSize * 1.35, u * 1.3);
    const barH = compact ? clamp(rowH - labelSize * 1.3 - u * 0.35, 3, 8) : clamp(u * 0.55, 6, 10);
    const n = Math.max(1, row.max - row.min);
    const segGap = n > 8 ? 2 : 3;
    const segW = (colW - segGap * (n - 1)) / n;
    for (let k = 0; k < n; k++) {
      const sx2 = x + k * (segW + segGap);
      const filled = row.value - row.min > k;
      g.fillStyle(filled ? style.color : SURFACE.panelEdge, 1);
      g.fillRect(sx2, barY, segW, barH);
      if (inZone(row, row.min + k + 1)) hatch(g, sx2, barY, segW, barH);
    }
    if (row.marker !== null) {
      // The intelligence estimate, as a tick under its segment.
      const k = clamp(row.marker - row.min - 0.5, 0, n - 0.5);
      const mx = x + k * (segW + segGap) + (k === 0 ? 4 : 0);
      g.fillStyle(SURFACE.panelInk, 1);
      g.fillTriangle(mx, barY + barH + 1, mx - 4, barY + barH + 7, mx + 4, barY + barH + 7);
    }
  });
}
