// Join codes are short (6 characters from 31: about 887 million), so they must not be guessed at
// speed: each client address may miss a limited number of times in a window, after which every
// code lookup from it is refused (429) until the window has passed. Memory stays bounded: old
// entries are dropped as new ones come.

/** What the seminar API asks: this in-process map, or the shared table across nodes. */
export interface JoinCodeLimit {
  blockedFor(address: string): number | Promise<number>;
  miss(address: string): void | Promise<void>;
}

export interface GuessLimitOptions {
  /** Wrong codes one address may try in a window. */
  misses: number;
  windowMs: number;
  now?: () => number;
}

export class GuessLimit implements JoinCodeLimit {
  private readonly misses = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly opts: GuessLimitOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Milliseconds until this address may try again; 0 when it may now. */
  blockedFor(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.opts.misses) return 0;
    return Math.max(1, recent[0]! + this.opts.windowMs - this.now());
  }

  miss(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.misses.set(address, recent);
    if (this.misses.size > 10_000) this.prune();
  }

  private recent(address: string): number[] {
    const since = this.now() - this.opts.windowMs;
    return (this.misses.get(address) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const address of [...this.misses.keys()]) {
      const recent = this.recent(address);
      if (recent.length === 0) this.misses.delete(address);
      else this.misses.set(address, recent);
    }
  }
}
