// The debrief's charts: every track over the rounds, one small panel a track (a described SVG,
// solid and dashed lines with a word in the legend, not colour alone), and the same numbers as a
// table. Track labels and ranges are the seat model's.
import type { TrackName } from '../../game/scenario/schema';
import { seatModel, seatName, type TrackModel } from '../../game/seat-model';
import type { SeatView } from '../../game/types';
import { getScenario } from '../../game/scenario';
import { h } from '../dom';

// ---------------------------------------------------------------------------------------------
// Chart: every track over the rounds, one small panel a track, with the numbers as a table

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

interface Series {
  label: string;
  max: number;
  lines: { name: string; values: number[]; dashed?: boolean }[];
}

function seriesOf(G: SeatView): Series[] {
  const scenario = getScenario(G.options.scenario);
  const hist = G.history;
  const tracks = new Map(seatModel(G, null, () => 0).tracks.map((t) => [t.key, t]));
  const r = (k: TrackName): TrackModel => tracks.get(k)!;
  const pick = (f: (i: number) => number) => hist.map((_, i) => f(i));
  return [
    {
      label: r('escalation').label,
      max: r('escalation').max,
      lines: [
        {
          name: r('escalation').label,
          values: pick((i) => hist[i]!.tracks.escalation),
        },
      ],
    },
    {
      label: r('breakout').label,
      max: r('breakout').max,
      lines: [
        { name: 'true value', values: pick((i) => G.breakoutHistory[i] ?? NaN) },
        { name: 'public estimate', values: pick((i) => hist[i]!.estimate), dashed: true },
      ],
    },
    {
      label: r('oilLeak').label,
      max: r('oilLeak').max,
      lines: [
        {
          name: r('oilLeak').short,
          values: pick((i) => hist[i]!.tracks.oilLeak),
        },
      ],
    },
    {
      label: r('oilPrice').label,
      max: r('oilPrice').max,
      lines: [{ name: r('oilPrice').label, values: pick((i) => hist[i]!.tracks.oilPrice) }],
    },
    {
      label: 'Pressure',
      max: r('pressureA').max,
      lines: [
        {
          name: `on ${seatName(scenario, '0')}`,
          values: pick((i) => hist[i]!.tracks.pressureA),
        },
        {
          name: `on ${seatName(scenario, '1')}`,
          values: pick((i) => hist[i]!.tracks.pressureB),
          dashed: true,
        },
      ],
    },
    {
      label: r('capital').label,
      max: r('capital').max,
      lines: [
        {
          name: r('capital').short,
          values: pick((i) => hist[i]!.tracks.capital),
        },
      ],
    },
  ];
}

/** Round 0 is the start of the match; every other entry holds the tracks after its round. */
function pointLabels(G: SeatView): string[] {
  return G.history.map((e) => (e.round === 0 ? 'Start' : `R${e.round}`));
}

const longLabel = (l: string) => (l === 'Start' ? 'Start' : `After round ${l.slice(1)}`);

function describeLine(values: number[], labels: string[]): string {
  const ok = values.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v));
  if (ok.length === 0) return 'no data';
  const first = ok[0]!;
  const last = ok[ok.length - 1]!;
  const peak = ok.reduce((a, b) => (b[0] > a[0] ? b : a));
  return `from ${first[0]} to ${last[0]}, highest ${peak[0]} (${longLabel(labels[peak[1]]!).toLowerCase()})`;
}

function chartPanel(s: Series, labels: string[], idx: number): HTMLElement {
  const W = 300;
  const H = 150;
  const pad = { l: 30, r: 10, t: 10, b: 24 };
  const n = labels.length;
  const x = (i: number) => pad.l + (n <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (n - 1));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / (s.max || 1));
  const summary = s.lines.map((l) => `${l.name}: ${describeLine(l.values, labels)}`).join('; ');
  const titleId = `chart-${idx}-t`;
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': titleId,
      class: 'chart',
      preserveAspectRatio: 'xMidYMid meet',
    },
    svg('title', { id: titleId }, `${s.label} over the rounds (0 to ${s.max}). ${summary}.`),
    svg('line', { x1: pad.l, x2: W - pad.r, y1: y(0), y2: y(0), class: 'axis' }),
    svg('line', { x1: pad.l, x2: W - pad.r, y1: y(s.max), y2: y(s.max), class: 'grid' }),
    svg('text', { x: pad.l - 4, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'),
    svg(
      'text',
      { x: pad.l - 4, y: y(s.max) + 4, class: 'tick', 'text-anchor': 'end' },
      String(s.max),
    ),
    ...labels.map((l, i) =>
      n > 8 && i % 2 === 1 && i !== n - 1
        ? svg('g', {})
        : svg('text', { x: x(i), y: H - 6, class: 'tick', 'text-anchor': 'middle' }, l),
    ),
    ...s.lines.map((line, li) => {
      const pts = line.values
        .map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : null))
        .filter(Boolean)
        .join(' ');
      return svg(
        'g',
        { class: `series series-${li}` },
        svg('polyline', {
          points: pts,
          class: line.dashed ? 'line dashed' : 'line',
          fill: 'none',
        }),
        ...line.values.map((v, i) =>
          Number.isFinite(v)
            ? li === 0
              ? svg('circle', { cx: x(i), cy: y(v), r: 3.2, class: 'dot' })
              : svg('rect', { x: x(i) - 3, y: y(v) - 3, width: 6, height: 6, class: 'dot' })
            : svg('g', {}),
        ),
      );
    }),
  );
  return h(
    'figure',
    { class: 'chart-panel' },
    h(
      'figcaption',
      {},
      h('strong', {}, s.label),
      s.lines.length > 1
        ? h(
            'span',
            { class: 'legend' },
            ...s.lines.map((l, li) =>
              h(
                'span',
                { class: `key series-${li}` },
                h(
                  'span',
                  { class: 'swatch', 'aria-hidden': 'true' },
                  li === 0 ? '● solid' : '■ dashed',
                ),
                ` ${l.name}`,
              ),
            ),
          )
        : null,
    ),
    chart,
  );
}

export function chartSection(G: SeatView): HTMLElement {
  const labels = pointLabels(G);
  const series = seriesOf(G);
  const rows = series.flatMap((s) =>
    s.lines.map((l) => ({
      name: s.lines.length > 1 ? `${s.label}, ${l.name}` : s.label,
      values: l.values,
    })),
  );
  return h(
    'section',
    { class: 'debrief-section', 'aria-labelledby': 'chart-h' },
    h('h2', { id: 'chart-h' }, 'The tracks over the rounds'),
    G.history.length === 0
      ? h('p', {}, 'No history was recorded.')
      : h('div', { class: 'charts' }, ...series.map((s, i) => chartPanel(s, labels, i))),
    h(
      'div',
      { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-labelledby': 'chart-table-c' },
      h(
        'table',
        { class: 'data-table' },
        h(
          'caption',
          { id: 'chart-table-c' },
          'The same numbers: each track at the start of the match and after every round',
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Track'),
            ...labels.map((l) => h('th', { scope: 'col' }, longLabel(l))),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.name),
              ...r.values.map((v) => h('td', {}, Number.isFinite(v) ? String(v) : '—')),
            ),
          ),
        ),
      ),
    ),
  );
}
