// One server process as a node of a cluster (REDIS_URL and DATABASE_URL set): match updates over
// Redis, match ownership by leases in PostgreSQL (lease.ts). This wires the leases to the parts
// of a single server: the owner alone arms a match's deadlines and bots, writes are fenced, a match
// taken by another node is dropped here (timers, sockets).
import type { State } from 'boardgame.io';
import type { Logger } from 'pino';
import type { BackchannelState } from '../../src/game/types';
import type { BotSeats } from '../bots';
import type { Config } from '../config';
import type { DeadlineScheduler } from '../deadlines';
import type { SqlClient, SqlStorage } from '../storage';
import type { GuardedTransport } from '../transport';
import { Leases } from './lease';
import { RedisPubSub } from './redis-pubsub';

export type ClusterConfig = NonNullable<Config['cluster']>;

export interface ClusterNode {
  node: string;
  pubSub: RedisPubSub;
  /** Wires the leases to the server's parts and starts renewing and scanning. */
  join(parts: ClusterParts): Promise<void>;
  /**
   * The storage's onState goes through here first: false when this node must not arm the match
   * (it does not hold it; a newly created match is taken, and armed once taken).
   */
  onState(matchID: string, state: State<BackchannelState>): boolean;
  forget(matchID: string): void;
  held(): number;
  stop(): Promise<void>;
}

export interface ClusterParts {
  sql: SqlClient;
  storage: SqlStorage;
  transport: GuardedTransport;
  scheduler: DeadlineScheduler;
  bots: BotSeats;
}

/** Connects to Redis first: the transport is built with its pubSub. */
export async function clusterNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const pubSub = await RedisPubSub.connect(config.redisUrl, log, config.node);
  let leases: Leases | undefined;

  return {
    node: config.node,
    pubSub,
    async join({ sql, storage, transport, scheduler, bots }) {
      const l = new Leases(
        sql,
        {
          node: config.node,
          ttlMs: config.ttlMs,
          renewMs: config.renewMs,
          scanMs: config.scanMs,
        },
        log,
      );
      await l.connect();
      leases = l;
      l.onGained = async (matchID) => {
        // Another node may have written the match since this one last held it.
        storage.evict(matchID);
        const { state } = (await storage.fetch(matchID, { state: true })) as {
          state?: State<BackchannelState>;
        };
        if (!state || state.ctx.gameover !== undefined) return void (await l.release(matchID));
        scheduler.fromState(matchID, state);
        bots.fromState(matchID, state);
      };
      l.onLost = (matchID) => {
        scheduler.disarm(matchID);
        bots.forget(matchID);
        transport.releaseMatch(matchID);
        storage.evict(matchID);
      };
      l.onTakenFrom = (matchID, node, epoch) =>
        void pubSub
          .control({ type: 'drop', matchID, node, epoch })
          .catch((err: unknown) =>
            log.error({ event: 'redis', err: String(err) }, 'drop notice failed'),
          );
      pubSub.onControlMessage((message) => {
        if (message.node === config.node) l.dropped(message.matchID, message.epoch);
      });
      storage.fence = {
        holder: (matchID) => l.fence(matchID),
        refused: async (matchID) => {
          if (await l.stillHeld(matchID)) return false;
          l.lose(matchID, 'fenced');
          return true;
        },
      };
      transport.claim = (matchID) => l.ensure(matchID);
      l.start();
      log.info({ event: 'cluster', node: config.node }, 'joined the cluster');
    },
    onState(matchID, state) {
      if (!leases) return true;
      if (state.ctx.gameover !== undefined) {
        void leases.release(matchID).catch(() => undefined);
        return true; // disarms
      }
      if (leases.holds(matchID)) return true;
      // Only a new match is written without its lease held: take it, then arm it.
      void leases
        .ensure(matchID)
        .catch((err: unknown) =>
          log.error({ event: 'error', matchID, err: String(err) }, 'lease take failed'),
        );
      return false;
    },
    forget(matchID) {
      void leases?.release(matchID).catch(() => undefined);
    },
    held: () => leases?.count() ?? 0,
    async stop() {
      leases?.stop();
      // A clean stop hands the matches on at once (the next scan of another node takes them).
      await leases?.releaseAll().catch(() => undefined);
      await pubSub.close();
    },
  };
}
