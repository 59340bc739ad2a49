// The debrief's outcome: how the match ended and each seat's score beside its secret objective,
// and prompts for discussion drawn from what happened. Outcome names, seats and scores are the
// seminar models' (src/game/model/seminar.ts).
import { dealNames, endedHow, outcomeModel, SEATS } from '../../game/model/seminar';
import type { Scenario } from '../../game/scenario/schema';
import { seatName } from '../../game/seat-model';
import type { SeatView } from '../../game/types';
import { h } from '../dom';
import { other, plural, proposalFor } from './debrief-memos';

// ---------------------------------------------------------------------------------------------
// Discussion prompts from what happened

export function discussionPrompts(G: SeatView, scenario: Scenario): string[] {
  const [A, B, broker] = SEATS.map((s) => seatName(scenario, s)) as [string, string, string];
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
      `${dealNames(G.deals).get(d.id)}, signed in round ${d.signedRound}, collapsed in round ${d.collapsedRound}. What broke it, and could either side have seen it coming?`,
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
      `${outcomeModel(scenario, final).winners}. Read the agendas and the mandate below: were the goals compatible, and did anyone know?`,
    );
  return prompts;
}

// ---------------------------------------------------------------------------------------------
// Outcome and scores

export function scoresTable(G: SeatView, scenario: Scenario): HTMLElement {
  const outcome = outcomeModel(scenario, G.final!);
  return h(
    'table',
    { class: 'data-table scores' },
    h(
      'caption',
      {},
      `Outcome: ${outcome.name}. Scores, and scores normalised by each role’s maximum`,
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
      ...outcome.scores.map((x) =>
        h(
          'tr',
          { class: x.winner ? 'winner' : '' },
          h('th', { scope: 'row' }, `${x.name} (${x.role})${x.winner ? ' ★ winner' : ''}`),
          h('td', {}, String(x.score)),
          h('td', {}, x.normalised.toFixed(2)),
          h(
            'td',
            {},
            x.seat === '2'
              ? G.mandate
                ? `${G.mandate.title}: ${G.mandate.text}`
                : '—'
              : (G.agendas[x.seat] ?? []).map((c) => c.title).join('; ') || '—',
          ),
        ),
      ),
    ),
  );
}

/** The outcome's heading and a sentence on the match: how it ended, what was written and signed. */
export function outcomeLede(G: SeatView, scenario: Scenario): { heading: string; lede: string } {
  const final = G.final!;
  const stats = G.stats;
  const broker = seatName(scenario, '2');
  return {
    heading: outcomeModel(scenario, final).name,
    lede: `${scenario.name}, ${plural(G.options.rounds, 'round')} planned; ended ${endedHow(final, G.round)}. ${plural(G.memos.length, 'memo')} written, ${plural(G.deals.length, 'deal')} signed, ${plural(G.incidents.length, 'incident')}.${stats ? ` ${broker} relayed ${stats.relayed}, struck text in ${stats.redacted}, reframed ${stats.reframed}, held ${stats.held}, leaked ${stats.leaked}.` : ''}`,
  };
}
