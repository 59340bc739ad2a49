// An empty scene, for the benchmark that compares the table's frame time with Phaser doing nothing.
import * as Phaser from 'phaser';

export const BLANK_SCENE_KEY = 'backchannel-blank';

export class BlankScene extends Phaser.Scene {
  constructor() {
    super({ key: BLANK_SCENE_KEY });
  }
}
