// The server's clock as this browser sees it: server time minus local time, estimated from one
// reading of the server's time halfway through the round trip. Countdowns add this offset to the
// local clock, so every screen counts down to the server's deadline.

/** The offset from a server reading taken between `sent` and `received` (local ms). */
export const offsetFrom = (serverNow: number, sent: number, received: number): number =>
  serverNow - (sent + received) / 2;

/** Reads GET /api/time of `server` (this origin by default); 0 when it cannot be read. */
export async function serverOffset(server = '', now: () => number = Date.now): Promise<number> {
  try {
    const sent = now();
    const res = await fetch(`${server}/api/time`, { cache: 'no-store' });
    const { now: serverNow } = (await res.json()) as { now: number };
    return offsetFrom(serverNow, sent, now());
  } catch {
    // Without the server's time, countdowns use this browser's clock.
    return 0;
  }
}

/** ms left until `deadline` (server time) by the server's clock, never below 0. */
export const leftUntil = (deadline: number, offset: number, now = Date.now()): number =>
  Math.max(0, deadline - (now + offset));
