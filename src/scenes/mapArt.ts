// The theatre as a stylised map, painted once per size with the Canvas 2D API into a Phaser canvas
// texture: parchment land, water shaped around the shipping lanes (the scenario has no coastlines,
// so the sea is suggested by the lanes that cross it), a faint graticule, the lanes, the places with
// their labels and the three capitals marked with their seats' shapes. Nothing here moves, so none
// of it costs anything per frame.
import type { Scenario } from '../game/scenario/schema';
import type { Seat } from '../game/types';
import { FONT, SEAT_STYLE, SURFACE, css, type SeatShape } from './palette';

export type Point = readonly [number, number];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Normalised theatre coordinates (0..1) to pixels inside the map card. */
export interface Projection {
  box: Rect;
  at(p: Point): Point;
}

export function makeProjection(card: Rect, unit: number): Projection {
  // Room for labels around the theatre, and an aspect kept between square and wide so the map
  // neither squashes on a phone nor stretches on a wide screen.
  const padX = Math.max(unit * 1.6, card.w * 0.045);
  const padY = Math.max(unit * 1.4, card.h * 0.06);
  let w = card.w - 2 * padX;
  let h = card.h - 2 * padY;
  const aspect = w / h;
  if (aspect > 1.75) w = h * 1.75;
  if (aspect < 0.95) h = w / 0.95;
  const box = { x: card.x + (card.w - w) / 2, y: card.y + (card.h - h) / 2, w, h };
  return { box, at: ([nx, ny]) => [box.x + nx * box.w, box.y + ny * box.h] };
}

/** The outline of a seat's mark, centred on (x, y), with "radius" r. */
export function shapePoints(shape: SeatShape, x: number, y: number, r: number): Point[] {
  switch (shape) {
    case 'square': {
      const s = r * 0.86;
      return [
        [x - s, y - s],
        [x + s, y - s],
        [x + s, y + s],
        [x - s, y + s],
      ];
    }
    case 'triangle':
      return [
        [x, y - r * 1.12],
        [x + r * 1.05, y + r * 0.72],
        [x - r * 1.05, y + r * 0.72],
      ];
    case 'diamond':
      return [
        [x, y - r * 1.15],
        [x + r * 1.05, y],
        [x, y + r * 1.15],
        [x - r * 1.05, y],
      ];
  }
}

/** A starburst (the incident mark). */
export function starPoints(x: number, y: number, r: number, spikes = 8): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < spikes * 2; i++) {
    const a = (Math.PI * i) / spikes - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r * 0.5;
    out.push([x + Math.cos(a) * rr, y + Math.sin(a) * rr]);
  }
  return out;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A small deterministic generator, so the same scenario always paints the same map. */
function lcg(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const WATER_WORDS = /\b(sea|seas|strait|straits|gulf|ocean|bay|channel|sound|passage|bight)\b/i;

/** A place named as a body of water gets an italic label and no dot. */
export function isWaterPlace(name: string): boolean {
  return WATER_WORDS.test(name);
}

interface Disc {
  x: number;
  y: number;
  r: number;
}

/** Discs along every lane: the water. Wider where lanes meet and where they leave the map. */
function waterDiscs(scenario: Scenario, proj: Projection, base: number): Disc[] {
  const discs: Disc[] = [];
  const key = (p: Point) => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;
  const uses = new Map<string, number>();
  for (const lane of scenario.theatre.lanes)
    for (const p of lane.path) uses.set(key(p), (uses.get(key(p)) ?? 0) + 1);

  for (const lane of scenario.theatre.lanes) {
    const pts = lane.path.map((p) => [...p] as [number, number]);
    // A lane that ends near the edge of the theatre runs on off the map.
    for (const end of [0, pts.length - 1]) {
      const p = pts[end]!;
      const edge = 0.09;
      if (p[0] < edge) p[0] = -0.08;
      else if (p[0] > 1 - edge) p[0] = 1.08;
      if (p[1] < edge) p[1] = -0.08;
      else if (p[1] > 1 - edge) p[1] = 1.08;
    }
    const proj2 = pts.map((p) => proj.at(p));
    const h = hash(lane.id);
    const ph = [(h % 628) / 100, ((h >> 8) % 628) / 100, ((h >> 16) % 628) / 100];
    const step = Math.max(2, base * 0.22);
    let run = 0;
    for (let i = 1; i < proj2.length; i++) {
      const [x0, y0] = proj2[i - 1]!;
      const [x1, y1] = proj2[i]!;
      const len = Math.hypot(x1 - x0, y1 - y0);
      const n = Math.max(1, Math.ceil(len / step));
      for (let k = 0; k <= n; k++) {
        const t = k / n;
        const s = (run + t * len) / base;
        const wobble =
          0.5 * Math.sin(s * 0.9 + ph[0]!) +
          0.3 * Math.sin(s * 2.1 + ph[1]!) +
          0.2 * Math.sin(s * 4.3 + ph[2]!);
        discs.push({ x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t, r: base * (1 + 0.3 * wobble) });
      }
      run += len;
    }
    // Junctions and ports: a bay.
    lane.path.forEach((p, i) => {
      const joined = (uses.get(key(p)) ?? 0) > 1;
      const [x, y] = proj2[i]!;
      if (joined) discs.push({ x, y, r: base * 1.9 });
    });
  }
  return discs;
}

function fillDiscs(ctx: CanvasRenderingContext2D, discs: Disc[], grow: number, color: string) {
  ctx.fillStyle = color;
  ctx.beginPath();
  for (const d of discs) {
    const r = Math.max(0, d.r + grow);
    ctx.moveTo(d.x + r, d.y);
    ctx.arc(d.x, d.y, r, 0, Math.PI * 2);
  }
  ctx.fill();
}

function roundRectPath(ctx: CanvasRenderingContext2D, r: Rect, radius: number) {
  ctx.beginPath();
  ctx.roundRect(r.x, r.y, r.w, r.h, radius);
}

function pathPoints(ctx: CanvasRenderingContext2D, pts: readonly Point[]) {
  ctx.beginPath();
  pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.closePath();
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Whether two boxes overlap or come within `margin` pixels of each other. */
const overlaps = (a: Box, b: Box, margin = 2) =>
  a.x < b.x + b.w + margin &&
  b.x < a.x + a.w + margin &&
  a.y < b.y + b.h + margin &&
  b.y < a.y + a.h + margin;

/** Where each seat's capital sits in pixels, for the scene's couriers and overlays. */
export type CapitalPoints = Record<Seat, Point>;

export function capitalPoints(scenario: Scenario, proj: Projection): CapitalPoints {
  const at = (id: string): Point => {
    const place = scenario.theatre.places.find((p) => p.id === id);
    return place ? proj.at(place.at) : proj.at([0.5, 0.5]);
  };
  return {
    '0': at(scenario.seats.A.capital),
    '1': at(scenario.seats.B.capital),
    '2': at(scenario.seats.broker.capital),
  };
}

export interface PaintedMap {
  /** Pixel boxes already taken by marks and labels, so overlays can avoid them. */
  taken: Box[];
}

/**
 * Paints the map card of size w×h into ctx (whose origin is the card's top-left corner).
 * `proj` must be made for the card at (0, 0).
 */
export function paintMap(
  ctx: CanvasRenderingContext2D,
  scenario: Scenario,
  proj: Projection,
  w: number,
  h: number,
  unit: number,
): PaintedMap {
  const card = { x: 0, y: 0, w, h };
  const radius = Math.min(14, unit * 0.8);
  ctx.clearRect(0, 0, w, h);
  ctx.save();
  roundRectPath(ctx, card, radius);
  ctx.clip();

  // Land: parchment with a soft vignette and a little grain.
  ctx.fillStyle = css(SURFACE.land);
  ctx.fillRect(0, 0, w, h);
  const vignette = ctx.createRadialGradient(
    w / 2,
    h / 2,
    Math.min(w, h) * 0.25,
    w / 2,
    h / 2,
    Math.hypot(w, h) * 0.6,
  );
  vignette.addColorStop(0, css(SURFACE.land, 0));
  vignette.addColorStop(1, css(SURFACE.landShade, 0.9));
  ctx.fillStyle = vignette;
  ctx.fillRect(0, 0, w, h);
  const rand = lcg(hash(scenario.id));
  ctx.fillStyle = css(SURFACE.mapMuted, 0.06);
  for (let i = 0; i < (w * h) / 900; i++) ctx.fillRect(rand() * w, rand() * h, 1.4, 1.4);

  // Water.
  const base = Math.max(8, Math.min(44, Math.min(proj.box.w, proj.box.h) * 0.068));
  const discs = waterDiscs(scenario, proj, base);
  const px = Math.max(1, unit / 14);
  fillDiscs(ctx, discs, 7 * px, css(SURFACE.sea, 0.45));
  fillDiscs(ctx, discs, 4.5 * px, css(SURFACE.land));
  fillDiscs(ctx, discs, 2 * px, css(SURFACE.coast, 0.85));
  fillDiscs(ctx, discs, 0, css(SURFACE.sea));
  // Water-lining: thin lines that follow the coast inside the sea, as on engraved charts.
  fillDiscs(ctx, discs, -4 * px, css(SURFACE.seaDeep, 0.9));
  fillDiscs(ctx, discs, -5.5 * px, css(SURFACE.sea));
  fillDiscs(ctx, discs, -10 * px, css(SURFACE.seaDeep, 0.55));
  fillDiscs(ctx, discs, -11.2 * px, css(SURFACE.sea));

  // Relief: faint hill marks in clusters on land well away from the water.
  ctx.strokeStyle = css(SURFACE.coast, 0.38);
  ctx.lineWidth = Math.max(1, px);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const cell = Math.max(14, unit * 1.6);
  const hr = lcg(hash(scenario.id) ^ 0x9e3779b9);
  ctx.beginPath();
  for (let gy = cell / 2; gy < h; gy += cell * 0.8) {
    for (let gx = cell / 2; gx < w; gx += cell) {
      const x = gx + (hr() - 0.5) * cell * 0.8;
      const y = gy + (hr() - 0.5) * cell * 0.5;
      const field =
        Math.sin(x * 0.011 + 1.3) * Math.cos(y * 0.014 - 0.7) +
        0.5 * Math.sin((x + y) * 0.021 + 2.1);
      if (field < 0.7 || hr() < 0.35) continue;
      const a = cell * (0.22 + hr() * 0.12);
      if (discs.some((d) => Math.hypot(d.x - x, d.y - y) < d.r + a + 10 * px)) continue;
      ctx.moveTo(x - a, y + a * 0.45);
      ctx.lineTo(x, y - a * 0.45);
      ctx.lineTo(x + a, y + a * 0.45);
    }
  }
  ctx.stroke();

  // Graticule.
  ctx.strokeStyle = css(SURFACE.grid, 0.16);
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i <= 8; i++) {
    const x = Math.round(proj.box.x + (proj.box.w * i) / 8) + 0.5;
    const y = Math.round(proj.box.y + (proj.box.h * i) / 8) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, h);
    ctx.moveTo(0, y);
    ctx.lineTo(w, y);
  }
  ctx.stroke();

  // Shipping lanes: dashed, in ink blue.
  ctx.save();
  ctx.strokeStyle = css(SURFACE.lane, 0.7);
  ctx.lineWidth = Math.max(1.2, px * 1.5);
  ctx.setLineDash([px * 7, px * 5]);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const lane of scenario.theatre.lanes) {
    ctx.beginPath();
    lane.path.forEach((p, i) => {
      const [x, y] = proj.at(p);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  ctx.restore();

  // Places and capitals.
  const taken: Box[] = [];
  const capitals = new Map<string, Seat>([
    [scenario.seats.A.capital, '0'],
    [scenario.seats.B.capital, '1'],
    [scenario.seats.broker.capital, '2'],
  ]);
  const role: Record<Seat, string> = { '0': 'Principal A', '1': 'Principal B', '2': 'Broker' };
  const markR = Math.max(7, unit * 0.72);
  const dotR = Math.max(2.5, unit * 0.2);
  // Names shrink a little on a small map rather than cover each other.
  const fit = Math.min(w, h) / 26;
  const smallFont = Math.max(10, Math.round(Math.min(unit * 0.78, fit)));
  const capFont = Math.max(11, Math.round(Math.min(unit * 0.9, fit * 1.1)));

  // Marks first, so labels avoid every mark.
  for (const place of scenario.theatre.places) {
    const [x, y] = proj.at(place.at);
    const seat = capitals.get(place.id);
    if (seat)
      taken.push({ x: x - markR * 1.3, y: y - markR * 1.3, w: markR * 2.6, h: markR * 2.6 });
    else if (!isWaterPlace(place.name)) {
      // A dot, or an incident's star over it.
      const r = Math.max(dotR + 2, unit * 0.55);
      taken.push({ x: x - r, y: y - r, w: r * 2, h: r * 2 });
    }
  }

  const halo = (draw: () => void, width: number) => {
    ctx.save();
    ctx.strokeStyle = css(SURFACE.halo, 0.92);
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    draw();
    ctx.restore();
  };

  /**
   * Tries label positions around a mark and returns the clearest; null for an optional label that
   * cannot be placed without covering another (small maps drop minor names rather than pile them).
   */
  const placeLabel = (
    x: number,
    y: number,
    bw: number,
    bh: number,
    gap: number,
    optional = false,
  ): Box | null => {
    const cands: Box[] = [
      ...(gap === 0 ? [{ x: x - bw / 2, y: y - bh / 2, w: bw, h: bh }] : []),
      { x: x + gap, y: y - bh / 2, w: bw, h: bh },
      { x: x - gap - bw, y: y - bh / 2, w: bw, h: bh },
      { x: x - bw / 2, y: y + gap * 0.8, w: bw, h: bh },
      { x: x - bw / 2, y: y - gap * 0.8 - bh, w: bw, h: bh },
      { x: x + gap * 0.7, y: y + gap * 0.4, w: bw, h: bh },
      { x: x + gap * 0.7, y: y - gap * 0.4 - bh, w: bw, h: bh },
      { x: x - gap * 0.7 - bw, y: y + gap * 0.4, w: bw, h: bh },
      { x: x - gap * 0.7 - bw, y: y - gap * 0.4 - bh, w: bw, h: bh },
    ];
    const inside = (b: Box) => b.x >= 4 && b.y >= 4 && b.x + b.w <= w - 4 && b.y + b.h <= h - 4;
    const clamp = (b: Box): Box => ({
      ...b,
      x: Math.min(Math.max(4, b.x), w - 4 - b.w),
      y: Math.min(Math.max(4, b.y), h - 4 - b.h),
    });
    let best = clamp(cands[0]!);
    let bestScore = Infinity;
    cands.forEach((c0, i) => {
      const c = inside(c0) ? c0 : clamp(c0);
      const hits = taken.filter((t) => overlaps(t, c)).length;
      const score = hits * 100 + (inside(c0) ? 0 : 10) + i;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    });
    if (optional && bestScore >= 100) return null;
    taken.push(best);
    return best;
  };

  // Capitals: the seat's mark with its letter, the name in capitals and the role beneath.
  for (const [placeId, seat] of capitals) {
    const place = scenario.theatre.places.find((p) => p.id === placeId);
    if (!place) continue;
    const [x, y] = proj.at(place.at);
    const style = SEAT_STYLE[seat];
    const pts = shapePoints(style.shape, x, y, markR);
    ctx.save();
    ctx.shadowColor = 'rgba(0,0,0,0.25)';
    ctx.shadowBlur = markR * 0.6;
    ctx.shadowOffsetY = markR * 0.15;
    pathPoints(ctx, pts);
    ctx.fillStyle = css(style.color);
    ctx.fill();
    ctx.restore();
    pathPoints(ctx, pts);
    ctx.lineWidth = Math.max(1.5, px * 1.6);
    ctx.strokeStyle = css(SURFACE.mapInk);
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 ${Math.round(markR * (style.tag.length > 1 ? 0.78 : 1.05))}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(style.tag, x, y + (style.shape === 'triangle' ? markR * 0.2 : 0) + 0.5);

    const name = place.name.toUpperCase();
    ctx.font = `700 ${capFont}px ${FONT}`;
    const nameW = ctx.measureText(name).width;
    ctx.font = `600 ${smallFont}px ${FONT}`;
    const roleW = ctx.measureText(role[seat]).width;
    const bw = Math.max(nameW, roleW);
    const bh = capFont + smallFont + 3;
    const b = placeLabel(x, y, bw, bh, markR * 2.4)!;
    const right = b.x + b.w < x;
    ctx.textAlign = right ? 'right' : b.x > x ? 'left' : 'center';
    const tx = right ? b.x + b.w : b.x > x ? b.x : b.x + b.w / 2;
    ctx.textBaseline = 'top';
    ctx.font = `700 ${capFont}px ${FONT}`;
    halo(() => ctx.strokeText(name, tx, b.y), 4);
    ctx.fillStyle = css(SURFACE.mapInk);
    ctx.fillText(name, tx, b.y);
    ctx.font = `600 ${smallFont}px ${FONT}`;
    halo(() => ctx.strokeText(role[seat], tx, b.y + capFont + 3), 4);
    ctx.fillStyle = css(style.color);
    ctx.fillText(role[seat], tx, b.y + capFont + 3);
  }

  // Other places: a dot and a label, or an italic label for a body of water. Places where
  // incidents strike are named first; names that no longer fit are left out on small maps.
  const struck = new Set(scenario.incidents.map((c) => c.place));
  const others = scenario.theatre.places
    .filter((p) => !capitals.has(p.id))
    .sort((a, b) => Number(struck.has(b.id)) - Number(struck.has(a.id)));
  for (const place of others) {
    const [x, y] = proj.at(place.at);
    const water = isWaterPlace(place.name);
    ctx.textBaseline = 'top';
    if (water) {
      ctx.font = `italic 500 ${smallFont}px ${FONT}`;
      const bw = ctx.measureText(place.name).width;
      const b = placeLabel(x, y, bw, smallFont + 2, 0, true);
      if (!b) continue;
      ctx.textAlign = 'left';
      halo(() => ctx.strokeText(place.name, b.x, b.y), 3);
      ctx.fillStyle = css(SURFACE.lane);
      ctx.fillText(place.name, b.x, b.y);
      continue;
    }
    ctx.beginPath();
    ctx.arc(x, y, dotR + 1.5, 0, Math.PI * 2);
    ctx.fillStyle = css(SURFACE.halo);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(x, y, dotR, 0, Math.PI * 2);
    ctx.fillStyle = css(SURFACE.mapInk);
    ctx.fill();
    ctx.font = `500 ${smallFont}px ${FONT}`;
    const bw = ctx.measureText(place.name).width;
    const b = placeLabel(x, y, bw, smallFont + 2, Math.max(dotR + 5, unit * 0.75), true);
    if (!b) continue;
    ctx.textAlign = 'left';
    halo(() => ctx.strokeText(place.name, b.x, b.y), 3);
    ctx.fillStyle = css(SURFACE.mapMuted);
    ctx.fillText(place.name, b.x, b.y);
  }

  // The theatre's name in a cartouche, in the free corner, and a north arrow.
  const titleFont = Math.max(12, Math.round(unit * 0.95));
  ctx.font = `italic 600 ${titleFont}px ${FONT}`;
  const tw = ctx.measureText(scenario.theatre.name).width + titleFont * 1.4;
  const th = titleFont * 2;
  const m = Math.max(8, unit * 0.6);
  const corners: Box[] = [
    { x: m, y: h - m - th, w: tw, h: th },
    { x: w - m - tw, y: h - m - th, w: tw, h: th },
    { x: m, y: m, w: tw, h: th },
    { x: w - m - tw, y: m, w: tw, h: th },
  ];
  const free = (b: Box) => taken.filter((t) => overlaps(t, b)).length;
  // On a small map the map keeps its room for places: no cartouche, no north arrow.
  const roomy = Math.min(w, h) >= 300;
  const title = roomy ? corners.find((b) => free(b) === 0) : undefined;
  if (title) {
    ctx.fillStyle = css(SURFACE.halo, 0.85);
    roundRectPath(ctx, title, th / 2);
    ctx.fill();
    ctx.strokeStyle = css(SURFACE.coast, 0.8);
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.fillStyle = css(SURFACE.mapInk);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(scenario.theatre.name, title.x + title.w / 2, title.y + title.h / 2 + 1);
    taken.push(title);
  }

  const nr = Math.max(9, unit * 0.8);
  const northCands: Box[] = [
    { x: w - m - nr * 2, y: m, w: nr * 2, h: nr * 3 },
    { x: m, y: m, w: nr * 2, h: nr * 3 },
    { x: w - m - nr * 2, y: h - m - nr * 3, w: nr * 2, h: nr * 3 },
  ];
  const north = roomy ? northCands.find((b) => free(b) === 0) : undefined;
  if (north) {
    const cx = north.x + nr;
    const cy = north.y + nr * 1.9;
    ctx.fillStyle = css(SURFACE.mapInk, 0.75);
    ctx.beginPath();
    ctx.moveTo(cx, cy - nr);
    ctx.lineTo(cx + nr * 0.45, cy + nr * 0.55);
    ctx.lineTo(cx, cy + nr * 0.25);
    ctx.lineTo(cx - nr * 0.45, cy + nr * 0.55);
    ctx.closePath();
    ctx.fill();
    ctx.font = `700 ${Math.round(nr * 0.9)}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('N', cx, cy - nr - 1);
  }

  ctx.restore();
  // The card's edge.
  roundRectPath(ctx, { x: 0.5, y: 0.5, w: w - 1, h: h - 1 }, radius);
  ctx.strokeStyle = css(SURFACE.coast, 0.9);
  ctx.lineWidth = 1;
  ctx.stroke();
  return { taken };
}
