/**
 * A synchronous handle on a real DuckDB database, for the offline runtime's BigQuery.
 *
 * Apps Script's advanced services are synchronous while @duckdb/node-api is promise-based,
 * so DuckDB lives in a worker thread and the caller blocks on a shared flag
 * (Atomics.wait) until the worker has posted the answer on a MessageChannel, which is
 * then taken with receiveMessageOnPort. The worker is unref'd: it never keeps a test
 * process alive, and close() terminates it.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

export interface DuckResult {
  columns: string[];
  /** DuckDB type names, e.g. 'DECIMAL(38,9)', 'TIMESTAMP WITH TIME ZONE'. */
  types: string[];
  /** getRowsJson() values: strings for big numbers, dates and times; numbers; booleans; null. */
  rows: unknown[][];
}

export class DuckError extends Error {}

// Plain JS run with `eval: true` so it needs no build step under jest, demo or bench.
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { DuckDBInstance } = require(workerData.modulePath);
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
let conn = null;
async function open() {
  const inst = await DuckDBInstance.create(workerData.path);
  conn = await inst.connect();
  // BigQuery's TIMESTAMP is an instant shown in UTC; its ORDER BY puts NULLs first
  // ascending and last descending, DuckDB's default is NULLS LAST both ways.
  await conn.run("SET TimeZone='UTC'");
  await conn.run("SET default_null_order='nulls_first_on_asc_last_on_desc'");
}
const ready = open();
function reply(msg) {
  port.postMessage(msg);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
port.on('message', async (m) => {
  try {
    await ready;
    if (m.op === 'run') {
      for (const sql of m.sqls) await conn.run(sql);
      reply({ ok: true });
    } else {
      const r = await conn.runAndReadAll(m.sql);
      reply({ ok: true, columns: r.columnNames(), types: r.columnTypes().map((t) => t.toString()), rows: r.getRowsJson() });
    }
  } catch (e) {
    reply({ ok: false, message: e && e.message ? String(e.message) : String(e) });
  }
});
`;

export class SyncDuck {
  private readonly worker: Worker;
  private readonly port: import('worker_threads').MessagePort;
  private readonly flag: Int32Array;
  private closed = false;
  /** Statements sent to DuckDB (runs and queries), for benches. */
  calls = 0;

  /** `path`: ':memory:' (default) or a database file. */
  constructor(path = ':memory:') {
    const shared = new SharedArrayBuffer(4);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { flag: shared, port: port2, path, modulePath: require.resolve('@duckdb/node-api') },
      transferList: [port2],
    });
    this.worker.unref();
    port1.unref();
  }

  private call(msg: object): { ok: boolean; message?: string } & Partial<DuckResult> {
    if (this.closed) throw new DuckError('DuckDB is closed');
    this.calls++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(msg);
    // Generous: a cold worker loads the native module first.
    for (let waited = 0; Atomics.load(this.flag, 0) === 0; waited++) {
      if (waited > 600) throw new DuckError('DuckDB worker did not answer in 10 minutes');
      Atomics.wait(this.flag, 0, 0, 1000);
    }
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new DuckError('DuckDB worker answered without a message');
    const m = got.message as { ok: boolean; message?: string } & Partial<DuckResult>;
    if (!m.ok) throw new DuckError(m.message ?? 'DuckDB error');
    return m;
  }

  /** Runs statements in order (no results). */
  run(...sqls: string[]): void {
    this.call({ op: 'run', sqls });
  }

  query(sql: string): DuckResult {
    const m = this.call({ op: 'query', sql });
    return { columns: m.columns ?? [], types: m.types ?? [], rows: m.rows ?? [] };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
