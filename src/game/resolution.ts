// Resolution: postures act on the tracks, signed deals count down and verify, pressures drift.
import { clauseDef, describeClause } from './clauses';
import { dealName } from './names';
import { interdictionBlocked } from './drafting';
import type { Rules } from './context';
import { DEFAULT_POSTURE_B } from './incidents';
import { addBreakout, addCredit, addPressure, applyDeltas, holdingEffects } from './tracks';
import type { PostureA } from './types';

export const DEFAULT_POSTURE_A: PostureA = { enforcement: 'hold' };

export function resolveRound(r: Rules): void {
  applyPostures(r);
  verifyDeals(r);
  driftPressures(r);
}

function applyPostures(r: Rules): void {
  const { G, scenario } = r;
  const t = scenario.tunables.postures;
  let a = G.postures['0'] ?? DEFAULT_POSTURE_A;
  // An interdiction posture chosen before a pause verified gives way to tight enforcement.
  if (a.enforcement === 'interdict' && interdictionBlocked(G)) {
    a = { enforcement: 'tighten' };
    G.postures['0'] = { ...a };
  }
  const b = G.postures['1'] ?? DEFAULT_POSTURE_B;
  applyDeltas(r, { oilLeak: t.enforcementLeak[a.enforcement] + t.leashLeak[b.proxyLeash] });
  addBreakout(r, t.enrichment[b.enrichment]);
  if (a.enforcement === 'interdict')
    applyDeltas(r, { oilPrice: t.interdiction.oilPrice, escalation: t.interdiction.escalation });
}

function verifyDeals(r: Rules): void {
  const { G, scenario } = r;
  for (const deal of G.deals) {
    if (deal.status !== 'verifying') continue;
    if (deal.verifyLeft > 0) {
      deal.verifyLeft--;
      continue;
    }
    deal.status = 'verified';
    deal.verifiedRound = G.round;
    for (const c of deal.clauses) {
      const effects = clauseDef(scenario, c.id)?.sizes.find((s) => s.id === c.size)?.effects;
      if (!effects) continue;
      if (effects.tracks) applyDeltas(r, effects.tracks);
      if (effects.creditSigners) {
        addCredit(r, '0', effects.creditSigners);
        addCredit(r, '1', effects.creditSigners);
      }
      if (effects.blocksInterdictionRounds) {
        deal.interdictionBlockedUntil = Math.max(
          deal.interdictionBlockedUntil ?? 0,
          G.round + effects.blocksInterdictionRounds,
        );
        if (G.postures['0']?.enforcement === 'interdict')
          G.postures['0'] = { enforcement: 'tighten' };
      }
    }
    G.feed.push({
      round: G.round,
      kind: 'verified',
      dealId: deal.id,
      text: `${dealName(deal.id)} verified: ${deal.clauses.map((c) => describeClause(scenario, c)).join('; ')}.`,
    });
  }
}

function driftPressures(r: Rules): void {
  const { G, scenario } = r;
  const t = scenario.tunables.pressure;
  const hot = G.tracks.escalation > t.escalationAbove;
  const eased = holdingEffects(G, scenario).some((e) => e.easesOilDependence);
  const driftA = (hot ? t.drift : 0) + (G.tracks.oilPrice > t.oilPriceAbove ? t.drift : 0);
  const driftB = (hot ? t.drift : 0) + (!eased && G.tracks.oilLeak < t.oilLeakBelow ? t.drift : 0);
  if (driftA) addPressure(r, '0', driftA);
  if (driftB) addPressure(r, '1', driftB);
}
