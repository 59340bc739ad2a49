// boardgame.io's pubSub interface over Redis, so that a match's updates reach its sockets on every
// server process, plus one control channel the processes use to tell each other things (a match
// changed owner: see lease.ts).
//
// The payloads are the master's unfiltered messages: full states, every seat's hand and every
// private message. Each process filters them per socket before anything leaves it, but anyone who
// can read this Redis can read every secret of every match. Keep Redis private: bind it to a
// private interface or loopback, require a password (REDIS_URL=redis://:secret@host:6379), and
// never share it with anything that faces the public.
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { PubSub } from '../transport';

type Payload = Parameters<PubSub['publish']>[1];
type RedisClient = ReturnType<typeof createClient>;

/** Messages between nodes on the control channel. */
export interface ControlMessage {
  type: 'drop';
  matchID: string;
  /** The node that must let the match go. */
  node: string;
  /** The epoch the new holder took: a holder of this epoch or later keeps it. */
  epoch: number;
}

export class RedisPubSub implements PubSub {
  private readonly handlers = new Map<string, ((payload: Payload) => void)[]>();
  private readonly controlHandlers: ((message: ControlMessage) => void)[] = [];

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly node: string,
  ) {}

  static async connect(
    url: string,
    log: Logger,
    node: string,
    prefix = 'bc:',
  ): Promise<RedisPubSub> {
    const publisher = createClient({ url });
    const subscriber = publisher.duplicate();
    // node-redis reconnects by itself (and subscribes again); an error event without a listener
    // would end the process.
    for (const [client, role] of [
      [publisher, 'publisher'],
      [subscriber, 'subscriber'],
    ] as const)
      client.on('error', (err: unknown) =>
        log.error({ event: 'redis', role, err: String(err) }, 'redis connection error'),
      );
    await publisher.connect();
    await subscriber.connect();
    const pubSub = new RedisPubSub(publisher, subscriber, prefix, log, node);
    await subscriber.subscribe(`${prefix}control`, (message) => pubSub.onControl(message));
    return pubSub;
  }

  /**
   * This node's sockets hear at once, in order with whatever else this node sends them (the
   * mover's bc:accepted comes after its update); the other nodes hear through Redis, and skip
   * what they sent themselves.
   */
  publish(channel: string, payload: Payload): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
    this.publisher
      .publish(this.prefix + channel, JSON.stringify({ from: this.node, payload }))
      .catch((err: unknown) =>
        this.log.error({ event: 'redis', channel, err: String(err) }, 'publish failed'),
      );
  }

  subscribe(channel: string, fn: (payload: Payload) => void): void {
    const existing = this.handlers.get(channel);
    if (existing) {
      existing.push(fn);
      return;
    }
    this.handlers.set(channel, [fn]);
    this.subscriber
      .subscribe(this.prefix + channel, (message) => {
        let envelope: { from?: string; payload?: Payload };
        try {
          envelope = JSON.parse(message) as typeof envelope;
        } catch {
          return;
        }
        const { from, payload } = envelope;
        if (from === this.node || payload === undefined) return;
        for (const handler of this.handlers.get(channel) ?? []) handler(payload);
      })
      .catch((err: unknown) =>
        this.log.error({ event: 'redis', channel, err: String(err) }, 'subscribe failed'),
      );
  }

  unsubscribeAll(channel: string): void {
    if (!this.handlers.delete(channel)) return;
    this.subscriber
      .unsubscribe(this.prefix + channel)
      .catch((err: unknown) =>
        this.log.error({ event: 'redis', channel, err: String(err) }, 'unsubscribe failed'),
      );
  }

  /** Sends a control message to every node (this one included). */
  async control(message: ControlMessage): Promise<void> {
    await this.publisher.publish(`${this.prefix}control`, JSON.stringify(message));
  }

  onControlMessage(fn: (message: ControlMessage) => void): void {
    this.controlHandlers.push(fn);
  }

  private onControl(raw: string): void {
    let message: ControlMessage;
    try {
      message = JSON.parse(raw) as ControlMessage;
    } catch {
      return;
    }
    if (message.type !== 'drop' || typeof message.matchID !== 'string') return;
    for (const fn of this.controlHandlers) fn(message);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.close(), this.publisher.close()]);
  }
}
