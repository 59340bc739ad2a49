// The clock panel: the round's dial (one arc per step, sized by the step's share of the round in
// this match, and ticks through the round), the round and its pips, the step, the countdown and
// who is still to act. `tickDial` redraws only the moving parts, once per frame at most. What it
// shows is the seat model's (src/game/model/scene.ts: dialOf, dialAt).
import * as Phaser from 'phaser';
import { dialAt, type DialModel } from '../../game/model/scene';
import type { TableLayout } from '../layout';
import { SURFACE, TRACK_STYLE, css } from '../palette';
import type { Board } from './board';
import { clamp, panel, type Graphics } from './marks';
import { fitText, fontOf, type TextPool } from './text';

function dialGeometry(layout: TableLayout) {
  const r = layout.clock;
  const u = layout.unit;
  const radius = Math.min(r.h * (layout.compact ? 0.36 : 0.4), r.w * 0.2);
  return {
    radius,
    cx: r.x + u * (layout.compact ? 0.6 : 0.8) + radius,
    cy: r.y + r.h / 2,
    ringR: radius * 0.8,
    ringW: Math.max(3, radius * 0.17),
  };
}

/** Round, step and countdown beside the round's dial. */
export function drawClockPanel(b: Board, dial: DialModel): void {
  const { layout, panels: g, text } = b;
  const r = layout.clock;
  const u = layout.unit;
  panel(g, r, u);
  const { radius, cx, cy, ringR, ringW } = dialGeometry(layout);

  // The dial's face: four arcs, one per step, sized by the step's share of the round.
  g.fillStyle(SURFACE.table, 1);
  g.fillCircle(cx, cy, radius);
  g.lineStyle(1, SURFACE.panelEdge, 1);
  g.strokeCircle(cx, cy, radius);
  dial.steps.forEach((seg) => {
    const a0 = -Math.PI / 2 + seg.from * Math.PI * 2 + 0.05;
    const a1 = -Math.PI / 2 + seg.to * Math.PI * 2 - 0.05;
    const past = seg.past;
    g.lineStyle(ringW, past ? SURFACE.panelMuted : SURFACE.panelEdge, past ? 0.55 : 1);
    g.beginPath();
    g.arc(cx, cy, ringR, a0, a1, false);
    g.strokePath();
  });
  // Ticks round the dial through the round's in-game hours, the longer ones at each day.
  for (const tick of dial.ticks) {
    const a = -Math.PI / 2 + tick.at * Math.PI * 2;
    const major = tick.major;
    const r0 = radius * (major ? 0.5 : 0.56);
    const r1 = radius * 0.64;
    g.lineStyle(major ? 2 : 1, SURFACE.panelMuted, major ? 0.9 : 0.6);
    g.lineBetween(
      cx + Math.cos(a) * r0,
      cy + Math.sin(a) * r0,
      cx + Math.cos(a) * r1,
      cy + Math.sin(a) * r1,
    );
  }
  const compact = layout.compact;
  text.txt('clock.round', cx, cy - (compact ? 0 : radius * 0.05), String(dial.round), {
    size: Math.round(radius * (compact ? 0.75 : 0.5)),
    color: SURFACE.panelInk,
    weight: 700,
    ox: 0.5,
    oy: 0.5,
  });
  if (!compact)
    text.txt('clock.roundOf', cx, cy + radius * 0.3, `of ${dial.rounds}`, {
      size: Math.max(10, Math.round(radius * 0.2)),
      color: SURFACE.panelMuted,
      ox: 0.5,
      oy: 0.5,
    });
  const stepLine = dial.stepLine;

  if (compact) {
    // Two lines: round and countdown; step and in-game hour.
    const tx = cx + radius + u * 0.6;
    const tw = r.x + r.w - u * 0.6 - tx;
    const s1 = Math.round(u * 0.9);
    const s2 = Math.round(u * 0.75);
    const y1 = cy - s1 * 1.15;
    const y2 = cy + u * 0.12;
    const title = dial.over ? dial.title : dial.stepLine;
    text.txt('clock.title', tx, y1, title, { size: s1, color: SURFACE.panelInk, weight: 700 });
    text.txt('clock.countdown', tx + tw, y1, '', {
      size: s1,
      color: SURFACE.panelInk,
      weight: 700,
      ox: 1,
    });
    const second = dial.over ? stepLine : dial.title;
    text.txt('clock.step', tx, y2, second, {
      size: s2,
      color: SURFACE.panelMuted,
      weight: 600,
    });
    text.txt('clock.hour', tx + tw, y2, '', { size: s2, color: SURFACE.panelMuted, ox: 1 });
    return;
  }

  // Beside the dial: round and its pips, the step, the countdown, who is still to act.
  const tx = cx + radius + u * 0.9;
  const tw = r.x + r.w - u * 0.8 - tx;
  const big = Math.round(u * 1.05);
  const lineGap = u * 0.3;
  let y =
    r.y + Math.max(u * 0.55, (r.h - (big + u * 0.9 + big * 1.25 + u * 1.1 + lineGap * 3)) / 2);
  const roundLabel = text.txt('clock.title', tx, y, dial.title, {
    size: big,
    color: SURFACE.panelInk,
    weight: 700,
  });
  const hourY = y + big * 0.15;
  text.txt('clock.hour', tx + tw, hourY, '', {
    size: Math.round(u * 0.8),
    color: SURFACE.panelMuted,
    ox: 1,
  });
  y += roundLabel.height + lineGap;
  // Round pips: done, current (ringed), to come.
  const pipR = clamp(u * 0.28, 3, 6);
  const pipGap = Math.min(pipR * 3.2, (tw - pipR * 2) / Math.max(1, dial.rounds - 1));
  for (let i = 1; i <= dial.rounds; i++) {
    const px = tx + pipR + (i - 1) * pipGap;
    const py = y + pipR;
    if (i < dial.round || dial.over) {
      g.fillStyle(SURFACE.panelMuted, 1);
      g.fillCircle(px, py, pipR);
    } else if (i === dial.round) {
      g.fillStyle(SURFACE.panelInk, 1);
      g.fillCircle(px, py, pipR);
      g.lineStyle(1.5, SURFACE.panelInk, 1);
      g.strokeCircle(px, py, pipR + 2.5);
    } else {
      g.lineStyle(1.5, SURFACE.panelEdge, 1);
      g.strokeCircle(px, py, pipR);
    }
  }
  y += pipR * 2 + lineGap * 1.6;
  text.txt('clock.step', tx, y, stepLine, {
    size: Math.round(u * 0.9),
    color: SURFACE.panelMuted,
    weight: 600,
  });
  text.txt('clock.countdown', tx + tw, y - big * 0.12, '', {
    size: big,
    color: SURFACE.panelInk,
    weight: 700,
    ox: 1,
  });
  y += big * 1.25 + lineGap;

  text.txt('clock.pending', tx, y, fitText(dial.waiting, fontOf(Math.round(u * 0.8)), tw), {
    size: Math.round(u * 0.8),
    color: SURFACE.panelMuted,
  });
}

/**
 * The moving parts of the clock: the dial's hand and the countdown. Cheap; runs per frame, and
 * draws only when what it shows changed since `last` (it returns what it showed).
 */
export function tickDial(
  g: Graphics,
  text: TextPool,
  layout: TableLayout,
  dial: DialModel,
  /** The server's time now. */
  now: number,
  last: string,
  force: boolean,
): string {
  if (!text.get('clock.countdown')) return last;
  const time = dialAt(dial, now);
  const { roundFraction, hour } = time;
  const current = dial.current;
  const seg = dial.steps[current] ?? { from: 0, to: 1 };
  const urgent = time.countdown.urgent;
  const key = `${time.text}|${hour}|${Math.round(roundFraction * 720)}|${urgent}`;
  if (!force && key === last) return last;

  const { radius, cx, cy, ringR, ringW } = dialGeometry(layout);
  g.clear();
  if (current >= 0) {
    // The current step's arc fills as its time passes.
    const a0 = -Math.PI / 2 + seg.from * Math.PI * 2 + 0.05;
    const a1 = -Math.PI / 2 + seg.to * Math.PI * 2 - 0.05;
    g.lineStyle(ringW, SURFACE.panelInk, 0.35);
    g.beginPath();
    g.arc(cx, cy, ringR, a0, a1, false);
    g.strokePath();
    const aNow = Math.max(a0 + 0.001, -Math.PI / 2 + roundFraction * Math.PI * 2);
    g.lineStyle(ringW, SURFACE.panelInk, 1);
    g.beginPath();
    g.arc(cx, cy, ringR, a0, Math.min(aNow, a1), false);
    g.strokePath();
  }
  // The hand: a pointer on the ring at the in-game hour.
  const a = -Math.PI / 2 + roundFraction * Math.PI * 2;
  const tip = radius * 1.02;
  const base = radius * 0.6;
  const half = 0.16;
  g.fillStyle(urgent ? TRACK_STYLE.escalation.color : SURFACE.panelInk, 1);
  g.lineStyle(1.5, SURFACE.table, 1);
  const pts = [
    new Phaser.Math.Vector2(cx + Math.cos(a) * tip, cy + Math.sin(a) * tip),
    new Phaser.Math.Vector2(cx + Math.cos(a + half) * base, cy + Math.sin(a + half) * base),
    new Phaser.Math.Vector2(cx + Math.cos(a - half) * base, cy + Math.sin(a - half) * base),
  ];
  g.fillPoints(pts, true);
  g.strokePoints(pts, true);

  const cd = text.get('clock.countdown');
  if (cd) {
    const compact = layout.compact;
    // On a phone the step's name and the countdown share one short line: no "untimed" there.
    cd.setText(compact ? time.short : time.text);
    const title = text.get('clock.title');
    if (compact && title) {
      // Shrink the step's name rather than let it run under the countdown.
      title.setScale(1);
      const room = cd.x - cd.displayWidth - title.x - layout.unit * 0.4;
      if (title.width > room && room > 0) title.setScale(Math.max(0.55, room / title.width));
    }
    const color = urgent
      ? TRACK_STYLE.escalation.color
      : !time.countdown.timed
        ? SURFACE.panelMuted
        : SURFACE.panelInk;
    cd.setColor(css(color));
  }
  const hourObj = text.get('clock.hour');
  const titleObj = text.get('clock.title');
  if (hourObj) {
    // The long form if it clears the round's title, else the short one, else nothing.
    const forms = dial.over ? [''] : [`hour ${hour} of ${dial.roundHours}`, `${hour}h`, ''];
    for (const form of layout.compact ? forms.slice(1) : forms) {
      hourObj.setText(form);
      const clear =
        !titleObj ||
        layout.compact ||
        hourObj.x - hourObj.displayWidth >= titleObj.x + titleObj.displayWidth + layout.unit * 0.4;
      if (clear) break;
    }
  }
  return key;
}
