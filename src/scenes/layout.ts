// Where each part of the table goes for a given canvas size: the map beside a column of panels on
// wide screens, and stacked (clock, map, gauges, deals) on narrow ones. Pure, so it can be tested.
import type { Rect } from './mapArt';

export interface TableLayout {
  width: number;
  height: number;
  /** The base text size in pixels; every other size is a multiple of it. */
  unit: number;
  gap: number;
  wide: boolean;
  /**
   * A short or small landscape box (a phone's 16:10 board): a slim clock, gauges without their
   * heading, and the deals as a one-line summary.
   */
  compact: boolean;
  map: Rect;
  clock: Rect;
  gauges: Rect;
  gaugeColumns: number;
  /** Null when there is no room for the deals panel (they are then summarised on the clock). */
  deals: Rect | null;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export const GAUGE_COUNT = 7;

export function computeLayout(width: number, height: number): TableLayout {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const landscape = w / h >= 1.05;
  const unit = landscape
    ? clamp(Math.round(Math.min(w, h * 1.6) / 72), 12, 18)
    : clamp(Math.round(w / 52), 12, 16);
  const gap = Math.round(unit * 0.75);
  /** Below this the deals panel shows a one-line summary instead of its rows. */
  const dealsMin = Math.round(unit * 3.4);
  const compact = landscape && (w < 600 || h < unit * 33 + gap * 2);
  const wide = landscape && !compact;

  if (compact) {
    // The map beside a slim column: clock, seven gauges, and the deals summed up in a line.
    const side = clamp(Math.round(w * 0.4), 150, 300);
    const map = { x: gap, y: gap, w: w - side - gap * 3, h: h - gap * 2 };
    const x = w - side - gap;
    const clockH = Math.round(unit * 3.6);
    const dealsH = Math.round(unit * 2.5);
    const clock = { x, y: gap, w: side, h: clockH };
    const gaugesH = h - gap * 4 - clockH - dealsH;
    const gauges = { x, y: clock.y + clockH + gap, w: side, h: gaugesH };
    const deals = { x, y: gauges.y + gaugesH + gap, w: side, h: dealsH };
    return {
      width: w,
      height: h,
      unit,
      gap,
      wide: true,
      compact,
      map,
      clock,
      gauges,
      gaugeColumns: 1,
      deals,
    };
  }

  if (wide) {
    const side = clamp(Math.round(unit * 22), 260, 420);
    const map = { x: gap, y: gap, w: w - side - gap * 3, h: h - gap * 2 };
    const x = w - side - gap;
    const clockH = Math.round(unit * 7.4);
    const header = unit * 2.2;
    const inner = h - gap * 2;
    // Room below the gauges for the deals' heading and at least one deal.
    const rowRoom = (inner - clockH - header - unit * 6.6 - gap * 2) / GAUGE_COUNT;
    const rowH = clamp(rowRoom, unit * 2.0, unit * 2.75);
    const gaugesH = Math.round(header + rowH * GAUGE_COUNT + unit * 0.4);
    const clock = { x, y: gap, w: side, h: clockH };
    const gauges = { x, y: clock.y + clockH + gap, w: side, h: gaugesH };
    const dealsY = gauges.y + gaugesH + gap;
    const dealsH = h - gap - dealsY;
    const deals = dealsH >= dealsMin ? { x, y: dealsY, w: side, h: dealsH } : null;
    const base = { width: w, height: h, unit, gap, wide, compact: false, map, clock, gauges };
    return { ...base, gaugeColumns: 1, deals };
  }

  const inner = w - gap * 2;
  const clockH = Math.round(unit * 6.2);
  const clock = { x: gap, y: gap, w: inner, h: clockH };
  const columns = inner >= 300 ? 2 : 1;
  const rows = Math.ceil(GAUGE_COUNT / columns);
  const gaugesH = Math.round(unit * 2.2 + rows * unit * 2.6 + unit * 0.4);
  const fixed = gap * 5 + clockH + gaugesH;
  // The map takes what is left after room for a few deals; on a short screen, after a summary.
  const smallest = Math.min(inner * 0.6, 220);
  let mapH = Math.min(inner * 0.95, h - fixed - unit * 11);
  if (mapH < smallest) mapH = Math.min(inner * 0.95, h - fixed - dealsMin);
  mapH = Math.round(Math.max(mapH, Math.min(smallest, 160)));
  const map = { x: gap, y: clock.y + clockH + gap, w: inner, h: mapH };
  const gauges = { x: gap, y: map.y + mapH + gap, w: inner, h: gaugesH };
  const dealsY = gauges.y + gaugesH + gap;
  const dealsH = h - gap - dealsY;
  const deals = dealsH >= dealsMin ? { x: gap, y: dealsY, w: inner, h: dealsH } : null;
  const base = { width: w, height: h, unit, gap, wide: false, compact: false, map, clock, gauges };
  return { ...base, gaugeColumns: columns, deals };
}
