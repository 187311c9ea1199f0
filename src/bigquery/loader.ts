/**
 * Loads a report's rows into its BigQuery table as batch load jobs (NDJSON; never
 * streaming inserts, never DML, so it works in BigQuery's free sandbox), checkpointed
 * like a sheet write:
 *  - the job's id is chosen here from the batch's content and saved BEFORE the job is
 *    inserted ({jobId, rows}), so an execution killed anywhere finds its job by id on
 *    the next run instead of guessing;
 *  - `load` returns only when the job is DONE without errors; only then may the report's
 *    cursor move (the caller moves it after `load` returns, as after a sheet write);
 *  - the same batch again (the page fetched again after a kill) is not re-sent when its
 *    job is DONE; a changed batch is sent once more and the view keeps one row per key;
 *  - a failed or refused job wrote nothing (BigQuery's load jobs are atomic): load throws
 *    WarehouseError saying why, and nothing moves.
 */
import { BigQueryGateway, BqFailure, BqJobStatus } from '../gas/bigquery-port';
import type { Cell, Clock, KeyValueStore } from '../gas/types';
import type { ReportSpec } from '../reports/types';
import { bqTableSpec, tableName, viewName } from './schema';
import { toNdjson } from './rows';
import { StorageSettings } from './settings';
import { viewSql } from './views';

/** Why a load did not land; `kind` decides the seller's message. */
export class WarehouseError extends Error {
  constructor(
    readonly kind: 'failed' | 'quota' | 'access' | 'notFound' | 'timeout' | 'other',
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'WarehouseError';
  }
}

export function kindOf(reason: string): WarehouseError['kind'] {
  if (/quota|rateLimit|resourcesExceeded/i.test(reason)) return 'quota';
  if (/accessDenied|forbidden|billing|unauthorized|scope/i.test(reason)) return 'access';
  if (/notFound/i.test(reason)) return 'notFound';
  return 'failed';
}

export function asWarehouseError(e: unknown): WarehouseError {
  if (e instanceof WarehouseError) return e;
  if (e instanceof BqFailure) return new WarehouseError(kindOf(e.reason), e.reason, e.message);
  const text = String((e && (e as Error).message) || e);
  // The platform's kill is not ours to turn into a message.
  if (/Exceeded maximum execution time/i.test(text)) throw e;
  return new WarehouseError('other', 'unknown', text.slice(0, 200));
}

interface PendingJob {
  /** The batch's content id (without the attempt). */
  base: string;
  attempt: number;
  jobId: string;
  rows: number;
}

const JOB_STATE = 'wb.bq.job.';
const SCHEMA_STATE = 'wb.bq.schema.';
const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 8000;
const UPDATES_PER_WINDOW = 4;
/** Bytes of NDJSON per load job (the advanced service's media upload takes up to 50 MB). */
export const MAX_JOB_BYTES = 20 * 1024 * 1024;
const UPDATE_WINDOW_MS = 10000;

/** FNV-1a, two seeds: a 64-bit content id for job ids (not security). */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export interface WarehouseCounts {
  jobs: number;
  rows: number;
  polls: number;
  skipped: number;
}

export class Warehouse {
  private readonly ready = new Set<string>();
  /** When this execution started loads per table (BigQuery's table update rate). */
  private readonly loads = new Map<string, number[]>();
  readonly counts: WarehouseCounts = { jobs: 0, rows: 0, polls: 0, skipped: 0 };

  constructor(
    readonly bq: BigQueryGateway,
    readonly settings: StorageSettings,
    private readonly props: KeyValueStore,
    private readonly clock: Clock,
    /** Whether the execution may still wait for a job (the refresh's time budget). */
    private readonly hasTime: () => boolean,
    private readonly maxJobBytes: number = MAX_JOB_BYTES,
  ) {}

  get project(): string {
    return this.settings.project;
  }
  get dataset(): string {
    return this.settings.dataset;
  }

  /** The dataset, the report's table (new columns added) and its view, once per schema. */
  ensure(spec: ReportSpec): void {
    if (this.ready.has(spec.id)) return;
    const table = bqTableSpec(spec);
    const signature = this.dataset + '|' + contentHash(JSON.stringify(table) + viewSql(spec, this.project, this.dataset));
    try {
      if (this.props.get(SCHEMA_STATE + spec.id) !== signature) {
        const { project, dataset } = this;
        if (this.bq.getDatasetLocation(project, dataset) === null) this.bq.createDataset(project, dataset, this.settings.location);
        const fields = this.bq.getTableFields(project, dataset, table.table);
        if (fields === null) this.bq.createTable(project, dataset, table);
        else {
          const missing = table.fields.filter((f) => fields.indexOf(f.name) < 0).map((f) => ({ ...f, mode: 'NULLABLE' as const }));
          if (missing.length) this.bq.addFields(project, dataset, table.table, missing);
        }
        this.bq.putView(project, dataset, viewName(spec), viewSql(spec, project, dataset));
        this.props.set(SCHEMA_STATE + spec.id, signature);
      }
    } catch (e) {
      throw asWarehouseError(e);
    }
    this.ready.add(spec.id);
  }

  /** Forgets that tables were checked (the seller changed project or dataset). */
  static forgetSchemas(props: KeyValueStore): void {
    for (const k of props.keys()) if (k.indexOf(SCHEMA_STATE) === 0 || k.indexOf(JOB_STATE) === 0) props.remove(k);
  }

  /**
   * Appends the records to the report's table; returns once the job is DONE without
   * errors (rows then safely in BigQuery). Throws WarehouseError otherwise.
   */
  load(spec: ReportSpec, records: Record<string, Cell>[]): void {
    if (!records.length) return;
    this.ensure(spec);
    // A full WB page (80,000 rows, ~70 MB of NDJSON) is more than one load request may
    // carry (50 MB): it goes as several jobs, each checkpointed by itself.
    for (const chunk of this.chunks(spec, records)) this.loadChunk(spec, chunk.records, chunk.ndjson);
  }

  /** Consecutive parts of `records` whose NDJSON stays well under the 50 MB request limit. */
  private chunks(spec: ReportSpec, records: Record<string, Cell>[]): { records: Record<string, Cell>[]; ndjson: string }[] {
    const fields = bqTableSpec(spec).fields;
    const now = this.clock.now();
    const out: { records: Record<string, Cell>[]; ndjson: string }[] = [];
    let part: Record<string, Cell>[] = [];
    let lines: string[] = [];
    let bytes = 0;
    for (const r of records) {
      const line = toNdjson(spec, [r], now, fields);
      // UTF-8 takes 2 bytes for a Cyrillic letter: counted as 2 per character.
      const size = line.length * 2;
      if (part.length && bytes + size > this.maxJobBytes) {
        out.push({ records: part, ndjson: lines.join('') });
        part = [];
        lines = [];
        bytes = 0;
      }
      part.push(r);
      lines.push(line);
      bytes += size;
    }
    if (part.length) out.push({ records: part, ndjson: lines.join('') });
    return out;
  }

  private loadChunk(spec: ReportSpec, records: Record<string, Cell>[], ndjson: string): void {
    const table = bqTableSpec(spec);
    const base = 'wbsheets_' + tableName(spec) + '_' + contentHash(JSON.stringify(records));
    const state = JOB_STATE + spec.id;
    const pending = this.pending(state);
    let attempt = 0;
    if (pending && pending.base === base) {
      // The same batch as before a kill or a failure: did its job run?
      const status = this.job(pending.jobId);
      if (status && status.state === 'DONE' && !status.error) {
        this.counts.skipped++;
        this.props.remove(state);
        return;
      }
      if (status && status.state !== 'DONE') {
        this.await(pending.jobId, pending.rows);
        this.props.remove(state);
        return;
      }
      // Failed (a job id is never reused) or never inserted (the same id again).
      attempt = status ? pending.attempt + 1 : pending.attempt;
    }
    const jobId = base + '_' + attempt;
    this.props.set(state, JSON.stringify({ base, attempt, jobId, rows: records.length } as PendingJob));
    this.pace(table.table);
    try {
      this.counts.jobs++;
      this.bq.startLoad(this.project, this.settings.location, jobId, this.dataset, table.table, table.fields, ndjson);
    } catch (e) {
      // The job exists already: inserted by an execution that died before it heard back.
      if (!(e instanceof BqFailure && e.reason === 'duplicate')) throw asWarehouseError(e);
    }
    this.await(jobId, records.length);
    this.props.remove(state);
  }

  /**
   * BigQuery allows 5 updates of a table (an appending load is one) per 10 seconds; a
   * sixth fails with rateLimitExceeded. A run loading many small pages in a row (a day
   * by day pass) waits instead of failing.
   */
  private pace(table: string): void {
    const times = this.loads.get(table) || [];
    const now = this.clock.now();
    const recent = times.filter((t) => now - t < UPDATE_WINDOW_MS);
    if (recent.length >= UPDATES_PER_WINDOW) this.clock.sleep(UPDATE_WINDOW_MS - (now - recent[recent.length - UPDATES_PER_WINDOW]) + 100);
    recent.push(this.clock.now());
    this.loads.set(table, recent.slice(-UPDATES_PER_WINDOW));
  }

  private pending(state: string): PendingJob | null {
    try {
      const raw = this.props.get(state);
      return raw ? (JSON.parse(raw) as PendingJob) : null;
    } catch {
      return null;
    }
  }

  private job(jobId: string): BqJobStatus | null {
    try {
      return this.bq.getJob(this.project, this.settings.location, jobId);
    } catch (e) {
      throw asWarehouseError(e);
    }
  }

  /** Waits for the job within the time budget; the checkpoint stays when it is not DONE. */
  private await(jobId: string, rows: number): void {
    let wait = FIRST_POLL_MS;
    for (;;) {
      this.counts.polls++;
      const status = this.job(jobId);
      if (status === null) throw new WarehouseError('notFound', 'notFound', 'BigQuery has no job ' + jobId);
      if (status.state === 'DONE') {
        if (status.error) throw new WarehouseError(kindOf(status.error.reason), status.error.reason, status.error.message);
        this.counts.rows += rows;
        return;
      }
      if (!this.hasTime()) throw new WarehouseError('timeout', 'timeout', 'BigQuery job ' + jobId + ' still running');
      this.clock.sleep(wait);
      wait = Math.min(MAX_POLL_MS, wait * 2);
    }
  }
}
