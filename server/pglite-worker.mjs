// The embedded database on a thread of its own. PGlite is PostgreSQL compiled to WebAssembly:
// every statement runs synchronously on the thread that calls it, about 1 ms for a match's state,
// which on the main thread would hold up every other match's sockets (docs/STORAGE.md has the
// figures). This worker owns the database; the server's thread sends it statements and gets rows
// back (server/storage.ts, openPglite). Plain JavaScript, so it starts the same under tsx, under
// vitest and from the production build.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dataDir);
/** Open transactions by id: each holds PGlite's transaction lock until commit or rollback. */
const open = new Map();
let nextTx = 1;

const reply = (id, body) => parentPort.postMessage({ id, ...body });
const failure = (err) => ({
  error: { message: err instanceof Error ? err.message : String(err), code: err?.code },
});

parentPort.on('message', (msg) => {
  void handle(msg).catch((err) => reply(msg.id, failure(err)));
});

async function handle(msg) {
  switch (msg.kind) {
    case 'query': {
      const target = msg.tx ? open.get(msg.tx)?.tx : db;
      if (!target) throw new Error(`no open transaction ${msg.tx}`);
      const result = await target.query(msg.sql, msg.params ?? []);
      reply(msg.id, { rows: result.rows });
      return;
    }
    case 'begin': {
      const id = nextTx++;
      let started;
      const ready = new Promise((resolve) => (started = resolve));
      const done = db.transaction(
        (tx) =>
          new Promise((resolve, reject) => {
            open.set(id, { tx, resolve, reject });
            started();
          }),
      );
      // Handled here so that a failure before commit is not an unhandled rejection; commit and
      // rollback below still await `done` itself.
      done.catch(() => undefined);
      await ready;
      open.get(id).done = done;
      reply(msg.id, { tx: id });
      return;
    }
    case 'commit':
    case 'rollback': {
      const entry = open.get(msg.tx);
      if (!entry) throw new Error(`no open transaction ${msg.tx}`);
      open.delete(msg.tx);
      if (msg.kind === 'commit') {
        entry.resolve();
        await entry.done;
      } else {
        entry.reject(new Error('rolled back'));
        await entry.done.catch(() => undefined);
      }
      reply(msg.id, { rows: [] });
      return;
    }
    case 'close':
      await db.close();
      reply(msg.id, { rows: [] });
      return;
  }
}

reply(0, { ready: true });
