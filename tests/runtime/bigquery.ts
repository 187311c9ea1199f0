/**
 * The BigQuery advanced service (v2) in the offline runtime, over a real DuckDB database.
 *
 *   BigQuery.Datasets.get/insert, BigQuery.Tables.get/insert/patch,
 *   BigQuery.Jobs.insert(job, projectId, blob)/get/query/getQueryResults,
 *   BigQuery.Tabledata.insertAll
 *
 * Rules enforced, each from BigQuery's documentation (cloud.google.com/bigquery/docs):
 * - Ids: project ids 6-30 chars of lowercase letters, digits, hyphens, starting with a
 *   letter, not ending with a hyphen ("Creating and managing projects"); dataset ids up
 *   to 1,024 letters, digits and underscores ("Dataset naming"); table ids up to 1,024
 *   characters of Unicode letters, marks, numbers, connectors, dashes and spaces ("Table
 *   naming"); column names up to 300 letters, digits and underscores starting with a
 *   letter or underscore, none of the reserved prefixes _TABLE_, _FILE_, _PARTITION,
 *   _ROW_TIMESTAMP, __ROOT__, _COLON_, unique ignoring case ("Column names"); job ids up
 *   to 1,024 letters, digits, underscores and dashes ("Running jobs programmatically").
 * - Locations: a dataset lives in one location; a job runs in one, and every table it
 *   reads or writes must be there ("Not found: Dataset p:d was not found in location X").
 *   jobs.get without a location finds only jobs in the US and EU multi-regions.
 * - Project states (configurable): the API disabled (403 accessNotConfigured, "BigQuery API
 *   has not been used in project N before or it is disabled"), no IAM permission (403
 *   accessDenied, "User does not have bigquery.X permission"), the sandbox (no billing:
 *   60-day default table and partition expiration on every dataset, DML refused with 403
 *   billingNotEnabled, streaming inserts refused with 403 accessDenied).
 * - Partitioning: DAY on a top-level DATE, DATETIME or TIMESTAMP field; a partition whose
 *   day (UTC) plus one day plus the partition expiration has passed is deleted, and rows
 *   loaded into an already expired partition are not kept. Tables whose expirationTime
 *   has passed are deleted. Clustering: at most 4 top-level fields.
 * - Schema changes (tables.patch, load jobs): only new NULLABLE fields may be added, no
 *   field removed or retyped; a load adding fields needs schemaUpdateOptions
 *   ALLOW_FIELD_ADDITION.
 * - Load jobs: NEWLINE_DELIMITED_JSON parsed per the explicit schema (bigquery-values.ts);
 *   maxBadRecords (default 0) bad rows tolerated, more fail the whole job and write
 *   nothing; the job is PENDING, then RUNNING, then DONE as the virtual clock moves, and
 *   its rows appear only when it is DONE; a reused job id is 409 duplicate.
 * - Quotas ("Quotas and limits"): 1,500 load jobs per table per day and 100,000 per
 *   project per day (failed ones count; the job fails with quotaExceeded); 5 table
 *   metadata updates per table per 10 s, load jobs appending to it included
 *   (rateLimitExceeded); the media upload is an Apps Script request, capped like every
 *   Apps Script payload at 50 MB.
 * - Queries: GoogleSQL only (useLegacySql must be false, the REST default is true),
 *   within the subset of bigquery-sql.ts; results in REST shape (rows of {f:[{v}]},
 *   NUMERIC as a string, TIMESTAMP as epoch seconds in Java's double notation, DATETIME
 *   as 'YYYY-MM-DDTHH:MM:SS[.ffffff]'), paged by maxResults and by a 10 MB page;
 *   jobComplete false when timeoutMs runs out first.
 * - Without the bigquery OAuth scope granted, every call fails before reaching BigQuery.
 */
import { Ctx, Svc } from './context';
import { DuckError, SyncDuck } from './duckdb-sync';
import { DmlRefused, SqlRefused, TableRef, translate } from './bigquery-sql';
import { appendValue, duckType, jsonToText, normalType, restType, restTypeOfDuck, restValue, SchemaField, ValueError } from './bigquery-values';
import { FakeBlob } from './utilities';
import type { BqType } from '../../src/gas/bigquery-port';

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
const DAY_MS = 86400000;
export const SANDBOX_EXPIRATION_MS = 60 * DAY_MS;
export const LOAD_JOBS_PER_TABLE_PER_DAY = 1500;
export const LOAD_JOBS_PER_PROJECT_PER_DAY = 100000;
export const TABLE_UPDATES_PER_10S = 5;
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;
export const LOCATIONS = [
  'US', 'EU', 'us-central1', 'us-east1', 'us-east4', 'us-west1', 'us-west2', 'northamerica-northeast1',
  'europe-west1', 'europe-west2', 'europe-west3', 'europe-west4', 'europe-west6', 'europe-north1', 'europe-central2',
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1',
  'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'me-central1', 'southamerica-east1',
];

export interface BqProjectConfig {
  /** false: the sandbox (default). */
  billing?: boolean;
  /** false: the BigQuery API is disabled in the project. */
  apiEnabled?: boolean;
  /** false: the user has no BigQuery role in the project. */
  permission?: boolean;
  /** The project number in the API-disabled text. */
  number?: string;
}

export interface BigQueryOptions {
  /** DuckDB database file; default in memory. */
  dbPath?: string;
  /** Virtual time each API call costs, default 250 ms. */
  latencyMs?: number;
  /** Bytes of rows in one query result page, default 10 MB. */
  maxPageBytes?: number;
  loadJobsPerTablePerDay?: number;
  loadJobsPerProjectPerDay?: number;
}

export interface BigQueryStats {
  calls: number;
  byMethod: Record<string, number>;
  loadJobs: number;
  loadedRows: number;
  queries: number;
  failedJobs: number;
}

interface ErrorProto {
  reason: string;
  message: string;
  location?: string;
}

/** An error BigQuery returns: becomes the advanced service's exception. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface Table {
  project: string;
  dataset: string;
  id: string;
  kind: 'TABLE' | 'VIEW';
  fields: SchemaField[];
  partitionField?: string;
  partitionExpirationMs?: number;
  clusterFields?: string[];
  expirationTime?: number;
  creationTime: number;
  viewQuery?: string;
  description?: string;
  /** Times of metadata updates (patches, appending jobs), for the rate limit. */
  updates: number[];
  /** Load jobs per UTC day. */
  loadsByDay: Map<number, number>;
  /** The last expired day already swept, and whether rows came in since. */
  sweptTo?: number;
  appended?: boolean;
}

interface Dataset {
  project: string;
  id: string;
  location: string;
  creationTime: number;
  defaultTableExpirationMs?: number;
  defaultPartitionExpirationMs?: number;
  tables: Map<string, Table>;
}

interface Job {
  project: string;
  id: string;
  location: string;
  type: 'LOAD' | 'QUERY';
  created: number;
  startAt: number;
  doneAt: number;
  config: Record<string, unknown>;
  user: string;
  /** Applied once DONE. */
  apply?: () => void;
  applied: boolean;
  errorResult?: ErrorProto;
  errors?: ErrorProto[];
  outputRows?: number;
  badRecords?: number;
  inputBytes?: number;
  result?: { fields: { name: string; type: string; mode: string }[]; rows: (string | null)[][] };
  /** The result's temporary table is gone (BigQuery keeps a query's results about 24 hours). */
  resultExpired?: boolean;
}

/** How long a query job's results can be read (BigQuery's temporary results table). */
const QUERY_RESULTS_MS = 24 * 3600000;

interface Project {
  id: string;
  cfg: Required<BqProjectConfig>;
  datasets: Map<string, Dataset>;
  jobs: Map<string, Job>;
  loadsByDay: Map<number, number>;
}

function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const PROJECT_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_RE = /^[A-Za-z0-9_]{1,1024}$/;
const TABLE_RE = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]{1,1024}$/u;
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const RESERVED_FIELD = /^(_TABLE_|_FILE_|_PARTITION|_ROW_TIMESTAMP|__ROOT__|_COLON_)/i;
const JOB_RE = /^[A-Za-z0-9_-]{1,1024}$/;

/** The shared state behind every BigQuery call of one runtime. */
export class BigQueryWorld {
  readonly projects = new Map<string, Project>();
  readonly stats: BigQueryStats = { calls: 0, byMethod: {}, loadJobs: 0, loadedRows: 0, queries: 0, failedJobs: 0 };
  private duckDb: SyncDuck | null = null;
  private seq = 0;

  constructor(
    readonly ctx: Ctx,
    readonly opts: BigQueryOptions = {},
    /** Whether the running user granted the bigquery scope. */
    private readonly scopeGranted: () => boolean = () => true,
  ) {}

  get duck(): SyncDuck {
    if (!this.duckDb) this.duckDb = new SyncDuck(this.opts.dbPath ?? ':memory:');
    return this.duckDb;
  }

  close(): void {
    this.duckDb?.close();
    this.duckDb = null;
  }

  addProject(id: string, cfg: BqProjectConfig = {}): void {
    if (!PROJECT_RE.test(id)) throw new Error(`addProject: invalid project id ${id}`);
    const full: Required<BqProjectConfig> = { billing: false, apiEnabled: true, permission: true, number: String(100000000000 + this.projects.size * 7919), ...cfg };
    const had = this.projects.get(id);
    if (had) had.cfg = full;
    else this.projects.set(id, { id, cfg: full, datasets: new Map(), jobs: new Map(), loadsByDay: new Map() });
  }

  setProject(id: string, cfg: BqProjectConfig): void {
    const p = this.projects.get(id);
    if (!p) throw new Error(`setProject: no project ${id}`);
    p.cfg = { ...p.cfg, ...cfg };
  }

  tableName(p: string, d: string, t: string): string {
    return `"${p}.${d}.${t}"`;
  }

  /** Rows of a table or view as DuckDB sees them (for tests; no virtual time). */
  rows(project: string, dataset: string, table: string, orderBy = ''): Record<string, unknown>[] {
    this.settle();
    const r = this.duck.query(`SELECT * FROM ${this.tableName(project, dataset, table)}${orderBy ? ' ORDER BY ' + orderBy : ''}`);
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
  }

  /** Runs GoogleSQL (the subset) directly, for tests and the demo: REST-shaped values. */
  sql(sql: string): { fields: string[]; rows: (string | null)[][] } {
    this.settle();
    const t = this.translate(sql);
    const r = this.duck.query(t.sql);
    return { fields: r.columns, rows: r.rows.map((row) => row.map((v, i) => restValue(v, r.types[i]))) };
  }

  translate(sql: string) {
    return this.withNow(new Date(this.ctx.clock.now()).toISOString(), sql);
  }

  private withNow(now: string, sql: string) {
    this.duck.run(`SET VARIABLE bq_now = TIMESTAMPTZ '${now}'`);
    return translate(sql, {
      nowExpr: `getvariable('bq_now')`,
      tableName: (ref) => this.tableName(ref.project, ref.dataset, ref.table),
    });
  }

  // ---- the machinery every call goes through ----

  private hasScope(): boolean {
    return this.scopeGranted();
  }

  /** Wraps one API method: scope, latency, counting, settling jobs, error shape. */
  call<T>(method: string, projectId: unknown, permission: string, fn: (p: Project) => T): T {
    if (!this.hasScope()) {
      const [res, verb] = method.split('.');
      throw this.ctx.error(
        `You do not have permission to call BigQuery.${res[0].toUpperCase()}${res.slice(1)}.${verb}. Required permissions: ${BIGQUERY_SCOPE}`,
      );
    }
    this.stats.calls++;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    this.ctx.clock.advance(this.opts.latencyMs ?? 250);
    try {
      this.settle();
      if (typeof projectId !== 'string' || !projectId) throw new ApiError(400, 'invalid', 'Invalid project ID \'\'. Project IDs must contain 6-63 lowercase letters, digits, or dashes.');
      const p = this.projects.get(projectId);
      if (!p) {
        if (!PROJECT_RE.test(projectId)) throw new ApiError(400, 'invalid', `Invalid project ID '${projectId}'. Project IDs must contain 6-63 lowercase letters, digits, or dashes. Some project IDs also include domain name separated by a colon. IDs must start with a letter and may not end with a dash.`);
        throw new ApiError(404, 'notFound', `Not found: Project ${projectId}`);
      }
      if (!p.cfg.apiEnabled) {
        throw new ApiError(
          403,
          'accessNotConfigured',
          `Access Not Configured. BigQuery API has not been used in project ${p.cfg.number} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/bigquery.googleapis.com/overview?project=${p.cfg.number} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
        );
      }
      if (!p.cfg.permission) {
        throw new ApiError(403, 'accessDenied', `Access Denied: Project ${p.id}: User does not have ${permission} permission in project ${p.id}.`);
      }
      return fn(p);
    } catch (e) {
      if (e instanceof ApiError) throw this.exception(method, e);
      throw e;
    }
  }

  /** The exception Apps Script throws for an error response: message plus `details`. */
  private exception(method: string, e: ApiError): Error {
    const err = this.ctx.error(`API call to bigquery.${method} failed with error: ${e.message}`);
    try {
      Object.defineProperty(err, 'name', { value: 'GoogleJsonResponseException', configurable: true, writable: true, enumerable: false });
    } catch {
      /* ignore */
    }
    (err as unknown as { details: unknown }).details = {
      code: e.code,
      message: e.message,
      errors: [{ message: e.message, domain: e.reason === 'accessNotConfigured' ? 'usageLimits' : 'global', reason: e.reason }],
    };
    return err;
  }

  /** Moves jobs along the clock and expires tables and partitions. */
  settle(): void {
    const now = this.ctx.clock.now();
    for (const p of this.projects.values()) {
      for (const j of p.jobs.values()) {
        if (!j.applied && now >= j.doneAt) {
          j.applied = true;
          const apply = j.apply;
          j.apply = undefined; // the parsed rows are not kept once written
          if (apply) apply();
        }
        if (j.result && now >= j.doneAt + QUERY_RESULTS_MS) {
          j.result = undefined;
          j.resultExpired = true;
        }
      }
      for (const d of p.datasets.values()) {
        for (const t of [...d.tables.values()]) {
          if (t.expirationTime !== undefined && now >= t.expirationTime) {
            this.duck.run(`DROP ${t.kind === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${this.tableName(t.project, t.dataset, t.id)}`);
            d.tables.delete(t.id);
          } else this.expirePartitions(t, now);
        }
      }
    }
  }

  private expirePartitions(t: Table, now: number): void {
    if (t.kind !== 'TABLE' || !t.partitionField || t.partitionExpirationMs === undefined) return;
    // partition day D expires at D + 1 day + expiration (the boundary is the partition's end, in UTC)
    const lastExpired = dayOf(now - t.partitionExpirationMs) - 1;
    if (t.sweptTo === lastExpired && !t.appended) return;
    t.sweptTo = lastExpired;
    t.appended = false;
    this.duck.run(`DELETE FROM ${this.tableName(t.project, t.dataset, t.id)} WHERE CAST("${t.partitionField}" AS DATE) <= DATE '${isoDay(lastExpired)}'`);
  }

  dataset(p: Project, datasetId: unknown, location?: string): Dataset {
    const d = typeof datasetId === 'string' ? p.datasets.get(datasetId) : undefined;
    if (!d || (location !== undefined && d.location.toLowerCase() !== location.toLowerCase())) {
      throw new ApiError(404, 'notFound', `Not found: Dataset ${p.id}:${String(datasetId)}${location !== undefined && d ? ` was not found in location ${location}` : ''}`);
    }
    return d;
  }

  table(p: Project, datasetId: unknown, tableId: unknown, location?: string): Table {
    const d = this.dataset(p, datasetId, location);
    const t = typeof tableId === 'string' ? d.tables.get(tableId) : undefined;
    if (!t) throw new ApiError(404, 'notFound', `Not found: Table ${p.id}:${d.id}.${String(tableId)}`);
    return t;
  }

  nextId(prefix: string): string {
    return `${prefix}_${(++this.seq).toString(36)}${Math.floor(this.ctx.clock.now() / 1000).toString(36)}`;
  }

  /** Counts a metadata update of `t` against its rate limit. */
  tableUpdate(t: Table): void {
    const now = this.ctx.clock.now();
    t.updates = t.updates.filter((x) => now - x < 10000);
    if (t.updates.length >= TABLE_UPDATES_PER_10S) {
      throw new ApiError(
        403,
        'rateLimitExceeded',
        `Exceeded rate limits: too many table update operations for this table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas`,
      );
    }
    t.updates.push(now);
  }

  // ---- schema ----

  parseFields(raw: unknown, where: string): SchemaField[] {
    if (!Array.isArray(raw) || raw.length === 0) throw new ApiError(400, 'invalid', `${where}: Schema has no fields.`);
    if (raw.length > 10000) throw new ApiError(400, 'invalid', `${where}: Too many columns (10000 allowed).`);
    const seen = new Set<string>();
    return raw.map((f: Record<string, unknown>) => {
      const name = f?.name;
      if (typeof name !== 'string' || !FIELD_RE.test(name) || RESERVED_FIELD.test(name)) {
        throw new ApiError(400, 'invalid', `Invalid field name "${String(name)}". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.`);
      }
      if (seen.has(name.toLowerCase())) throw new ApiError(400, 'invalid', `Field ${name} already exists in schema`);
      seen.add(name.toLowerCase());
      const type = normalType(f.type);
      if (!type) throw new ApiError(400, 'invalid', `Invalid value for type: ${String(f.type)} is not a valid value`);
      const mode = f.mode === undefined || f.mode === null ? 'NULLABLE' : String(f.mode).toUpperCase();
      if (mode !== 'NULLABLE' && mode !== 'REQUIRED') {
        throw new ApiError(400, 'invalid', `Invalid value for mode: ${String(f.mode)} is not supported by the offline runtime (NULLABLE or REQUIRED)`);
      }
      return { name, type, mode } as SchemaField;
    });
  }

  /** New fields must be NULLABLE; none removed or changed. Returns the added ones. */
  schemaChange(t: Table, next: SchemaField[], allowAdd: boolean, allowMissing = false): SchemaField[] {
    const ref = `${t.project}:${t.dataset}.${t.id}`;
    const byName = new Map(next.map((f) => [f.name.toLowerCase(), f]));
    for (const f of t.fields) {
      const n = byName.get(f.name.toLowerCase());
      if (!n) {
        if (allowMissing) continue;
        throw new ApiError(400, 'invalid', `Provided Schema does not match Table ${ref}. Field ${f.name} is missing in new schema`);
      }
      if (n.type !== f.type) throw new ApiError(400, 'invalid', `Provided Schema does not match Table ${ref}. Field ${f.name} has changed type from ${f.type} to ${n.type}`);
      if (n.mode !== f.mode) throw new ApiError(400, 'invalid', `Provided Schema does not match Table ${ref}. Field ${f.name} has changed mode from ${f.mode} to ${n.mode}`);
    }
    const have = new Set(t.fields.map((f) => f.name.toLowerCase()));
    const added = next.filter((f) => !have.has(f.name.toLowerCase()));
    if (added.length && !allowAdd) throw new ApiError(400, 'invalid', `Provided Schema does not match Table ${ref}. Cannot add fields (field: ${added[0].name})`);
    for (const f of added) {
      if (f.mode === 'REQUIRED') throw new ApiError(400, 'invalid', `Provided Schema does not match Table ${ref}. Cannot add required fields to an existing schema. (field: ${f.name})`);
    }
    return added;
  }

  tableResource(t: Table): Record<string, unknown> {
    const r: Record<string, unknown> = {
      kind: 'bigquery#table',
      id: `${t.project}:${t.dataset}.${t.id}`,
      tableReference: { projectId: t.project, datasetId: t.dataset, tableId: t.id },
      type: t.kind,
      creationTime: String(t.creationTime),
      location: this.projects.get(t.project)!.datasets.get(t.dataset)!.location,
    };
    if (t.kind === 'VIEW') {
      r.view = { query: t.viewQuery, useLegacySql: false };
    }
    r.schema = { fields: t.fields.map((f) => ({ name: f.name, type: restType(f.type), mode: f.mode })) };
    if (t.partitionField) r.timePartitioning = { type: 'DAY', field: t.partitionField, ...(t.partitionExpirationMs !== undefined ? { expirationMs: String(t.partitionExpirationMs) } : {}) };
    if (t.clusterFields?.length) r.clustering = { fields: [...t.clusterFields] };
    if (t.expirationTime !== undefined) r.expirationTime = String(t.expirationTime);
    if (t.description !== undefined) r.description = t.description;
    if (t.kind === 'TABLE') {
      r.numRows = this.duck.query(`SELECT COUNT(*) AS n FROM ${this.tableName(t.project, t.dataset, t.id)}`).rows[0][0];
    }
    return r;
  }

  /** Creates a view's DuckDB side from its GoogleSQL; returns its columns. */
  defineView(p: Project, d: Dataset, viewId: string, sql: unknown, legacy: unknown): SchemaField[] {
    if (typeof sql !== 'string' || !sql.trim()) throw new ApiError(400, 'invalid', 'View query must not be empty');
    if (legacy !== false) throw new ApiError(400, 'invalid', 'The offline runtime runs GoogleSQL only: set view.useLegacySql to false (the API default is legacy SQL)');
    const tr = this.translateOrThrow(sql, d.location);
    const name = this.tableName(p.id, d.id, viewId);
    try {
      this.duck.run(`CREATE OR REPLACE VIEW ${name} AS ${tr.sql}`);
      const r = this.duck.query(`SELECT * FROM ${name} LIMIT 0`);
      return r.columns.map((c, i) => ({ name: c, type: (normalType(restTypeOfDuck(r.types[i])) ?? 'STRING') as BqType, mode: 'NULLABLE' }));
    } catch (e) {
      if (e instanceof DuckError) throw new ApiError(400, 'invalidQuery', e.message);
      throw e;
    }
  }

  /** Checks the subset and that every table read is in `location`. */
  translateOrThrow(sql: string, location: string) {
    let tr;
    try {
      tr = this.withNow(new Date(this.ctx.clock.now()).toISOString(), sql);
    } catch (e) {
      if (e instanceof DmlRefused) throw e;
      if (e instanceof SqlRefused) throw new ApiError(400, 'invalidQuery', e.message);
      throw e;
    }
    for (const ref of tr.tables) this.checkRef(ref, location);
    return tr;
  }

  private checkRef(ref: TableRef, location: string): void {
    const p = this.projects.get(ref.project);
    if (!p) throw new ApiError(404, 'notFound', `Not found: Project ${ref.project}`);
    const d = p.datasets.get(ref.dataset);
    if (!d || d.location.toLowerCase() !== location.toLowerCase()) {
      throw new ApiError(404, 'notFound', `Not found: Dataset ${ref.project}:${ref.dataset} was not found in location ${location}`);
    }
    if (!d.tables.has(ref.table)) throw new ApiError(404, 'notFound', `Not found: Table ${ref.project}:${ref.dataset}.${ref.table} was not found in location ${location}`);
  }

  newApiError(code: number, reason: string, message: string): ApiError {
    return new ApiError(code, reason, message);
  }
}

export { ApiError };

// ---------------------------------------------------------------- resources

class FakeDatasets extends Svc {
  constructor(
    ctx: Ctx,
    readonly _w: BigQueryWorld,
  ) {
    super(ctx, 'bigquery', 'BigQuery.Datasets');
  }

  get(projectId: string, datasetId: string): Record<string, unknown> {
    return this._w.call('datasets.get', projectId, 'bigquery.datasets.get', (p) => {
      const d = this._w.dataset(p, datasetId);
      return datasetResource(d);
    });
  }

  insert(resource: Record<string, unknown>, projectId: string): Record<string, unknown> {
    return this._w.call('datasets.insert', projectId, 'bigquery.datasets.create', (p) => {
      const ref = (resource?.datasetReference ?? {}) as Record<string, unknown>;
      const id = ref.datasetId;
      if (typeof id !== 'string' || !DATASET_RE.test(id)) {
        throw this._w.newApiError(400, 'invalid', `Invalid dataset ID "${String(id)}". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`);
      }
      if (ref.projectId !== undefined && ref.projectId !== projectId) throw this._w.newApiError(400, 'invalid', `Dataset reference project ID ${String(ref.projectId)} does not match ${projectId}`);
      const loc = resource.location === undefined ? 'US' : String(resource.location);
      const known = LOCATIONS.find((l) => l.toLowerCase() === loc.toLowerCase());
      if (!known) throw this._w.newApiError(400, 'invalid', `Invalid dataset location: ${loc}`);
      if (p.datasets.has(id)) throw this._w.newApiError(409, 'duplicate', `Already Exists: Dataset ${projectId}:${id}`);
      const d: Dataset = { project: p.id, id, location: known, creationTime: this._ctx.clock.now(), tables: new Map() };
      // The sandbox: "All datasets have the default table expiration time and the default
      // partition expiration set to 60 days" (BigQuery sandbox limits).
      if (!p.cfg.billing) {
        d.defaultTableExpirationMs = SANDBOX_EXPIRATION_MS;
        d.defaultPartitionExpirationMs = SANDBOX_EXPIRATION_MS;
      } else {
        if (resource.defaultTableExpirationMs !== undefined) d.defaultTableExpirationMs = Number(resource.defaultTableExpirationMs);
        if (resource.defaultPartitionExpirationMs !== undefined) d.defaultPartitionExpirationMs = Number(resource.defaultPartitionExpirationMs);
      }
      p.datasets.set(id, d);
      return datasetResource(d);
    });
  }
}

function datasetResource(d: Dataset): Record<string, unknown> {
  const r: Record<string, unknown> = {
    kind: 'bigquery#dataset',
    id: `${d.project}:${d.id}`,
    datasetReference: { projectId: d.project, datasetId: d.id },
    location: d.location,
    creationTime: String(d.creationTime),
  };
  if (d.defaultTableExpirationMs !== undefined) r.defaultTableExpirationMs = String(d.defaultTableExpirationMs);
  if (d.defaultPartitionExpirationMs !== undefined) r.defaultPartitionExpirationMs = String(d.defaultPartitionExpirationMs);
  return r;
}

class FakeTables extends Svc {
  constructor(
    ctx: Ctx,
    readonly _w: BigQueryWorld,
  ) {
    super(ctx, 'bigquery', 'BigQuery.Tables');
  }

  get(projectId: string, datasetId: string, tableId: string): Record<string, unknown> {
    return this._w.call('tables.get', projectId, 'bigquery.tables.get', (p) => this._w.tableResource(this._w.table(p, datasetId, tableId)));
  }

  insert(resource: Record<string, unknown>, projectId: string, datasetId: string): Record<string, unknown> {
    return this._w.call('tables.insert', projectId, 'bigquery.tables.create', (p) => {
      const w = this._w;
      const d = w.dataset(p, datasetId);
      const ref = (resource?.tableReference ?? {}) as Record<string, unknown>;
      const id = ref.tableId;
      if (typeof id !== 'string' || !TABLE_RE.test(id)) {
        throw w.newApiError(400, 'invalid', `Invalid table ID "${String(id)}". Table IDs must be alphanumeric (plus underscores, dashes and spaces) and must be at most 1024 characters long.`);
      }
      if (d.tables.has(id)) throw w.newApiError(409, 'duplicate', `Already Exists: Table ${p.id}:${d.id}.${id}`);
      const now = this._ctx.clock.now();
      const t: Table = { project: p.id, dataset: d.id, id, kind: 'TABLE', fields: [], creationTime: now, updates: [], loadsByDay: new Map() };
      if (typeof resource.description === 'string') t.description = resource.description;
      const view = resource.view as Record<string, unknown> | undefined;
      if (view) {
        t.kind = 'VIEW';
        t.viewQuery = String(view.query ?? '');
        t.fields = w.defineView(p, d, id, view.query, view.useLegacySql);
      } else {
        t.fields = w.parseFields((resource.schema as Record<string, unknown> | undefined)?.fields, 'Table');
        const tp = resource.timePartitioning as Record<string, unknown> | undefined;
        if (tp) {
          if (tp.type !== 'DAY') throw w.newApiError(400, 'invalid', `The offline runtime supports DAY partitioning only, not ${String(tp.type)}`);
          const pf = t.fields.find((f) => f.name === tp.field);
          if (!pf) throw w.newApiError(400, 'invalid', `The field specified for time partitioning can only be found in the schema: ${String(tp.field)}`);
          if (!['DATE', 'DATETIME', 'TIMESTAMP'].includes(pf.type)) {
            throw w.newApiError(400, 'invalid', `Partitioning field ${pf.name} must be of type DATE, DATETIME or TIMESTAMP, not ${pf.type}`);
          }
          t.partitionField = pf.name;
          const exp = tp.expirationMs !== undefined ? Number(tp.expirationMs) : d.defaultPartitionExpirationMs;
          t.partitionExpirationMs = exp;
          if (!p.cfg.billing && (t.partitionExpirationMs === undefined || t.partitionExpirationMs > SANDBOX_EXPIRATION_MS)) t.partitionExpirationMs = SANDBOX_EXPIRATION_MS;
        }
        const cl = resource.clustering as Record<string, unknown> | undefined;
        if (cl) {
          const cf = cl.fields;
          if (!Array.isArray(cf) || cf.length === 0) throw w.newApiError(400, 'invalid', 'Clustering fields cannot be empty');
          if (cf.length > 4) throw w.newApiError(400, 'invalid', `Too many clustering fields: ${cf.length}, only 4 are allowed.`);
          for (const name of cf) {
            const f = t.fields.find((x) => x.name === name);
            if (!f) throw w.newApiError(400, 'invalid', `The field specified for clustering cannot be found in the schema. Invalid field: ${String(name)}.`);
            if (f.type === 'FLOAT64') throw w.newApiError(400, 'invalid', `Field ${f.name} is of type FLOAT64 which is not supported for clustering.`);
          }
          t.clusterFields = cf.map(String);
        }
        w.duck.run(`CREATE TABLE ${w.tableName(p.id, d.id, id)} (${t.fields.map((f) => `"${f.name}" ${duckType(f.type)}`).join(', ')})`);
      }
      let exp = resource.expirationTime !== undefined ? Number(resource.expirationTime) : d.defaultTableExpirationMs !== undefined ? now + d.defaultTableExpirationMs : undefined;
      if (!p.cfg.billing && (exp === undefined || exp > now + SANDBOX_EXPIRATION_MS)) exp = now + SANDBOX_EXPIRATION_MS;
      t.expirationTime = exp;
      d.tables.set(id, t);
      return w.tableResource(t);
    });
  }

  patch(resource: Record<string, unknown>, projectId: string, datasetId: string, tableId: string): Record<string, unknown> {
    return this._w.call('tables.patch', projectId, 'bigquery.tables.update', (p) => {
      const w = this._w;
      const t = w.table(p, datasetId, tableId);
      const d = w.dataset(p, datasetId);
      w.tableUpdate(t);
      if (resource.view !== undefined) {
        if (t.kind !== 'VIEW') throw w.newApiError(400, 'invalid', `Cannot change a table into a view: ${p.id}:${d.id}.${t.id}`);
        const view = resource.view as Record<string, unknown>;
        t.fields = w.defineView(p, d, t.id, view.query, view.useLegacySql);
        t.viewQuery = String(view.query);
      }
      const schema = resource.schema as Record<string, unknown> | undefined;
      if (schema && t.kind === 'TABLE') {
        const next = w.parseFields(schema.fields, 'Table');
        const added = w.schemaChange(t, next, true);
        for (const f of added) w.duck.run(`ALTER TABLE ${w.tableName(p.id, d.id, t.id)} ADD COLUMN "${f.name}" ${duckType(f.type)}`);
        t.fields = [...t.fields, ...added];
      }
      if (typeof resource.description === 'string') t.description = resource.description;
      if (resource.expirationTime !== undefined) {
        const exp = Number(resource.expirationTime);
        t.expirationTime = !p.cfg.billing ? Math.min(exp, t.creationTime + SANDBOX_EXPIRATION_MS) : exp;
      }
      return w.tableResource(t);
    });
  }

  update(resource: Record<string, unknown>, projectId: string, datasetId: string, tableId: string): Record<string, unknown> {
    return this.patch(resource, projectId, datasetId, tableId);
  }
}

class FakeTabledata extends Svc {
  constructor(
    ctx: Ctx,
    readonly _w: BigQueryWorld,
  ) {
    super(ctx, 'bigquery', 'BigQuery.Tabledata');
  }

  insertAll(request: Record<string, unknown>, projectId: string, datasetId: string, tableId: string): Record<string, unknown> {
    return this._w.call('tabledata.insertAll', projectId, 'bigquery.tables.updateData', (p) => {
      const w = this._w;
      const t = w.table(p, datasetId, tableId);
      if (!p.cfg.billing) {
        // the sandbox refuses streaming before looking at the rows
        throw w.newApiError(403, 'accessDenied', 'Access Denied: BigQuery BigQuery: Streaming insert is not allowed in the free tier');
      }
      const rows = (request?.rows ?? []) as { json?: Record<string, unknown> }[];
      const insertErrors: { index: number; errors: ErrorProto[] }[] = [];
      const values: unknown[][] = [];
      rows.forEach((r, index) => {
        try {
          values.push(rowValues(t.fields, r.json ?? {}, !!request.ignoreUnknownValues));
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          insertErrors.push({ index, errors: [{ reason: 'invalid', message: e.message, location: '' }] });
        }
      });
      // without skipInvalidRows one bad row keeps every row out
      if (values.length && (insertErrors.length === 0 || request.skipInvalidRows)) {
        appendRows(w, w.tableName(p.id, t.dataset, t.id), t.fields, values);
        t.appended = true;
      }
      return insertErrors.length ? { kind: 'bigquery#tableDataInsertAllResponse', insertErrors } : { kind: 'bigquery#tableDataInsertAllResponse' };
    });
  }
}

/** One NDJSON object as SyncDuck.append values in `fields` order. */
function rowValues(fields: SchemaField[], obj: Record<string, unknown>, ignoreUnknown: boolean): unknown[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new ValueError('Row is not a JSON object.');
  if (!ignoreUnknown) {
    for (const k of Object.keys(obj)) {
      if (!fields.some((f) => f.name === k)) throw new ValueError(`No such field: ${k}.`);
    }
  }
  return fields.map((f) => appendValue(jsonToText(obj[f.name], f), f.type));
}

/** Appends rows (rowValues) to a table all-or-nothing. */
function appendRows(w: BigQueryWorld, name: string, fields: SchemaField[], rows: unknown[][]): void {
  w.duck.append(name, fields.map((f) => f.name), fields.map((f) => duckType(f.type)), rows);
}

class FakeJobs extends Svc {
  constructor(
    ctx: Ctx,
    readonly _w: BigQueryWorld,
  ) {
    super(ctx, 'bigquery', 'BigQuery.Jobs');
  }

  insert(job: Record<string, unknown>, projectId: string, mediaData?: unknown): Record<string, unknown> {
    return this._w.call('jobs.insert', projectId, 'bigquery.jobs.create', (p) => {
      const w = this._w;
      const ref = (job?.jobReference ?? {}) as Record<string, unknown>;
      const jobId = ref.jobId === undefined ? w.nextId('job') : ref.jobId;
      if (typeof jobId !== 'string' || !JOB_RE.test(jobId)) {
        throw w.newApiError(400, 'invalid', `Invalid job ID "${String(jobId)}". Job IDs must be alphanumeric (plus underscores and dashes) and must be at most 1024 characters long.`);
      }
      const cfg0 = (job?.configuration ?? {}) as Record<string, Record<string, unknown> | undefined>;
      // without a location BigQuery runs the job where its tables are
      const location =
        ref.location !== undefined && ref.location !== null
          ? String(ref.location)
          : cfg0.load
            ? (p.datasets.get(String((cfg0.load.destinationTable as Record<string, unknown> | undefined)?.datasetId))?.location ?? 'US')
            : inferLocation(w, cfg0.query?.query);
      if (!LOCATIONS.some((l) => l.toLowerCase() === location.toLowerCase())) throw w.newApiError(400, 'invalid', `Invalid location: ${location}`);
      if (p.jobs.has(jobId)) throw w.newApiError(409, 'duplicate', `Already Exists: Job ${p.id}:${p.jobs.get(jobId)!.location}.${jobId}`);
      const cfg = (job?.configuration ?? {}) as Record<string, unknown>;
      if (mediaData !== undefined && mediaData !== null) {
        if (!(mediaData instanceof FakeBlob)) throw this._ctx.error('Invalid argument: mediaData (a Blob is expected)');
        if (mediaData._bytes.length > MAX_MEDIA_BYTES) throw this._ctx.error(`Request payload size exceeds the limit: ${MAX_MEDIA_BYTES} bytes.`);
        // the upload itself takes time: ~10 MB/s
        this._ctx.clock.advance(Math.ceil(mediaData._bytes.length / 10000));
      }
      const now = this._ctx.clock.now();
      if (cfg.load) return jobResource(w, this.load(p, jobId, location, cfg.load as Record<string, unknown>, mediaData as FakeBlob | undefined, now));
      if (cfg.query) {
        const q = cfg.query as Record<string, unknown>;
        return jobResource(w, runQuery(w, p, jobId, location, q.query, q.useLegacySql, now));
      }
      throw w.newApiError(400, 'invalid', 'Job configuration must contain exactly one job-specific configuration object (load or query in the offline runtime)');
    });
  }

  private load(p: Project, jobId: string, location: string, load: Record<string, unknown>, media: FakeBlob | undefined, now: number): Job {
    const w = this._w;
    const dest = (load.destinationTable ?? {}) as Record<string, unknown>;
    if ((load.sourceFormat ?? 'CSV') !== 'NEWLINE_DELIMITED_JSON') {
      throw w.newApiError(400, 'invalid', `The offline runtime loads NEWLINE_DELIMITED_JSON only, not ${String(load.sourceFormat ?? 'CSV')}`);
    }
    if (load.sourceUris) throw w.newApiError(400, 'invalid', 'Load from Cloud Storage is outside the offline runtime');
    if (!media) throw w.newApiError(400, 'invalid', 'Load configuration must specify source URIs or upload data');
    const destProject = dest.projectId ?? p.id;
    if (destProject !== p.id) throw w.newApiError(400, 'invalid', 'The offline runtime loads into the job\'s own project only');
    const d = w.dataset(p, dest.datasetId, location);
    const disposition = String(load.writeDisposition ?? 'WRITE_APPEND');
    if (disposition !== 'WRITE_APPEND' && disposition !== 'WRITE_EMPTY') throw w.newApiError(400, 'invalid', `writeDisposition ${disposition} is outside the offline runtime`);
    const loadFields = load.schema ? w.parseFields((load.schema as Record<string, unknown>).fields, 'Load') : null;
    let t = typeof dest.tableId === 'string' ? d.tables.get(dest.tableId) : undefined;
    if (!t) {
      if (load.createDisposition === 'CREATE_NEVER') throw w.newApiError(404, 'notFound', `Not found: Table ${p.id}:${d.id}.${String(dest.tableId)}`);
      if (!loadFields) throw w.newApiError(400, 'invalid', 'No schema specified on job or table.');
      // CREATE_IF_NEEDED: an unpartitioned table with the load's schema, made when the job runs
    }
    if (t && t.kind === 'VIEW') throw w.newApiError(400, 'invalid', `Cannot load into a view: ${p.id}:${d.id}.${t.id}`);
    const job: Job = {
      project: p.id,
      id: jobId,
      location: d.location,
      type: 'LOAD',
      created: now,
      startAt: now + 1000,
      doneAt: now + 3000,
      config: { load },
      user: this._ctx.activeUser(),
      applied: false,
    };
    p.jobs.set(jobId, job);
    w.stats.loadJobs++;
    const text = media.getDataAsString('UTF-8');
    job.inputBytes = media._bytes.length;
    job.doneAt = now + 3000 + Math.ceil(job.inputBytes / 5000);
    const fail = (reason: string, message: string, errors?: ErrorProto[]) => {
      job.errorResult = { reason, message };
      job.errors = errors ?? [{ reason, message }];
      w.stats.failedJobs++;
      return job;
    };
    // quotas count every job against the table, failed ones included
    const day = dayOf(now);
    const tableKey = t ?? null;
    const perTable = tableKey ? (tableKey.loadsByDay.get(day) ?? 0) + 1 : 1;
    const perProject = (p.loadsByDay.get(day) ?? 0) + 1;
    if (tableKey) tableKey.loadsByDay.set(day, perTable);
    p.loadsByDay.set(day, perProject);
    if (perTable > (w.opts.loadJobsPerTablePerDay ?? LOAD_JOBS_PER_TABLE_PER_DAY)) {
      return fail('quotaExceeded', 'Quota exceeded: Your table exceeded quota for imports or query appends per table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas');
    }
    if (perProject > (w.opts.loadJobsPerProjectPerDay ?? LOAD_JOBS_PER_PROJECT_PER_DAY)) {
      return fail('quotaExceeded', 'Quota exceeded: Your project exceeded quota for imports per project. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas');
    }
    if (tableKey) {
      try {
        w.tableUpdate(tableKey);
      } catch (e) {
        if (e instanceof ApiError) return fail(e.reason, e.message);
        throw e;
      }
    }
    let fields: SchemaField[];
    let added: SchemaField[] = [];
    try {
      if (t && loadFields) {
        const allow = Array.isArray(load.schemaUpdateOptions) && load.schemaUpdateOptions.includes('ALLOW_FIELD_ADDITION');
        // a load may leave out NULLABLE fields of the table
        added = w.schemaChange(t, loadFields, allow, true);
        fields = [...t.fields, ...added];
      } else fields = t ? t.fields : loadFields!;
    } catch (e) {
      if (e instanceof ApiError) return fail(e.reason, e.message);
      throw e;
    }
    if (disposition === 'WRITE_EMPTY' && t && Number(w.duck.query(`SELECT COUNT(*) FROM ${w.tableName(p.id, d.id, t.id)}`).rows[0][0]) > 0) {
      return fail('duplicate', `Already Exists: Table ${p.id}:${d.id}.${t.id}`);
    }
    const maxBad = Number(load.maxBadRecords ?? 0);
    const ignoreUnknown = !!load.ignoreUnknownValues;
    const values: unknown[][] = [];
    const errors: ErrorProto[] = [];
    let pos = 0;
    for (const line of text.split('\n')) {
      const start = pos;
      pos += Buffer.byteLength(line, 'utf8') + 1;
      if (!line.trim()) continue;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        errors.push({ reason: 'invalid', message: `Error while reading data, error message: JSON parsing error in row starting at position ${start}: Parser terminated before end of string`, location: '' });
        continue;
      }
      try {
        values.push(rowValues(fields, obj as Record<string, unknown>, ignoreUnknown));
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        errors.push({ reason: 'invalid', message: `Error while reading data, error message: JSON parsing error in row starting at position ${start}: ${e.message}`, location: '' });
      }
    }
    job.badRecords = errors.length;
    if (errors.length > maxBad) {
      return fail(
        'invalid',
        `Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: ${values.length + errors.length}; errors: ${errors.length}. Please look into the errors[] collection for more details.`,
        [{ reason: 'invalid', message: `Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: ${values.length + errors.length}; errors: ${errors.length}. Please look into the errors[] collection for more details.` }, ...errors.slice(0, 5)],
      );
    }
    if (errors.length) job.errors = errors.slice(0, 5);
    job.outputRows = values.length;
    const destId = String(dest.tableId);
    job.apply = () => {
      let target = d.tables.get(destId);
      if (!target) {
        // CREATE_IF_NEEDED
        if (!TABLE_RE.test(destId)) return;
        target = { project: p.id, dataset: d.id, id: destId, kind: 'TABLE', fields, creationTime: job.doneAt, updates: [], loadsByDay: new Map([[day, 1]]) };
        if (d.defaultTableExpirationMs !== undefined) target.expirationTime = job.doneAt + d.defaultTableExpirationMs;
        d.tables.set(destId, target);
        w.duck.run(`CREATE TABLE ${w.tableName(p.id, d.id, destId)} (${fields.map((f) => `"${f.name}" ${duckType(f.type)}`).join(', ')})`);
      } else {
        for (const f of added) w.duck.run(`ALTER TABLE ${w.tableName(p.id, d.id, destId)} ADD COLUMN "${f.name}" ${duckType(f.type)}`);
        target.fields = [...target.fields, ...added];
      }
      // one transaction: a load is atomic
      appendRows(w, w.tableName(p.id, d.id, destId), fields, values);
      target.appended = true;
      w.stats.loadedRows += values.length;
      // rows for partitions that have already expired are not kept
      w.settle();
    };
    return job;
  }

  get(projectId: string, jobId: string, optionalArgs?: Record<string, unknown>): Record<string, unknown> {
    return this._w.call('jobs.get', projectId, 'bigquery.jobs.get', (p) => jobResource(this._w, findJob(this._w, p, jobId, optionalArgs?.location)));
  }

  query(request: Record<string, unknown>, projectId: string): Record<string, unknown> {
    return this._w.call('jobs.query', projectId, 'bigquery.jobs.create', (p) => {
      const w = this._w;
      const location = request?.location === undefined || request.location === null ? inferLocation(w, request?.query) : String(request.location);
      const jobId = w.nextId('job');
      const job = runQuery(w, p, jobId, location, request?.query, request?.useLegacySql, this._ctx.clock.now());
      return queryResponse(w, this._ctx, job, 'bigquery#queryResponse', request ?? {});
    });
  }

  getQueryResults(projectId: string, jobId: string, optionalArgs?: Record<string, unknown>): Record<string, unknown> {
    return this._w.call('jobs.getQueryResults', projectId, 'bigquery.jobs.get', (p) => {
      const job = findJob(this._w, p, jobId, optionalArgs?.location);
      if (job.type !== 'QUERY') throw this._w.newApiError(400, 'invalid', `Job ${p.id}:${job.location}.${job.id} is not a query job`);
      return queryResponse(this._w, this._ctx, job, 'bigquery#getQueryResultsResponse', optionalArgs ?? {});
    });
  }
}

function findJob(w: BigQueryWorld, p: Project, jobId: unknown, location: unknown): Job {
  const j = typeof jobId === 'string' ? p.jobs.get(jobId) : undefined;
  // without a location, jobs.get looks in the US and EU multi-regions only
  const loc = location === undefined || location === null ? null : String(location);
  if (!j || (loc === null ? !['US', 'EU'].includes(j.location) : j.location.toLowerCase() !== loc.toLowerCase())) {
    throw w.newApiError(404, 'notFound', `Not found: Job ${p.id}:${loc ?? 'US'}.${String(jobId)}`);
  }
  return j;
}

function jobState(w: BigQueryWorld, j: Job): 'PENDING' | 'RUNNING' | 'DONE' {
  const now = w.ctx.clock.now();
  if (now >= j.doneAt || (j.errorResult && j.type === 'LOAD' && now >= j.startAt)) return 'DONE';
  return now >= j.startAt ? 'RUNNING' : 'PENDING';
}

function jobResource(w: BigQueryWorld, j: Job): Record<string, unknown> {
  const state = jobState(w, j);
  const status: Record<string, unknown> = { state };
  if (state === 'DONE') {
    if (j.errorResult) status.errorResult = { ...j.errorResult };
    if (j.errors) status.errors = j.errors.map((e) => ({ ...e }));
  }
  const statistics: Record<string, unknown> = { creationTime: String(j.created) };
  if (state !== 'PENDING') statistics.startTime = String(j.startAt);
  if (state === 'DONE') {
    statistics.endTime = String(Math.max(j.startAt, Math.min(j.doneAt, w.ctx.clock.now())));
    if (j.type === 'LOAD') {
      statistics.load = j.errorResult
        ? { inputFileBytes: String(j.inputBytes ?? 0), outputRows: '0', badRecords: String(j.badRecords ?? 0) }
        : { inputFiles: '1', inputFileBytes: String(j.inputBytes ?? 0), outputRows: String(j.outputRows ?? 0), badRecords: String(j.badRecords ?? 0) };
    } else statistics.query = { totalBytesProcessed: '0' };
  }
  return {
    kind: 'bigquery#job',
    id: `${j.project}:${j.location}.${j.id}`,
    jobReference: { projectId: j.project, jobId: j.id, location: j.location },
    configuration: { ...j.config, jobType: j.type },
    status,
    statistics,
    user_email: j.user,
  };
}

/** Starts a query job; its result is computed now (BigQuery reads a snapshot as of the job's start). */
/** Where a query without a location runs: the location of the first dataset it reads (else US). */
function inferLocation(w: BigQueryWorld, sql: unknown): string {
  if (typeof sql !== 'string') return 'US';
  let tables: TableRef[];
  try {
    tables = w.translate(sql).tables;
  } catch {
    return 'US';
  }
  for (const t of tables) {
    const d = w.projects.get(t.project)?.datasets.get(t.dataset);
    if (d) return d.location;
  }
  return 'US';
}

function runQuery(w: BigQueryWorld, p: Project, jobId: string, location: string, sql: unknown, legacy: unknown, now: number): Job {
  if (typeof sql !== 'string' || !sql.trim()) throw w.newApiError(400, 'invalid', 'Query text must not be empty');
  if (legacy !== false) {
    throw w.newApiError(400, 'invalidQuery', 'The offline runtime runs GoogleSQL only: set useLegacySql to false (the REST default is legacy SQL)');
  }
  if (!LOCATIONS.some((l) => l.toLowerCase() === location.toLowerCase())) throw w.newApiError(400, 'invalid', `Invalid location: ${location}`);
  let tr;
  try {
    tr = w.translateOrThrow(sql, location);
  } catch (e) {
    if (e instanceof DmlRefused) {
      if (!p.cfg.billing) {
        throw w.newApiError(403, 'billingNotEnabled', 'Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing. DML queries are not allowed in the free tier. Set up a billing account to remove this restriction.');
      }
      throw w.newApiError(400, 'invalidQuery', e.message);
    }
    throw e;
  }
  let r;
  try {
    r = w.duck.query(tr.sql);
  } catch (e) {
    if (e instanceof DuckError) throw w.newApiError(400, 'invalidQuery', e.message.replace(/^Error: /, ''));
    throw e;
  }
  w.stats.queries++;
  const job: Job = {
    project: p.id,
    id: jobId,
    location: LOCATIONS.find((l) => l.toLowerCase() === location.toLowerCase())!,
    type: 'QUERY',
    created: now,
    startAt: now,
    // a query takes a second, plus a little per result row
    doneAt: now + 1000 + Math.ceil(r.rows.length / 100),
    config: { query: { query: sql, useLegacySql: false } },
    user: w.ctx.activeUser(),
    applied: true,
    result: {
      fields: r.columns.map((c, i) => ({ name: c, type: restTypeOfDuck(r.types[i]), mode: 'NULLABLE' })),
      rows: r.rows.map((row) => row.map((v, i) => restValue(v, r.types[i]))),
    },
  };
  p.jobs.set(jobId, job);
  return job;
}

function queryResponse(w: BigQueryWorld, ctx: Ctx, job: Job, kind: string, args: Record<string, unknown>): Record<string, unknown> {
  const timeoutMs = args.timeoutMs === undefined ? 10000 : Math.max(0, Number(args.timeoutMs));
  const now = ctx.clock.now();
  if (jobState(w, job) !== 'DONE') {
    const wait = job.doneAt - now;
    if (wait > timeoutMs) {
      ctx.clock.advance(timeoutMs);
      return { kind, jobReference: { projectId: job.project, jobId: job.id, location: job.location }, jobComplete: false };
    }
    ctx.clock.advance(wait);
  }
  if (job.resultExpired || !job.result) throw w.newApiError(404, 'notFound', `Not found: Table ${job.project}:_anon.anon_${job.id} (the query's results expired)`);
  const res = job.result;
  const useInt64 = !!(args.formatOptions as Record<string, unknown> | undefined)?.useInt64Timestamp;
  let rows = res.rows;
  if (useInt64) {
    rows = rows.map((row) => row.map((v, i) => (v !== null && res.fields[i].type === 'TIMESTAMP' ? String(BigInt(Math.round(Number(v) * 1e6))) : v)));
  }
  let start = 0;
  if (args.pageToken !== undefined) {
    const m = /^p(\d+)$/.exec(String(args.pageToken));
    if (!m || Number(m[1]) > rows.length) throw w.newApiError(400, 'invalid', `Invalid page token: ${String(args.pageToken)}`);
    start = Number(m[1]);
  } else if (args.startIndex !== undefined) start = Number(args.startIndex);
  const maxResults = args.maxResults === undefined ? Infinity : Math.max(1, Number(args.maxResults));
  const cap = w.opts.maxPageBytes ?? MAX_PAGE_BYTES;
  const page: { f: { v: string | null }[] }[] = [];
  let bytes = 0;
  let i = start;
  for (; i < rows.length && page.length < maxResults; i++) {
    const r = { f: rows[i].map((v) => ({ v })) };
    const size = JSON.stringify(r).length;
    if (page.length > 0 && bytes + size > cap) break;
    bytes += size;
    page.push(r);
  }
  const out: Record<string, unknown> = {
    kind,
    schema: { fields: res.fields.map((f) => ({ ...f })) },
    jobReference: { projectId: job.project, jobId: job.id, location: job.location },
    totalRows: String(rows.length),
    jobComplete: true,
    cacheHit: false,
  };
  if (page.length) out.rows = page;
  if (i < rows.length) out.pageToken = `p${i}`;
  return out;
}

export class FakeBigQuery extends Svc {
  readonly Datasets: FakeDatasets;
  readonly Tables: FakeTables;
  readonly Jobs: FakeJobs;
  readonly Tabledata: FakeTabledata;
  constructor(
    ctx: Ctx,
    readonly _w: BigQueryWorld,
  ) {
    super(ctx, 'bigquery', 'BigQuery');
    this.Datasets = ctx.proxy(new FakeDatasets(ctx, _w));
    this.Tables = ctx.proxy(new FakeTables(ctx, _w));
    this.Jobs = ctx.proxy(new FakeJobs(ctx, _w));
    this.Tabledata = ctx.proxy(new FakeTabledata(ctx, _w));
  }
}

