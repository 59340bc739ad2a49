// #/debrief/<matchID>: a finished match from its record, for the table and the facilitator: the
// outcome and scores, prompts for discussion drawn from what happened, every track over the
// rounds (a chart and the same numbers as a table), round by round every memo as written beside
// as delivered (struck text in <del>, reframed sizes as from → to, each with a word, not colour
// alone), held, leaked and expired memos, incidents with their true attribution, deals and their
// fate. Printable; the record downloads as JSON and CSV.
import { csvPath, recordPath } from '../../client/seminar';
import { clauseDef } from '../../game/clauses';
import type { MatchRecord } from '../../game/record';
import { getScenario, hasScenario } from '../../game/scenario';
import type { Scenario } from '../../game/scenario/schema';
import type { SeatView, Clause, Deal, Memo, PrincipalSeat, Proposal, Seat } from '../../game/types';
import { h } from '../dom';
import {
  clauseText,
  giverName,
  OUTCOME_NAMES,
  roleName,
  seatName,
  seatNames,
  sizeLabel,
  STEP_NAMES,
  trackLabel,
} from '../format';
import { errorBox, page } from './common';
import type { Screen } from './common';
import { makeRecordLoader, type RecordState } from '../../client/debrief';

const SEATS: readonly Seat[] = ['0', '1', '2'];
const ORDINALS = ['first', 'second', 'third', 'fourth'];
const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** A memo as a person names it: "Washington’s second memo of round 3" (its id is the program's). */
function memoName(G: SeatView, scenario: Scenario, m: Memo): string {
  const same = G.memos.filter((x) => x.author === m.author && x.round === m.round);
  const n = same.findIndex((x) => x.id === m.id);
  const which = same.length > 1 ? `${ORDINALS[n] ?? `${n + 1}th`} memo` : 'memo';
  return `${seatName(scenario, m.author)}’s ${which} of round ${m.round}`;
}
const other = (s: PrincipalSeat): PrincipalSeat => (s === '0' ? '1' : '0');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Memos: as written beside as delivered

const FATE: Record<string, string> = {
  relayed: 'relayed',
  leaked: 'leaked to the press',
  bundled: 'bundled',
  expired: 'expired unanswered',
  held: 'still held at the end',
  pending: 'never handled',
  draft: 'never sent',
};

function proposalFor(G: SeatView, m: Memo): Proposal | undefined {
  return (
    G.proposals.find((p) => p.memoId === m.id) ??
    G.proposals.find((p) => p.parts?.some((x) => x.memoId === m.id))
  );
}

function answerLine(G: SeatView, scenario: Scenario, p: Proposal): string {
  const answers = Object.entries(p.answers).map(
    ([s, a]) => `${seatName(scenario, s as Seat)} ${a === 'accept' ? 'accepted' : 'rejected'}`,
  );
  const stage: Record<string, string> = {
    message: 'delivered as a message',
    open: 'left open',
    ratification: 'awaiting ratification',
    signed: `signed${p.dealId ? ` as deal ${p.dealId}` : ''}`,
    rejected: 'rejected',
    lapsed: 'lapsed',
    void: 'void',
  };
  const deal = p.dealId ? G.deals.find((d) => d.id === p.dealId) : undefined;
  return `${answers.length ? `${answers.join(', ')}. ` : 'No answer. '}Outcome: ${stage[p.stage] ?? p.stage}${deal ? ` (the deal ${deal.status === 'verifying' ? 'was still verifying' : deal.status} at the end)` : ''}.`;
}

function writtenText(m: Memo): HTMLElement | null {
  return m.text ? h('blockquote', {}, m.text) : null;
}

/** The written text with the struck spans marked: a word, then the text in <del>. */
function deliveredText(m: Memo): HTMLElement | null {
  if (!m.text || !m.delivery) return null;
  const spans = [...m.delivery.redactSpans].sort((a, b) => a[0] - b[0]);
  if (spans.length === 0) return h('blockquote', {}, m.text);
  const parts: (Node | string)[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    parts.push(m.text.slice(at, start));
    parts.push(
      h('span', { class: 'tag' }, '[struck:'),
      h('del', {}, m.text.slice(start, end)),
      h('span', { class: 'tag' }, ']'),
    );
    at = end;
  }
  parts.push(m.text.slice(at));
  return h('blockquote', { class: 'diff-text' }, ...parts);
}

function deliveredClauses(scenario: Scenario, m: Memo): HTMLElement {
  const d = m.delivery!;
  return h(
    'ul',
    { class: 'diff-clauses' },
    ...m.clauses.map((c, i) => {
      const delivered = d.clauses[i];
      if (delivered === null || delivered === undefined)
        return h(
          'li',
          { class: 'struck-clause' },
          h('span', { class: 'tag' }, 'Struck: '),
          h('del', {}, clauseText(scenario, c)),
        );
      const reframe = d.reframes.find((r) => r.clause === i);
      if (!reframe) return h('li', {}, clauseText(scenario, delivered));
      const def = clauseDef(scenario, c.id);
      return h(
        'li',
        { class: 'reframed-clause' },
        h('span', { class: 'tag' }, 'Reframed: '),
        `${def?.name ?? c.id}: `,
        h('del', {}, sizeLabel(scenario, { id: c.id, size: reframe.from })),
        ' → ',
        h('ins', {}, sizeLabel(scenario, { id: c.id, size: reframe.to })),
        ` (given by ${giverName(scenario, c.giver)})`,
      );
    }),
  );
}

function memoArticle(G: SeatView, scenario: Scenario, m: Memo): HTMLElement {
  const d = m.delivery;
  const struck = d ? d.redactClauses.length + d.redactSpans.length : 0;
  const reframes = d?.reframes.length ?? 0;
  const changes = [
    struck ? `${plural(struck, 'strike')}` : '',
    reframes ? `${plural(reframes, 'reframe')}` : '',
    m.heldSteps ? `held ${plural(m.heldSteps, 'step')}` : '',
    m.exposed ? 'reframe exposed by a leak' : '',
  ].filter(Boolean);
  const p = proposalFor(G, m);
  const headingId = `memo-${m.id}-h`;
  return h(
    'article',
    { class: `debrief-memo memo author-${m.author}`, 'aria-labelledby': headingId },
    h(
      'h4',
      { id: headingId },
      `${capitalise(memoName(G, scenario, m))}: ${FATE[m.status] ?? m.status}${d && d.round !== m.round ? ` in round ${d.round}` : ''}`,
    ),
    changes.length ? h('p', { class: 'meta' }, `Changes: ${changes.join(', ')}.`) : null,
    h(
      'div',
      { class: 'diff' },
      h(
        'div',
        {},
        h('h5', {}, 'As written'),
        h('ul', {}, ...m.clauses.map((c) => h('li', {}, clauseText(scenario, c)))),
        writtenText(m),
      ),
      d
        ? h(
            'div',
            {},
            h('h5', {}, `As delivered to ${seatName(scenario, other(m.author))}`),
            deliveredClauses(scenario, m),
            deliveredText(m),
            d.note ? h('p', { class: 'note' }, `The broker’s note: ${d.note}`) : null,
          )
        : h(
            'div',
            {},
            h('h5', {}, 'As delivered'),
            h(
              'p',
              {},
              m.status === 'leaked'
                ? 'Not delivered: published as written.'
                : m.status === 'bundled'
                  ? 'Merged into a bundle with clauses of the other side.'
                  : 'Never delivered.',
            ),
          ),
    ),
    p
      ? h('p', { class: 'answer' }, h('strong', {}, 'Response: '), answerLine(G, scenario, p))
      : null,
  );
}

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

function seriesOf(G: SeatView, scenario: Scenario): Series[] {
  const hist = G.history;
  const r = scenario.tracks;
  const pick = (f: (i: number) => number) => hist.map((_, i) => f(i));
  return [
    {
      label: trackLabel(scenario, 'escalation'),
      max: r.escalation.max,
      lines: [
        {
          name: trackLabel(scenario, 'escalation'),
          values: pick((i) => hist[i]!.tracks.escalation),
        },
      ],
    },
    {
      label: trackLabel(scenario, 'breakout'),
      max: r.breakout.max,
      lines: [
        { name: 'true value', values: pick((i) => G.breakoutHistory[i] ?? NaN) },
        { name: 'public estimate', values: pick((i) => hist[i]!.estimate), dashed: true },
      ],
    },
    {
      label: trackLabel(scenario, 'oilLeak'),
      max: r.oilLeak.max,
      lines: [
        {
          name: trackLabel(scenario, 'oilLeak', true),
          values: pick((i) => hist[i]!.tracks.oilLeak),
        },
      ],
    },
    {
      label: trackLabel(scenario, 'oilPrice'),
      max: r.oilPrice.max,
      lines: [
        { name: trackLabel(scenario, 'oilPrice'), values: pick((i) => hist[i]!.tracks.oilPrice) },
      ],
    },
    {
      label: 'Pressure',
      max: r.pressure.max,
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
      label: trackLabel(scenario, 'capital'),
      max: r.capital.max,
      lines: [
        {
          name: trackLabel(scenario, 'capital', true),
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

function chartSection(G: SeatView, scenario: Scenario): HTMLElement {
  const labels = pointLabels(G);
  const series = seriesOf(G, scenario);
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

// ---------------------------------------------------------------------------------------------
// Discussion prompts from what happened

export function discussionPrompts(G: SeatView, scenario: Scenario): string[] {
  const { '0': A, '1': B, '2': broker } = seatNames(scenario);
  const prompts: string[] = [];
  const reframed = G.memos.filter((m) => (m.delivery?.reframes.length ?? 0) > 0);
  if (reframed.length > 0) {
    const accepted = reframed.filter((m) => {
      const p = proposalFor(G, m);
      return p && Object.values(p.answers).includes('accept');
    });
    const who = [...new Set(accepted.map((m) => seatName(scenario, other(m.author))))];
    prompts.push(
      accepted.length > 0
        ? `${broker} reframed ${plural(reframed.length, 'memo')}; ${who.join(' and ')} accepted ${accepted.length === 1 ? 'one' : accepted.length} of them: was it the same deal its author wrote?`
        : `${broker} reframed ${plural(reframed.length, 'memo')}, and no reframed memo was accepted: did the reframing help or hurt ${broker}?`,
    );
  }
  const exposed = G.memos.filter((m) => m.exposed);
  if (exposed.length > 0)
    prompts.push(
      `A leak exposed ${plural(exposed.length, 'reframe')}: how did trust in ${broker} change afterwards?`,
    );
  const struck = G.memos.filter(
    (m) => (m.delivery?.redactClauses.length ?? 0) + (m.delivery?.redactSpans.length ?? 0) > 0,
  );
  if (struck.length > 0)
    prompts.push(
      `${broker} struck text or clauses from ${plural(struck.length, 'memo')}. What did the authors believe the other side had read?`,
    );
  const leaked = G.memos.filter((m) => m.status === 'leaked');
  if (leaked.length > 0)
    prompts.push(
      `${plural(leaked.length, 'memo')} leaked to the press (${leaked.map((m) => `from ${seatName(scenario, m.author)}`).join(', ')}). Who gained from ${leaked.length === 1 ? 'that leak' : 'those leaks'}, and who paid?`,
    );
  const held = G.memos.filter((m) => m.heldSteps > 0);
  const expired = G.memos.filter((m) => m.status === 'expired');
  if (held.length + expired.length > 0)
    prompts.push(
      `${plural(held.length, 'memo was', 'memos were')} held at least once and ${plural(expired.length, 'memo', 'memos')} expired. Was delay a tool or an accident?`,
    );
  const directed = G.incidents.filter((i) => G.attributions[i.id] === 'directed');
  const rogue = G.incidents.filter((i) => G.attributions[i.id] !== 'directed');
  if (G.incidents.length > 0)
    prompts.push(
      `There ${G.incidents.length === 1 ? 'was 1 incident' : `were ${G.incidents.length} incidents`}: ${directed.length} directed by ${B}, ${rogue.length} rogue. Which ones did ${A} read as directed, and how did it answer?`,
    );
  const blames = G.statements.filter((s) => s.kind === 'blame');
  if (blames.length > 0)
    prompts.push(
      `${plural(blames.length, 'public statement')} blamed another seat. Did blaming in public make the next round easier or harder?`,
    );
  const collapsed = G.deals.filter((d) => d.status === 'collapsed');
  for (const d of collapsed.slice(0, 2))
    prompts.push(
      `Deal ${d.id}, signed in round ${d.signedRound}, collapsed in round ${d.collapsedRound}. What broke it, and could either side have seen it coming?`,
    );
  if (G.deals.length === 0)
    prompts.push('No deal was signed. At which moment was a deal closest, and what stopped it?');
  const final = G.final;
  if (final?.outcome === 'war')
    prompts.push(
      `The table went to war in round ${G.round}. Look at the escalation line: when could it still have been stopped?`,
    );
  if (final?.reason === 'walkout')
    prompts.push('The match ended with a walkout. What would have kept that side at the table?');
  if (final)
    prompts.push(
      `${final.winners.map((s) => seatName(scenario, s)).join(' and ') || 'Nobody'} won. Read the agendas and the mandate below: were the goals compatible, and did anyone know?`,
    );
  return prompts;
}

// ---------------------------------------------------------------------------------------------
// The page

function scoresTable(G: SeatView, scenario: Scenario): HTMLElement {
  const final = G.final!;
  return h(
    'table',
    { class: 'data-table scores' },
    h(
      'caption',
      {},
      `Outcome: ${OUTCOME_NAMES[final.outcome]}. Scores, and scores normalised by each role’s maximum`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Seat'),
        h('th', { scope: 'col' }, 'Score'),
        h('th', { scope: 'col' }, 'Normalised'),
        h('th', { scope: 'col' }, 'Secret objective'),
      ),
    ),
    h(
      'tbody',
      {},
      ...SEATS.map((s) =>
        h(
          'tr',
          { class: final.winners.includes(s) ? 'winner' : '' },
          h(
            'th',
            { scope: 'row' },
            `${seatName(scenario, s)} (${roleName(s)})${final.winners.includes(s) ? ' ★ winner' : ''}`,
          ),
          h('td', {}, String(final.scores[s])),
          h('td', {}, final.normalised[s].toFixed(2)),
          h(
            'td',
            {},
            s === '2'
              ? G.mandate
                ? `${G.mandate.title}: ${G.mandate.text}`
                : '—'
              : (G.agendas[s] ?? []).map((c) => c.title).join('; ') || '—',
          ),
        ),
      ),
    ),
  );
}

function incidentList(G: SeatView, scenario: Scenario, round?: number): HTMLElement | null {
  const list = G.incidents.filter((i) => round === undefined || i.round === round);
  if (list.length === 0) return null;
  return h(
    'ul',
    { class: 'incidents' },
    ...list.map((i) => {
      const who = G.attributions[i.id] ?? 'rogue';
      return h(
        'li',
        {},
        h('strong', {}, `${i.headline} `),
        `(round ${i.round}). `,
        h(
          'span',
          { class: `attribution ${who}` },
          who === 'directed'
            ? `True attribution: directed by ${seatName(scenario, '1')}.`
            : 'True attribution: rogue (nobody ordered it).',
        ),
      );
    }),
  );
}

function dealFate(G: SeatView, scenario: Scenario, d: Deal): HTMLElement {
  const p = G.proposals.find((x) => x.id === d.proposalId || x.dealId === d.id);
  const memo = p?.memoId ? G.memos.find((m) => m.id === p.memoId) : undefined;
  const origin =
    d.kind === 'relay' && memo
      ? `From ${memoName(G, scenario, memo)}${memo.delivery?.reframes.length ? `, which ${seatName(scenario, '2')} had reframed` : ''}${memo.delivery && (memo.delivery.redactClauses.length || memo.delivery.redactSpans.length) ? ', with strikes' : ''}.`
      : d.kind === 'bundle'
        ? `A bundle by ${seatName(scenario, '2')}, merging both sides’ memos.`
        : `Tabled by ${seatName(scenario, '2')}.`;
  const fate =
    d.status === 'verified'
      ? `Verified in round ${d.verifiedRound}.`
      : d.status === 'collapsed'
        ? `Collapsed in round ${d.collapsedRound}.`
        : 'Still verifying at the end.';
  return h(
    'li',
    { class: `deal ${d.status}` },
    h('strong', {}, `Deal ${d.id}`),
    `, signed in round ${d.signedRound}. ${fate} ${origin}`,
    h('ul', {}, ...d.clauses.map((c: Clause) => h('li', {}, clauseText(scenario, c)))),
  );
}

function roundSection(G: SeatView, scenario: Scenario, round: number): HTMLElement {
  const news = G.feed.filter((e) => e.round === round && e.kind !== 'round');
  const memos = G.memos.filter((m) => m.round === round);
  const tabled = G.proposals.filter((p) => p.round === round && p.kind !== 'relay');
  const incidents = incidentList(G, scenario, round);
  const id = `round-${round}-h`;
  return h(
    'section',
    { class: 'debrief-round', 'aria-labelledby': id },
    h('h3', { id }, `Round ${round}`),
    news.length
      ? h(
          'div',
          {},
          h('h4', {}, 'In public'),
          h(
            'ul',
            { class: 'news' },
            ...news.map((e) =>
              h(
                'li',
                { class: `feed-${e.kind}` },
                e.kind === 'facilitator' || e.kind === 'inject'
                  ? h('span', { class: 'tag' }, e.kind === 'inject' ? 'Inject: ' : 'Facilitator: ')
                  : null,
                e.text,
              ),
            ),
          ),
        )
      : null,
    incidents ? h('div', {}, h('h4', {}, 'Incidents'), incidents) : null,
    memos.length
      ? h(
          'div',
          {},
          h('h4', {}, `Memos written (${memos.length})`),
          ...memos.map((m) => memoArticle(G, scenario, m)),
        )
      : h('p', { class: 'hint' }, 'No memo written this round.'),
    ...tabled.map((p) =>
      h(
        'div',
        { class: 'proposal' },
        h(
          'h4',
          {},
          `${p.kind === 'bundle' ? 'Bundle' : 'Proposal tabled'} by ${seatName(scenario, '2')}`,
        ),
        h('ul', {}, ...p.clauses.map((c) => h('li', {}, clauseText(scenario, c)))),
        p.note ? h('p', { class: 'note' }, `Note: ${p.note}`) : null,
        h('p', { class: 'answer' }, answerLine(G, scenario, p)),
      ),
    ),
  );
}

function fateLists(G: SeatView, scenario: Scenario): HTMLElement {
  const line = (m: Memo) => h('li', {}, capitalise(memoName(G, scenario, m)));
  const group = (title: string, list: Memo[]) =>
    h(
      'div',
      {},
      h('h3', {}, `${title} (${list.length})`),
      list.length ? h('ul', {}, ...list.map(line)) : h('p', { class: 'hint' }, 'None.'),
    );
  return h(
    'section',
    { class: 'debrief-section', 'aria-labelledby': 'fates-h' },
    h('h2', { id: 'fates-h' }, 'Held, leaked and expired memos'),
    h(
      'div',
      { class: 'fates' },
      group(
        'Held at least once',
        G.memos.filter((m) => m.heldSteps > 0),
      ),
      group(
        'Leaked',
        G.memos.filter((m) => m.status === 'leaked'),
      ),
      group(
        'Expired',
        G.memos.filter((m) => m.status === 'expired'),
      ),
    ),
  );
}

export function debriefContent(record: MatchRecord): HTMLElement[] {
  const G = record.final;
  const scenario = getScenario(hasScenario(G.options.scenario) ? G.options.scenario : 'doha-2026');
  const final = G.final!;
  const id = record.matchID;
  const rounds = Array.from(
    { length: Math.max(1, Math.min(G.round, G.options.rounds)) },
    (_, i) => i + 1,
  );
  const stats = G.stats;
  return [
    h(
      'section',
      { class: 'debrief-section debrief-top', 'aria-labelledby': 'outcome-h' },
      h('h2', { id: 'outcome-h' }, `${OUTCOME_NAMES[final.outcome]}`),
      h(
        'p',
        { class: 'lede' },
        `${scenario.name}, ${plural(G.options.rounds, 'round')} planned; ended ${final.reason === 'rounds' ? 'after the last round' : final.reason === 'war' ? `in war in round ${G.round}` : `by a walkout in round ${G.round}`}. ${plural(G.memos.length, 'memo')} written, ${plural(G.deals.length, 'deal')} signed, ${plural(G.incidents.length, 'incident')}.${stats ? ` The broker relayed ${stats.relayed}, struck text in ${stats.redacted}, reframed ${stats.reframed}, held ${stats.held}, leaked ${stats.leaked}.` : ''}`,
      ),
      h(
        'div',
        { class: 'downloads', role: 'group', 'aria-label': 'Downloads' },
        h(
          'a',
          { href: recordPath(id), download: `backchannel-${id}.json`, class: 'button-link' },
          'Download the record (JSON)',
        ),
        h(
          'a',
          {
            href: csvPath(id, 'tracks'),
            download: `backchannel-${id}-tracks.csv`,
            class: 'button-link',
          },
          'Download the tracks (CSV)',
        ),
        h(
          'a',
          {
            href: csvPath(id, 'memos'),
            download: `backchannel-${id}-memos.csv`,
            class: 'button-link',
          },
          'Download the memos (CSV)',
        ),
        h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print'),
      ),
      h(
        'div',
        { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': 'Scores' },
        scoresTable(G, scenario),
      ),
    ),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'prompts-h' },
      h('h2', { id: 'prompts-h' }, 'For discussion'),
      h('ol', { class: 'prompts' }, ...discussionPrompts(G, scenario).map((p) => h('li', {}, p))),
    ),
    chartSection(G, scenario),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'incidents-h' },
      h('h2', { id: 'incidents-h' }, 'Incidents and who was really behind them'),
      incidentList(G, scenario) ?? h('p', {}, 'No incident.'),
    ),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'deals-h' },
      h('h2', { id: 'deals-h' }, 'Deals and their fate'),
      G.deals.length
        ? h('ul', { class: 'deal-fates' }, ...G.deals.map((d) => dealFate(G, scenario, d)))
        : h('p', {}, 'No deal was signed.'),
    ),
    fateLists(G, scenario),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'rounds-h' },
      h('h2', { id: 'rounds-h' }, 'Round by round'),
      h(
        'p',
        { class: 'hint' },
        'Each memo as written beside as delivered. Struck text is marked “struck” and crossed out; a reframed clause shows its size as written → as delivered.',
      ),
      ...rounds.map((r) => roundSection(G, scenario, r)),
    ),
    h(
      'p',
      { class: 'meta' },
      `Match ${id} · seed `,
      h('code', {}, record.seed),
      ` · ${plural(record.actions.length, 'recorded action')} · ${STEP_NAMES.over}.`,
    ),
  ];
}

export function renderDebrief(matchID: string): Screen {
  const loader = makeRecordLoader(matchID);
  const body = h('div', { class: 'debrief-body' });
  const render = ({ phase, record, error }: RecordState) => {
    if (phase === 'loading')
      body.replaceChildren(h('p', { role: 'status' }, 'Loading the record…'));
    else if (phase === 'ready' && record) body.replaceChildren(...debriefContent(record));
    else if (phase === 'running')
      body.replaceChildren(
        h(
          'p',
          { class: 'card', role: 'status' },
          'The debrief opens when the match ends. This page checks again every 5 seconds.',
        ),
        h(
          'p',
          {},
          h('a', { href: `#/watch/${encodeURIComponent(matchID)}` }, 'Watch the match meanwhile'),
        ),
      );
    else body.replaceChildren(errorBox(`Could not load the record of ${matchID}: ${error}.`));
  };
  const unsubscribe = loader.store.subscribe((s, prev) => {
    if (s.phase !== prev.phase || s.record !== prev.record) render(s);
  });
  render(loader.store.getState());
  loader.start();
  return {
    element: page('Debrief', body),
    destroy: () => {
      unsubscribe();
      loader.stop();
    },
  };
}
