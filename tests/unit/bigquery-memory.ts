/**
 * A small in-memory BigQuery for unit tests of the add-on's BigQuery side (the DuckDB-
 * backed fake of the offline runtime runs the SQL; this one keeps BigQuery's rules for
 * loads): a job id is used once (409 duplicate), a load job goes PENDING -> RUNNING ->
 * DONE over polls, a job that fails writes nothing (a bad line, an unknown field, a
 * missing table, an injected quota error), a DONE job appended all its rows at once.
 * No SQL: `query` is refused; tests read the tables and apply the views' rule
 * themselves (`latest`).
 */
import { BigQueryGateway, BqField, BqFailure, BqJobStatus, BqQueryResult, BqTableSpec } from '../../src/gas/bigquery-port';

interface Job {
  id: string;
  table: string;
  ndjson: string;
  polls: number;
  status: BqJobStatus;
  /** Set at insert: the job fails with this reason when it runs. */
  failWith?: string;
}

export type BqCall = 'getDatasetLocation' | 'getDatasetExpirationMs' | 'createDataset' | 'getTableFields' | 'createTable' | 'addFields' | 'putView' | 'startLoad' | 'getJob' | 'query';

export class MemoryBigQuery implements BigQueryGateway {
  datasets = new Map<string, string>();
  tables = new Map<string, { spec: BqTableSpec; rows: Record<string, unknown>[] }>();
  views = new Map<string, string>();
  /** Datasets' default expiration (ms), as the sandbox sets it. */
  expirations = new Map<string, number>();
  jobs = new Map<string, Job>();
  calls: BqCall[] = [];
  /** Called before every call (a test throws from it to kill the execution there). */
  before: (call: BqCall, n: number) => void = () => undefined;
  /** The next load jobs inserted fail when they run with this reason (e.g. quotaExceeded). */
  failNextJobs: string[] = [];
  /** The next jobs.insert calls are refused outright with this reason (no job is made). */
  refuseNextInserts: string[] = [];
  /** Polls a job takes from PENDING to DONE. */
  pollsToDone = 2;

  private hit(call: BqCall): void {
    this.calls.push(call);
    this.before(call, this.calls.length);
  }

  getDatasetLocation(project: string, dataset: string): string | null {
    this.hit('getDatasetLocation');
    return this.datasets.get(project + '.' + dataset) ?? null;
  }
  getDatasetExpirationMs(project: string, dataset: string): number | null {
    this.hit('getDatasetExpirationMs');
    return this.datasets.has(project + '.' + dataset) ? this.expirations.get(project + '.' + dataset) ?? null : null;
  }
  createDataset(project: string, dataset: string, location: string): void {
    this.hit('createDataset');
    const k = project + '.' + dataset;
    if (this.datasets.has(k)) throw new BqFailure('duplicate', 409, 'Already Exists: Dataset ' + k);
    this.datasets.set(k, location);
  }
  private dataset(project: string, dataset: string): string {
    const k = project + '.' + dataset;
    if (!this.datasets.has(k)) throw new BqFailure('notFound', 404, 'Not found: Dataset ' + k);
    return k;
  }
  getTableFields(project: string, dataset: string, table: string): string[] | null {
    this.hit('getTableFields');
    const t = this.tables.get(this.dataset(project, dataset) + '.' + table);
    return t ? t.spec.fields.map((f) => f.name) : null;
  }
  createTable(project: string, dataset: string, spec: BqTableSpec): void {
    this.hit('createTable');
    const k = this.dataset(project, dataset) + '.' + spec.table;
    if (this.tables.has(k)) throw new BqFailure('duplicate', 409, 'Already Exists: Table ' + k);
    const names = spec.fields.map((f) => f.name);
    if (names.indexOf(spec.partitionField) < 0) throw new BqFailure('invalid', 400, 'partition field not in schema');
    if (spec.clusterFields.length > 4 || spec.clusterFields.some((c) => names.indexOf(c) < 0)) throw new BqFailure('invalid', 400, 'bad clustering');
    if (new Set(names).size !== names.length) throw new BqFailure('invalid', 400, 'duplicate field');
    this.tables.set(k, { spec: { ...spec, fields: spec.fields.slice() }, rows: [] });
  }
  addFields(project: string, dataset: string, table: string, fields: BqField[]): void {
    this.hit('addFields');
    const t = this.tables.get(this.dataset(project, dataset) + '.' + table);
    if (!t) throw new BqFailure('notFound', 404, 'Not found: Table ' + table);
    for (const f of fields) {
      if (f.mode === 'REQUIRED') throw new BqFailure('invalid', 400, 'a new field must be NULLABLE');
      t.spec.fields.push(f);
    }
  }
  putView(project: string, dataset: string, view: string, sql: string): void {
    this.hit('putView');
    this.views.set(this.dataset(project, dataset) + '.' + view, sql);
  }
  startLoad(project: string, _location: string, jobId: string, dataset: string, table: string, _fields: BqField[], ndjson: string): void {
    this.hit('startLoad');
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(jobId)) throw new BqFailure('invalid', 400, 'Invalid job ID');
    if (this.jobs.has(jobId)) throw new BqFailure('duplicate', 409, 'Already Exists: Job ' + project + ':' + jobId);
    const refuse = this.refuseNextInserts.shift();
    if (refuse) throw new BqFailure(refuse, 403, 'Quota exceeded: too many jobs');
    this.jobs.set(jobId, { id: jobId, table: project + '.' + dataset + '.' + table, ndjson, polls: 0, status: { state: 'PENDING' }, failWith: this.failNextJobs.shift() });
  }
  getJob(_project: string, _location: string, jobId: string): BqJobStatus | null {
    this.hit('getJob');
    const job = this.jobs.get(jobId);
    if (!job) return null;
    if (job.status.state !== 'DONE') {
      job.polls++;
      if (job.polls >= this.pollsToDone) this.run(job);
      else job.status = { state: 'RUNNING' };
    }
    return { ...job.status };
  }
  query(): BqQueryResult {
    this.hit('query');
    throw new BqFailure('invalid', 400, 'the in-memory BigQuery runs no SQL');
  }

  /** Runs a load: every line valid or nothing written. */
  private run(job: Job): void {
    const fail = (reason: string, message: string): void => {
      job.status = { state: 'DONE', error: { reason, message } };
    };
    if (job.failWith) return fail(job.failWith, 'Quota exceeded: Your table exceeded quota for imports or query appends per table');
    const t = this.tables.get(job.table);
    if (!t) return fail('notFound', 'Not found: Table ' + job.table);
    const fields = new Map(t.spec.fields.map((f) => [f.name, f]));
    const rows: Record<string, unknown>[] = [];
    const lines = job.ndjson.split('\n').filter((l) => l !== '');
    for (const line of lines) {
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line);
      } catch {
        return fail('invalid', 'Error while reading data: JSON parsing error in row');
      }
      for (const [name, v] of Object.entries(row)) {
        const f = fields.get(name);
        if (!f) return fail('invalid', 'JSON table encountered unknown field: ' + name);
        if (v !== null && !valid(f, v)) return fail('invalid', 'Invalid value for ' + f.type + ' field ' + name + ': ' + JSON.stringify(v));
      }
      for (const f of t.spec.fields) if (f.mode === 'REQUIRED' && (row[f.name] === undefined || row[f.name] === null)) return fail('invalid', 'Missing required field: ' + f.name);
      rows.push(row);
    }
    for (const r of rows) t.rows.push(r);
    job.status = { state: 'DONE', outputRows: rows.length };
  }

  rowsOf(table: string): Record<string, unknown>[] {
    for (const [k, t] of this.tables) if (k.endsWith('.' + table)) return t.rows;
    return [];
  }

  /** The views' rule: the newest row per key (version column, then load time). */
  latest(table: string, keys: string[], version?: string): Record<string, unknown>[] {
    const best = new Map<string, Record<string, unknown>>();
    const newer = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      if (version) {
        const va = String(a[version] ?? '');
        const vb = String(b[version] ?? '');
        if (va !== vb) return va > vb;
      }
      return String(a._synced_at) >= String(b._synced_at);
    };
    for (const r of this.rowsOf(table)) {
      const k = JSON.stringify(keys.map((c) => r[c] ?? null));
      const have = best.get(k);
      if (!have || newer(r, have)) best.set(k, r);
    }
    return Array.from(best.values());
  }
}

function valid(f: BqField, v: unknown): boolean {
  switch (f.type) {
    case 'STRING':
      return typeof v === 'string';
    case 'NUMERIC':
      return (typeof v === 'string' && /^-?\d+(\.\d{1,9})?$/.test(v)) || (typeof v === 'number' && isFinite(v));
    case 'INT64':
      return (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    case 'FLOAT64':
      return typeof v === 'number';
    case 'BOOL':
      return typeof v === 'boolean';
    case 'DATE':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'DATETIME':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(v);
    case 'TIMESTAMP':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z| UTC|[+-]\d{2}:\d{2})$/.test(v);
  }
}
