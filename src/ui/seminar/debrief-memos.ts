// The debrief's record of play: round by round, every memo as written beside as delivered (struck
// text in <del>, reframed sizes as from → to, each with a word, not colour alone) with how it was
// answered; held, leaked and expired memos; incidents with their true attribution; deals and
// their fate. Clauses, seats and words are the seat model's and the shared words'.
import {
  dealNames,
  feedWords,
  MEMO_RECORD_WORDS,
  VERIFYING_AT_END,
} from '../../game/model/seminar';
import type { Scenario } from '../../game/scenario/schema';
import { clauseModel, seatModel, seatName } from '../../game/seat-model';
import type { Deal, Memo, PrincipalSeat, Proposal, Seat, SeatView } from '../../game/types';
import { DEAL_STATUS_WORDS, PROPOSAL_STAGE_WORDS } from '../../game/words';
import { h } from '../dom';

const ORDINALS = ['first', 'second', 'third', 'fourth'];
export const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** A memo as a person names it: "Washington’s second memo of round 3" (its id is the program's). */
export function memoName(G: SeatView, scenario: Scenario, m: Memo): string {
  const same = G.memos.filter((x) => x.author === m.author && x.round === m.round);
  const n = same.findIndex((x) => x.id === m.id);
  const which = same.length > 1 ? `${ORDINALS[n] ?? `${n + 1}th`} memo` : 'memo';
  return `${seatName(scenario, m.author)}’s ${which} of round ${m.round}`;
}
export const other = (s: PrincipalSeat): PrincipalSeat => (s === '0' ? '1' : '0');
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Memos: as written beside as delivered

export function proposalFor(G: SeatView, m: Memo): Proposal | undefined {
  return (
    G.proposals.find((p) => p.memoId === m.id) ??
    G.proposals.find((p) => p.parts?.some((x) => x.memoId === m.id))
  );
}

function answerLine(G: SeatView, scenario: Scenario, p: Proposal): string {
  const answers = Object.entries(p.answers).map(
    ([s, a]) => `${seatName(scenario, s as Seat)} ${a === 'accept' ? 'accepted' : 'rejected'}`,
  );
  const deal = p.dealId ? G.deals.find((d) => d.id === p.dealId) : undefined;
  const named = deal
    ? ` as ${dealNames(G.deals).get(deal.id)} (${deal.status === 'verifying' ? VERIFYING_AT_END : `${DEAL_STATUS_WORDS[deal.status]} at the end`})`
    : '';
  return `${answers.length ? `${answers.join(', ')}. ` : 'No answer. '}Outcome: ${PROPOSAL_STAGE_WORDS[p.stage]}${named}.`;
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
          h('del', {}, clauseModel(scenario, c).text),
        );
      const reframe = d.reframes.find((r) => r.clause === i);
      if (!reframe) return h('li', {}, clauseModel(scenario, delivered).text);
      const from = clauseModel(scenario, { ...c, size: reframe.from });
      return h(
        'li',
        { class: 'reframed-clause' },
        h('span', { class: 'tag' }, 'Reframed: '),
        `${from.name}: `,
        h('del', {}, from.sizeLabel),
        ' → ',
        h('ins', {}, clauseModel(scenario, { ...c, size: reframe.to }).sizeLabel),
        ` (given by ${from.giverName})`,
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
      `${capitalise(memoName(G, scenario, m))}: ${MEMO_RECORD_WORDS[m.status]}${d && d.round !== m.round ? ` in round ${d.round}` : ''}`,
    ),
    changes.length ? h('p', { class: 'meta' }, `Changes: ${changes.join(', ')}.`) : null,
    h(
      'div',
      { class: 'diff' },
      h(
        'div',
        {},
        h('h5', {}, 'As written'),
        h('ul', {}, ...m.clauses.map((c) => h('li', {}, clauseModel(scenario, c).text))),
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

export function incidentList(G: SeatView, scenario: Scenario, round?: number): HTMLElement | null {
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

export function dealFate(G: SeatView, scenario: Scenario, d: Deal): HTMLElement {
  const p = G.proposals.find((x) => x.id === d.proposalId || x.dealId === d.id);
  const memo = p?.memoId ? G.memos.find((m) => m.id === p.memoId) : undefined;
  const broker = seatName(scenario, '2');
  const origin =
    d.kind === 'relay' && memo
      ? `From ${memoName(G, scenario, memo)}${memo.delivery?.reframes.length ? `, which ${broker} had reframed` : ''}${memo.delivery && (memo.delivery.redactClauses.length || memo.delivery.redactSpans.length) ? ', with strikes' : ''}.`
      : d.kind === 'bundle'
        ? `A bundle by ${broker}, merging both sides’ memos.`
        : `Tabled by ${broker}.`;
  // The deal as the seat model words it ("verified in round 3"): the record's final state is public.
  const model = seatModel(G, null, () => 0).deals.find((x) => x.id === d.id);
  const fate = `${capitalise(d.status === 'verifying' ? VERIFYING_AT_END : model!.text)}.`;
  return h(
    'li',
    { class: `deal ${d.status}` },
    h('strong', {}, dealNames(G.deals).get(d.id)!),
    `, signed in round ${d.signedRound}. ${fate} ${origin}`,
    h('ul', {}, ...(model?.clauses ?? []).map((c) => h('li', {}, c.text))),
  );
}

export function roundSection(G: SeatView, scenario: Scenario, round: number): HTMLElement {
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
                feedWords(e.text),
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
        h('ul', {}, ...p.clauses.map((c) => h('li', {}, clauseModel(scenario, c).text))),
        p.note ? h('p', { class: 'note' }, `Note: ${p.note}`) : null,
        h('p', { class: 'answer' }, answerLine(G, scenario, p)),
      ),
    ),
  );
}

export function fateLists(G: SeatView, scenario: Scenario): HTMLElement {
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
