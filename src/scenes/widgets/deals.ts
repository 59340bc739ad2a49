// The deals panel: each deal's clauses, a status glyph (a filling ring while it verifies, a tick,
// a cross) and a pip per round of verification; as many rows as fit, then a count of the rest.
// The rows, their words and their verification (with any inspections speed-up) are the seat
// model's (src/game/model/scene.ts: dealsOf).
import type { DealRow, DealsModel } from '../../game/model/scene';
import type { DealStatus } from '../../game/types';
import { DEAL, SURFACE } from '../palette';
import type { Rect } from '../mapArt';
import type { Board } from './board';
import { clamp, panel } from './marks';
import { fontOf, measure, wrapText } from './text';

/** Deals: clauses, status glyph and verification pips. */
export function drawDeals(b: Board, model: DealsModel): void {
  const { layout, panels: g, text } = b;
  const r = layout.deals;
  if (!r) return;
  const u = layout.unit;
  panel(g, r, u);
  const pad = u * 0.8;
  const counts = model.counts;
  // The rows that fit, in the model's order: verifying, verified, collapsed; newest first.
  const deals = model.rows;
  const glyphR = u * 0.62;
  const textX = r.x + pad + glyphR * 2 + u * 0.6;
  const textW = r.x + r.w - pad - textX;
  const size = Math.round(u * 0.85);
  const small = Math.round(u * 0.75);
  const lineH = size * 1.3;
  const top = r.y + u * 2.0;
  const bottom = r.y + r.h - u * 0.5;
  const rows: { deal: DealRow; lines: string[]; y: number }[] = [];
  let y = top;
  for (const deal of deals) {
    const moreRoom = rows.length + 1 < deals.length ? u * 1.4 : 0;
    // Its clauses on two lines where they fit, else on one: in full, or by name only.
    const font = fontOf(size, 600);
    const fits = (title: string, maxLines: number, whole: boolean) => {
      const lines = wrapText(title, font, textW, maxLines);
      const rowH = lines.length * lineH + small * 1.3 + u * 0.75;
      if (whole && measure(title, font) > textW) return null;
      return y + rowH + moreRoom <= bottom ? { lines, rowH } : null;
    };
    const row =
      fits(deal.title, 2, false) ?? fits(deal.title, 1, true) ?? fits(deal.short, 1, false);
    if (!row) break;
    rows.push({ deal, lines: row.lines, y });
    y += row.rowH;
  }
  // Too short for even one row: the heading alone, centred, with the counts.
  const compact = r.h < u * 5.5 || (deals.length > 0 && rows.length === 0);

  const titleY = compact ? r.y + (r.h - u * 0.9) / 2 : r.y + u * 0.6;
  text.txt('deals.title', r.x + pad, titleY, 'DEALS', {
    size: small,
    color: SURFACE.panelMuted,
    weight: 700,
  });
  const summary =
    [
      counts.verifying ? `${counts.verifying} verifying` : '',
      counts.verified ? `${counts.verified} verified` : '',
      counts.collapsed ? `${counts.collapsed} collapsed` : '',
    ]
      .filter(Boolean)
      .join(' · ') || (compact ? 'none signed yet' : '');
  const titleW = measure('DEALS', fontOf(small, 700));
  const room = r.w - pad * 2 - titleW - u * 0.8;
  if (!compact || measure(summary, fontOf(small)) <= room || deals.length === 0) {
    text.txt('deals.summary', r.x + r.w - pad, titleY, summary, {
      size: small,
      color: compact ? SURFACE.panelInk : SURFACE.panelMuted,
      ox: 1,
    });
  } else {
    // No room for words: each status glyph (as in the list) with its count.
    let x = r.x + r.w - pad;
    const gr = u * 0.45;
    const cy = titleY + small * 0.6;
    for (const status of ['collapsed', 'verified', 'verifying'] as const) {
      if (!counts[status]) continue;
      const n = text.txt(`deals.count.${status}`, x, titleY, String(counts[status]), {
        size: Math.round(u * 0.85),
        color: SURFACE.panelInk,
        weight: 700,
        ox: 1,
      });
      x -= n.width + u * 0.3 + gr;
      dealGlyph(b, status, x, cy, gr, 0.5);
      x -= gr + u * 0.8;
    }
  }
  if (compact) return;
  if (deals.length === 0) {
    text.txt('deals.none', r.x + pad, top, 'No deal signed yet.', {
      size,
      color: SURFACE.panelMuted,
      italic: true,
    });
    return;
  }
  for (const row of rows)
    drawDeal(b, row.deal, r, row.y, row.lines, glyphR, textX, size, small, lineH);
  if (rows.length < deals.length) {
    text.txt('deals.more', r.x + pad, y, `+${deals.length - rows.length} more`, {
      size: Math.round(u * 0.78),
      color: SURFACE.panelMuted,
      italic: true,
    });
  }
}

function drawDeal(
  b: Board,
  deal: DealRow,
  r: Rect,
  y: number,
  lines: string[],
  glyphR: number,
  textX: number,
  size: number,
  small: number,
  lineH: number,
): void {
  const { panels: g, text } = b;
  const u = b.layout.unit;
  const pad = u * 0.8;
  const gy = y + glyphR + u * 0.1;
  const gx = r.x + pad + glyphR;
  const total = deal.pips;
  const done = deal.done;
  dealGlyph(b, deal.status, gx, gy, glyphR, total > 0 ? done / total : 0);
  text.txt(`deal.${deal.id}.t`, textX, y, lines.join('\n'), {
    size,
    color: deal.status === 'collapsed' ? SURFACE.panelMuted : SURFACE.panelInk,
    weight: 600,
  });
  const status = deal.statusText;
  const sy = y + lines.length * lineH + u * 0.05;
  const statusText = text.txt(`deal.${deal.id}.s`, textX, sy, status, {
    size: small,
    color: deal.status === 'verified' ? DEAL.verified : SURFACE.panelMuted,
    weight: deal.status === 'verified' ? 600 : 400,
  });
  if (deal.status === 'verifying' && total > 0) {
    // Pips: one per round of verification, filled as they pass.
    const pr = clamp(u * 0.24, 3, 5);
    const px0 = textX + statusText.width + u * 0.6;
    const py = sy + statusText.height / 2;
    for (let k = 0; k < total; k++) {
      const px = px0 + pr + k * pr * 2.8;
      if (px + pr > r.x + r.w - pad) break;
      if (k < done) {
        g.fillStyle(DEAL.verifying, 1);
        g.fillCircle(px, py, pr);
      } else {
        g.lineStyle(1.5, DEAL.verifying, 1);
        g.strokeCircle(px, py, pr - 0.5);
      }
    }
  }
}

/** A deal's status mark: a filling ring (verifying), a tick (verified), a cross (collapsed). */
function dealGlyph(
  b: Board,
  status: DealStatus,
  gx: number,
  gy: number,
  glyphR: number,
  frac: number,
): void {
  const g = b.panels;
  const u = b.layout.unit;
  if (status === 'verified') {
    g.fillStyle(DEAL.verified, 1);
    g.fillCircle(gx, gy, glyphR);
    g.lineStyle(Math.max(1.5, glyphR * 0.26), 0xffffff, 1);
    g.beginPath();
    g.moveTo(gx - glyphR * 0.45, gy + glyphR * 0.02);
    g.lineTo(gx - glyphR * 0.1, gy + glyphR * 0.38);
    g.lineTo(gx + glyphR * 0.5, gy - glyphR * 0.35);
    g.strokePath();
  } else if (status === 'collapsed') {
    g.lineStyle(Math.max(1.5, glyphR * 0.22), DEAL.collapsed, 1);
    g.strokeCircle(gx, gy, glyphR - 1);
    const k = glyphR * 0.4;
    g.lineBetween(gx - k, gy - k, gx + k, gy + k);
    g.lineBetween(gx - k, gy + k, gx + k, gy - k);
  } else {
    const w = Math.max(2, Math.min(u * 0.2, glyphR * 0.32));
    g.lineStyle(w, DEAL.pipEmpty, 1);
    g.strokeCircle(gx, gy, glyphR - w / 2);
    g.lineStyle(w, DEAL.verifying, 1);
    g.beginPath();
    const end = -Math.PI / 2 + Math.max(0.05, frac) * Math.PI * 2;
    g.arc(gx, gy, glyphR - w / 2, -Math.PI / 2, end, false);
    g.strokePath();
    g.fillStyle(DEAL.verifying, 1);
    g.fillCircle(gx, gy, glyphR * 0.22);
  }
}
