// Puts the table (or, for the benchmark, an empty scene) into a container element. The canvas is
// decoration for sighted players: everything a person reads is in the DOM beside it, so the canvas
// is hidden from assistive technology. Phaser gets no keyboard at all (the desks need every key),
// and its mouse and touch handling never cancel the page's own scrolling or focus.
import * as Phaser from 'phaser';
import type { TableStore } from '../client/store';
import { BlankScene } from './BlankScene';
import { SURFACE, css } from './palette';
import { TableScene } from './TableScene';

export interface MountOptions {
  /** An empty scene instead of the table, for the frame-time benchmark. */
  blank?: boolean;
  /** `auto` (WebGL, falling back to Canvas) by default; `canvas` forces the Canvas renderer. */
  renderer?: 'auto' | 'canvas';
  /**
   * Draw every frame even when nothing changes (for the frame-time benchmark). By default the
   * table lets Phaser's loop sleep while it is still, and wakes it for changes and the countdown.
   */
  continuous?: boolean;
}

export interface MountedTable {
  destroy(): void;
  game: Phaser.Game;
}

function gameConfig(
  container: HTMLElement,
  store: TableStore,
  opts: MountOptions,
  type: number,
): Phaser.Types.Core.GameConfig {
  return {
    type,
    parent: container,
    backgroundColor: css(SURFACE.table),
    scale: {
      mode: Phaser.Scale.RESIZE,
      width: '100%',
      height: '100%',
      // The container's size is the page's business: Phaser must not set it to 100%.
      expandParent: false,
      autoRound: true,
    },
    audio: { noAudio: true },
    input: {
      // No keyboard manager at all, so no key is ever captured or prevented.
      keyboard: false,
      mouse: {
        preventDefaultDown: false,
        preventDefaultUp: false,
        preventDefaultMove: false,
        preventDefaultWheel: false,
      },
      touch: { capture: false },
      gamepad: false,
      windowEvents: false,
    },
    disableContextMenu: true,
    autoFocus: false,
    banner: false,
    render: { antialias: true, antialiasGL: true, powerPreference: 'low-power' },
    scene: opts.blank
      ? new BlankScene()
      : new TableScene(store, { continuous: opts.continuous ?? false }),
  };
}

function labelCanvas(canvas: HTMLCanvasElement | undefined | null): void {
  if (!canvas) return;
  canvas.setAttribute('aria-hidden', 'true');
  // Out of the container's flow, so the container's size never depends on the canvas.
  canvas.style.position = 'absolute';
  canvas.style.left = '0';
  canvas.style.top = '0';
  canvas.style.display = 'block';
}

/**
 * Creates the Phaser game inside `container` (which should have a definite size set by CSS) and
 * returns it with a `destroy()` that takes it down cleanly.
 */
export function mountTable(
  container: HTMLElement,
  store: TableStore,
  opts: MountOptions = {},
): MountedTable {
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';

  const build = (type: number) => {
    const config = gameConfig(container, store, opts, type);
    config.callbacks = { postBoot: (g) => labelCanvas(g.canvas) };
    const game = new Phaser.Game(config);
    labelCanvas(game.canvas);
    return game;
  };

  let game: Phaser.Game;
  if (opts.renderer === 'canvas') game = build(Phaser.CANVAS);
  else {
    const before = new Set(Array.from(container.querySelectorAll('canvas')));
    try {
      game = build(Phaser.AUTO);
    } catch (err) {
      // WebGL was reported but a context could not be made: draw with Canvas instead.
      console.warn('WebGL unavailable for the table, using Canvas:', err);
      for (const c of Array.from(container.querySelectorAll('canvas')))
        if (!before.has(c)) c.remove();
      game = build(Phaser.CANVAS);
    }
  }

  // Follow the container's own size changes at once, not only the window's.
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          if (!game.scale) return;
          game.scale.dirty = true;
          // The loop may be asleep while the table is still: the resize is handled in its step.
          if (game.isBooted) game.loop.wake();
        })
      : null;
  observer?.observe(container);

  let destroyed = false;
  return {
    game,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      observer?.disconnect();
      const canvas = game.canvas;
      // Stop reading the store now, even if Phaser's loop is asleep in a hidden tab.
      for (const scene of game.scene?.getScenes(false) ?? [])
        if (scene instanceof TableScene) scene.detach();
      // Phaser finishes destroying on its next frame (woken, if the table let it sleep); the
      // canvas leaves the page now.
      game.destroy(true, false);
      if (game.isBooted) game.loop.wake();
      canvas?.remove();
    },
  };
}
