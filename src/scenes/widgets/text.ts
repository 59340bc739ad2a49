// Text on the table: fitting and wrapping to a width in a CSS font, and a pool of Phaser text
// objects kept between redraws (creating text is what costs: each is a canvas of its own).
import type * as Phaser from 'phaser';
import { FONT, css } from '../palette';

export type Text = Phaser.GameObjects.Text;

export interface TextOpts {
  size: number;
  color: number;
  weight?: number;
  italic?: boolean;
  ox?: number;
  oy?: number;
  wrap?: number;
  align?: 'left' | 'center' | 'right';
  depth?: number;
}

export const fontOf = (size: number, weight = 400, italic = false) =>
  `${italic ? 'italic ' : ''}${weight} ${size}px ${FONT}`;

let measurer: CanvasRenderingContext2D | null = null;
const context = () => (measurer ??= document.createElement('canvas').getContext('2d'));

/** Shortens text with an ellipsis to fit maxWidth in the given CSS font. */
export function fitText(text: string, font: string, maxWidth: number): string {
  const m = context();
  if (!m) return text;
  m.font = font;
  if (m.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Greedy word wrap into at most maxLines lines; the last one ends with an ellipsis if cut. */
export function wrapText(text: string, font: string, maxWidth: number, maxLines: number): string[] {
  const m = context();
  if (!m) return [text];
  m.font = font;
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = line ? `${line} ${word}` : word;
    if (m.measureText(next).width <= maxWidth || !line) {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitText(`${line} ${words.slice(i).join(' ')}`, font, maxWidth));
      return lines;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(fitText(line, font, maxWidth));
  return lines;
}

export function measure(text: string, font: string): number {
  const m = context();
  if (!m) return text.length * 8;
  m.font = font;
  return m.measureText(text).width;
}

/** Text objects by key, reused between redraws and updated only when content or style change. */
export class TextPool {
  private readonly texts = new Map<string, Text>();
  private readonly sigs = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly scene: Phaser.Scene) {}

  /** Starts a redraw: every text not drawn again before `hideUnused` is hidden. */
  begin(): void {
    this.used.clear();
  }

  get(key: string): Text | undefined {
    return this.texts.get(key);
  }

  /** A text object kept between redraws, updated only when its content or style changes. */
  txt(key: string, x: number, y: number, content: string, o: TextOpts): Text {
    this.used.add(key);
    const sig = `${o.size}|${o.color}|${o.weight ?? 400}|${o.italic ? 1 : 0}|${o.wrap ?? 0}|${o.align ?? 'left'}`;
    let t = this.texts.get(key);
    if (!t) {
      t = this.scene.add.text(0, 0, '', {});
      this.texts.set(key, t);
    }
    if (this.sigs.get(key) !== sig) {
      t.setStyle({
        fontFamily: FONT,
        fontSize: `${Math.round(o.size)}px`,
        fontStyle: `${o.italic ? 'italic ' : ''}${o.weight ?? 400}`,
        color: css(o.color),
        align: o.align ?? 'left',
        ...(o.wrap ? { wordWrap: { width: o.wrap, useAdvancedWrap: true } } : {}),
      });
      this.sigs.set(key, sig);
    }
    if (t.text !== content) t.setText(content);
    t.setOrigin(o.ox ?? 0, o.oy ?? 0)
      .setPosition(Math.round(x), Math.round(y))
      .setDepth(o.depth ?? 3)
      .setVisible(true);
    return t;
  }

  /** Hides what this redraw did not draw; per-deal and per-gauge texts are dropped instead. */
  hideUnused(): void {
    for (const [key, t] of this.texts) {
      if (this.used.has(key)) continue;
      if (key.startsWith('deal.') || key.startsWith('g.')) {
        t.destroy();
        this.texts.delete(key);
        this.sigs.delete(key);
      } else t.setVisible(false);
    }
  }
}
