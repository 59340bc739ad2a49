// The baseline for bench:server: a trivial game on boardgame.io's stock server (in-memory
// storage, stock socket transport), a few lines of rules, on a free loopback port. It prints
// "listening on PORT" once it serves.
import type { Game } from 'boardgame.io';
import { ActivePlayers } from 'boardgame.io/core';
import { Server } from 'boardgame.io/server';

export const Trivial: Game<{ n: number; last: Record<string, number> }> = {
  name: 'trivial',
  setup: () => ({ n: 0, last: {} }),
  turn: { activePlayers: ActivePlayers.ALL },
  moves: {
    // Every seat may move at any time, so a move never waits for another seat's state id.
    inc: {
      move: ({ G }, seat: string, k: number) => {
        G.n += 1;
        G.last[seat] = k; // the mover recognises its own update by this
      },
      ignoreStaleStateID: true,
    },
  },
};

const server = Server({ games: [Trivial], origins: ['*'] as never });
const running = await server.run({ port: 0 });
const address = running.appServer.address();
console.info(`listening on ${typeof address === 'object' && address ? address.port : address}`);
