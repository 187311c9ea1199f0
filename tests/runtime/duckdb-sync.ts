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
const duck = require(workerData.modulePath);
const { DuckDBInstance } = duck;
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
// Rows arrive as primitives per column kind (see toAppendValue) and go through a typed
// staging table: the appender never casts (DuckDB's VARCHAR to DECIMAL(38,9) cast is
// very slow), and one INSERT ... SELECT keeps the append all-or-nothing.
let stageSeq = 0;
async function append(m) {
  const stage = 'bq_stage_' + (++stageSeq);
  // DECIMAL(38,9) is staged as its value times 10^9 in text: DuckDB turns that into the
  // decimal exactly and fast (HUGEINT times 1e-9), where appendDecimal is ~10 times slower
  const isDec = m.types.map((t) => t.startsWith('DECIMAL'));
  await conn.run('CREATE TABLE ' + stage + ' (' + m.columns.map((c, i) => '"' + c + '" ' + (isDec[i] ? 'VARCHAR' : m.types[i])).join(', ') + ')');
  try {
    const a = await conn.createAppender(stage);
    const kinds = m.types.map((t) => (t.startsWith('DECIMAL') ? 'dec' : t));
    for (const row of m.rows) {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (v === null) { a.appendNull(); continue; }
        switch (kinds[i]) {
          case 'VARCHAR': a.appendVarchar(v); break;
          case 'BIGINT': a.appendBigInt(BigInt(v)); break;
          case 'dec': a.appendVarchar(v); break;
          case 'DOUBLE': a.appendDouble(Number(v)); break;
          case 'BOOLEAN': a.appendBoolean(v); break;
          case 'DATE': a.appendDate(new duck.DuckDBDateValue(v)); break;
          case 'TIMESTAMP': a.appendTimestamp(new duck.DuckDBTimestampValue(BigInt(v))); break;
          case 'TIMESTAMPTZ': a.appendTimestampTZ(new duck.DuckDBTimestampTZValue(BigInt(v))); break;
          default: throw new Error('cannot append type ' + kinds[i]);
        }
      }
      a.endRow();
    }
    a.closeSync();
    const cols = m.columns.map((c) => '"' + c + '"').join(', ');
    const exprs = m.columns
      .map((c, i) => (isDec[i] ? 'CAST(CAST(CAST("' + c + '" AS HUGEINT) AS DECIMAL(38,0)) * CAST(0.000000001 AS DECIMAL(10,9)) AS DECIMAL(38,9))' : '"' + c + '"'))
      .join(', ');
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run('INSERT INTO ' + m.table + ' (' + cols + ') SELECT ' + exprs + ' FROM ' + stage);
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
  } finally {
    await conn.run('DROP TABLE IF EXISTS ' + stage);
  }
}
port.on('message', async (m) => {
  try {
    await ready;
    if (m.op === 'append') {
      await append(m);
      reply({ ok: true });
    } else if (m.op === 'run') {
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

// A runtime nobody closed (a harness dropped by a test) must not leave its worker and
// database alive until the process ends: when the handle is collected, the worker goes.
interface Registry {
  register(target: object, held: Worker, token: object): void;
  unregister(token: object): void;
}
// (the project's lib is ES2020; Node has had FinalizationRegistry since 14)
const Finalizer = (globalThis as unknown as { FinalizationRegistry: new (cb: (w: Worker) => void) => Registry }).FinalizationRegistry;
const orphans = new Finalizer((w) => void w.terminate());

export class SyncDuck {
  private readonly worker: Worker;
  private readonly port: import('worker_threads').MessagePort;
  private readonly flag: Int32Array;
  private closed = false;
  /** Statements sent to DuckDB (runs and queries), for benches. */
  calls = 0;

  /** `path`: ':memory:' (default) or a database file. */
  constructor(readonly path = ':memory:') {
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
    orphans.register(this, this.worker, this);
  }

  private call(msg: object): { ok: boolean; message?: string } & Partial<DuckResult> {
    if (this.closed) throw new DuckError('DuckDB is closed');
    this.calls++;
    Atomics.store(this.flag, 0, 0);
    const t0 = performance.now();
    this.port.postMessage(msg);
    // Generous: a cold worker loads the native module first.
    for (let waited = 0; Atomics.load(this.flag, 0) === 0; waited++) {
      // a worker that died (a bug) never answers: fail instead of hanging the test run
      if (waited > 120) throw new DuckError('DuckDB worker did not answer in 2 minutes');
      Atomics.wait(this.flag, 0, 0, 1000);
    }
    const got = receiveMessageOnPort(this.port);
    if (process.env.BQ_TRACE) process.stderr.write(`duck ${Math.round(performance.now() - t0)}ms ${JSON.stringify(msg).slice(0, 160)}\n`);
    if (!got) throw new DuckError('DuckDB worker answered without a message');
    const m = got.message as { ok: boolean; message?: string } & Partial<DuckResult>;
    if (!m.ok) throw new DuckError(m.message ?? 'DuckDB error');
    return m;
  }

  /** Runs statements in order (no results). */
  run(...sqls: string[]): void {
    this.call({ op: 'run', sqls });
  }

  /**
   * Appends rows to `table` (a quoted name) all-or-nothing. `types`: DuckDB types of the
   * columns (VARCHAR, BIGINT, DECIMAL(38,9), DOUBLE, BOOLEAN, DATE, TIMESTAMP,
   * TIMESTAMPTZ); values: strings, integer strings (BIGINT, DECIMAL scaled by 10^9,
   * microseconds), numbers (DOUBLE, days for DATE), booleans, or null.
   */
  append(table: string, columns: string[], types: string[], rows: unknown[][]): void {
    if (rows.length) this.call({ op: 'append', table, columns, types, rows });
  }

  query(sql: string): DuckResult {
    const m = this.call({ op: 'query', sql });
    return { columns: m.columns ?? [], types: m.types ?? [], rows: m.rows ?? [] };
  }

  close(): void {
    if (this.closed) return;
    // a file must hold every table without its write-ahead log when the worker goes away
    if (this.path !== ':memory:') {
      try {
        this.run('CHECKPOINT');
      } catch {
        /* closing anyway */
      }
    }
    this.closed = true;
    orphans.unregister(this);
    this.port.close();
    void this.worker.terminate();
  }
}
