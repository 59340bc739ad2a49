// The table's colours and marks. Colours come from the Okabe–Ito palette, which stays distinct
// under the common colour-vision deficiencies; every colour is paired with a shape, a pattern or a
// word, so nothing on the table is told by colour alone.
import type { TrackName } from '../game/scenario/schema';
import type { Seat } from '../game/types';

/** The eight Okabe–Ito colours, as 0xRRGGBB numbers. */
export const OKABE_ITO = {
  black: 0x000000,
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
} as const;

/** The mark that stands for a seat wherever it appears (capital, courier, gauge). */
export type SeatShape = 'square' | 'triangle' | 'diamond';

export interface SeatStyle {
  /** The seat's colour on the light map. */
  color: number;
  /** The same hue, lighter, for use on the dark table around the map. */
  onDark: number;
  shape: SeatShape;
  /** A short tag printed inside the mark on the map (A, B, Br). */
  tag: string;
}

export const SEAT_STYLE: Record<Seat, SeatStyle> = {
  '0': { color: OKABE_ITO.blue, onDark: OKABE_ITO.skyBlue, shape: 'square', tag: 'A' },
  '1': { color: OKABE_ITO.vermillion, onDark: 0xf07a2e, shape: 'triangle', tag: 'B' },
  '2': { color: 0xa8557f, onDark: OKABE_ITO.reddishPurple, shape: 'diamond', tag: 'Br' },
};

/** The surfaces: a dark table, a parchment map on it, light ink on the dark panels. */
export const SURFACE = {
  table: 0x17212b,
  panel: 0x1f2b37,
  panelEdge: 0x33414f,
  panelInk: 0xeef2f5,
  panelMuted: 0x9fb0bf,
  land: 0xeadfc8,
  landShade: 0xdccfb2,
  coast: 0x9c8a68,
  sea: 0xb4d3dc,
  seaDeep: 0x9cc3cf,
  lane: 0x2b5673,
  grid: 0x6b7d86,
  mapInk: 0x2a2622,
  mapMuted: 0x5d554b,
  halo: 0xf7f1e3,
} as const;

/** Incidents: an orange starburst with a black outline. */
export const INCIDENT = { fill: OKABE_ITO.orange, edge: 0x2a2622, label: 0x2a2622 } as const;

/** Deals: the status is carried by a glyph (pips, a tick, a cross) as well as the colour. */
export const DEAL = {
  verifying: OKABE_ITO.skyBlue,
  verified: OKABE_ITO.bluishGreen,
  collapsed: 0x8a96a3,
  pipEmpty: 0x46586a,
} as const;

/** A track, as the gauges name it. */
export type TrackKey = TrackName;

/** How a track is drawn (its words are the seat model's, from src/game/words.ts). */
export interface TrackStyle {
  color: number;
  /** The seat the track belongs to, if any: its mark is drawn beside the label. */
  seat?: Seat;
}

export const TRACK_STYLE: Record<TrackKey, TrackStyle> = {
  escalation: { color: OKABE_ITO.orange },
  oilLeak: { color: OKABE_ITO.yellow },
  oilPrice: { color: 0xe8d36a },
  pressureA: { color: OKABE_ITO.skyBlue, seat: '0' },
  pressureB: { color: 0xf07a2e, seat: '1' },
  capital: { color: OKABE_ITO.reddishPurple, seat: '2' },
  breakout: { color: 0xe38b8b },
};

/** Danger zones on a gauge are hatched, not only coloured. */
export const HATCH = { color: 0xffffff, alpha: 0.28 } as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif';

/** `#rrggbb` for Text styles and the Canvas 2D API. */
export function css(color: number, alpha = 1): string {
  if (alpha >= 1) return `#${color.toString(16).padStart(6, '0')}`;
  const r = (color >> 16) & 0xff;
  const g = (color >> 8) & 0xff;
  const b = color & 0xff;
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
