/**
 * BigQueryGateway over the BigQuery advanced service (v2, the global `BigQuery`).
 *
 * The advanced service throws on an error response: its message is "API call to
 * bigquery.<resource>.<method> failed with error: <BigQuery's message>" and it carries
 * `details` = BigQuery's error body ({code, message, errors: [{reason, message, domain}]},
 * the REST error format). toBqFailure reads `details` first and the message text when
 * `details` is absent, and keeps only BigQuery's own text in the BqFailure it makes.
 * An error that is not an API answer (the scope not granted, the execution time limit)
 * keeps Apps Script's text; the time limit is rethrown untouched.
 */
import { BigQueryGateway, BqFailure, BqField, BqJobStatus, BqQueryResult, BqTableSpec } from './bigquery-port';

type Service = GoogleAppsScript.BigQuery;

const API_ERROR = /^(?:GoogleJsonResponseException: )?API call to bigquery\.[\w.]+ failed with error: ([\s\S]*)$/;

/** Reason and status from BigQuery's message alone, for an exception without `details`. */
const BY_TEXT: [RegExp, string, number][] = [
  [/^Not found:/i, 'notFound', 404],
  [/^Already Exists:/i, 'duplicate', 409],
  [/has not been used in project|it is disabled|Access Not Configured/i, 'accessNotConfigured', 403],
  [/^Access Denied:/i, 'accessDenied', 403],
  [/^Quota exceeded/i, 'quotaExceeded', 403],
  [/^Exceeded rate limits/i, 'rateLimitExceeded', 403],
  [/Billing has not been enabled/i, 'billingNotEnabled', 403],
  [/^(Syntax error|Unrecognized name|Function not found|No matching signature)/i, 'invalidQuery', 400],
];

function messageOf(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

/**
 * The BqFailure an advanced-service exception stands for, or null when `e` is not one
 * (the caller rethrows it: a time limit, a bug).
 */
export function toBqFailure(e: unknown): BqFailure | null {
  if (e instanceof BqFailure) return e;
  const text = messageOf(e);
  const details = e && typeof e === 'object' ? (e as { details?: unknown }).details : undefined;
  const api = API_ERROR.exec(text);
  if (details && typeof details === 'object') {
    const d = details as { code?: unknown; message?: unknown; errors?: unknown };
    const first = Array.isArray(d.errors) && d.errors.length ? (d.errors[0] as { reason?: unknown; message?: unknown }) : undefined;
    const message = typeof d.message === 'string' ? d.message : typeof first?.message === 'string' ? first.message : api ? api[1] : text;
    const status = typeof d.code === 'number' ? d.code : Number(d.code) || 0;
    const reason = typeof first?.reason === 'string' ? first.reason : guessReason(message)?.[0] ?? 'unknown';
    return new BqFailure(reason, status, message);
  }
  if (api) {
    const message = api[1].trim();
    const g = guessReason(message);
    return new BqFailure(g ? g[0] : 'unknown', g ? g[1] : 0, message);
  }
  // Apps Script refuses before any request when the user has not granted the scope
  if (/Required permissions: .*auth\/bigquery|permission to call BigQuery/i.test(text)) return new BqFailure('scopeNotGranted', 0, text);
  return null;
}

function guessReason(message: string): [string, number] | null {
  for (const [re, reason, status] of BY_TEXT) if (re.test(message)) return [reason, status];
  return null;
}

function fieldResource(f: BqField): Record<string, unknown> {
  const r: Record<string, unknown> = { name: f.name, type: f.type, mode: f.mode ?? 'NULLABLE' };
  if (f.description) r.description = f.description;
  return r;
}

export class AdvancedBigQuery implements BigQueryGateway {
  constructor(private readonly bq: Service = BigQuery as Service) {}

  private call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const f = toBqFailure(e);
      if (f) throw f;
      throw e;
    }
  }

  /** fn's answer, or null when BigQuery says the thing does not exist. */
  private orNull<T>(fn: () => T, what: RegExp): T | null {
    try {
      return this.call(fn);
    } catch (e) {
      if (e instanceof BqFailure && e.reason === 'notFound' && what.test(e.message)) return null;
      throw e;
    }
  }

  getDatasetLocation(project: string, dataset: string): string | null {
    const d = this.orNull(() => this.bq.Datasets!.get(project, dataset), /^Not found: Dataset/i);
    return d ? String(d.location ?? 'US') : null;
  }

  getDatasetExpirationMs(project: string, dataset: string): number | null {
    const d = this.orNull(() => this.bq.Datasets!.get(project, dataset), /^Not found: Dataset/i);
    const set = [d?.defaultTableExpirationMs, d?.defaultPartitionExpirationMs].map(Number).filter((ms) => isFinite(ms) && ms > 0);
    return set.length ? Math.min(...set) : null;
  }

  createDataset(project: string, dataset: string, location: string): void {
    this.call(() => this.bq.Datasets!.insert({ datasetReference: { projectId: project, datasetId: dataset }, location }, project));
  }

  getTableFields(project: string, dataset: string, table: string): string[] | null {
    const t = this.orNull(() => this.bq.Tables!.get(project, dataset, table), /^Not found: (Table|Dataset)/i);
    if (!t) return null;
    return (t.schema?.fields ?? []).map((f) => String(f.name));
  }

  createTable(project: string, dataset: string, spec: BqTableSpec): void {
    const resource: GoogleAppsScript.BigQuery.Schema.Table = {
      tableReference: { projectId: project, datasetId: dataset, tableId: spec.table },
      schema: { fields: spec.fields.map(fieldResource) },
      timePartitioning: { type: 'DAY', field: spec.partitionField },
    };
    if (spec.clusterFields.length) resource.clustering = { fields: spec.clusterFields };
    if (spec.description) resource.description = spec.description;
    this.call(() => this.bq.Tables!.insert(resource, project, dataset));
  }

  addFields(project: string, dataset: string, table: string, fields: BqField[]): void {
    this.call(() => {
      const t = this.bq.Tables!.get(project, dataset, table);
      const have = (t.schema?.fields ?? []) as Record<string, unknown>[];
      const names = new Set(have.map((f) => String(f.name).toLowerCase()));
      // BigQuery adds only NULLABLE fields to an existing table
      const added = fields.filter((f) => !names.has(f.name.toLowerCase())).map((f) => fieldResource({ ...f, mode: 'NULLABLE' }));
      if (!added.length) return;
      this.bq.Tables!.patch({ schema: { fields: [...have, ...added] } }, project, dataset, table);
    });
  }

  putView(project: string, dataset: string, view: string, sql: string): void {
    const t = this.orNull(() => this.bq.Tables!.get(project, dataset, view), /^Not found: Table/i);
    const resource = { view: { query: sql, useLegacySql: false } };
    if (!t) {
      this.call(() => this.bq.Tables!.insert({ tableReference: { projectId: project, datasetId: dataset, tableId: view }, ...resource }, project, dataset));
    } else if (t.view?.query !== sql) {
      // a table update counts against BigQuery's 5 per 10 s per table: skip it when nothing changed
      this.call(() => this.bq.Tables!.patch(resource, project, dataset, view));
    }
  }

  startLoad(project: string, location: string, jobId: string, dataset: string, table: string, fields: BqField[], ndjson: string): void {
    const job = {
      jobReference: { projectId: project, jobId, location },
      configuration: {
        load: {
          destinationTable: { projectId: project, datasetId: dataset, tableId: table },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          writeDisposition: 'WRITE_APPEND',
          // the add-on creates its tables with partitioning and clustering; never an unpartitioned one here
          createDisposition: 'CREATE_NEVER',
          schema: { fields: fields.map(fieldResource) },
        },
      },
    };
    const blob = Utilities.newBlob(ndjson, 'application/octet-stream');
    this.call(() => this.bq.Jobs!.insert(job as GoogleAppsScript.BigQuery.Schema.Job, project, blob));
  }

  getJob(project: string, location: string, jobId: string): BqJobStatus | null {
    const j = this.orNull(() => this.bq.Jobs!.get(project, jobId, { location }), /^Not found: Job/i);
    if (!j) return null;
    const status = j.status ?? {};
    const out: BqJobStatus = { state: (status.state ?? 'PENDING') as BqJobStatus['state'] };
    if (out.state === 'DONE') {
      if (status.errorResult) out.error = { reason: String(status.errorResult.reason ?? 'unknown'), message: String(status.errorResult.message ?? '') };
      const rows = j.statistics?.load?.outputRows;
      if (rows !== undefined && !out.error) out.outputRows = Number(rows);
    }
    return out;
  }

  query(project: string, location: string, sql: string, waitMs: number): BqQueryResult {
    return this.call(() => {
      const deadline = Date.now() + Math.max(0, waitMs);
      let res = this.bq.Jobs!.query({ query: sql, useLegacySql: false, location, timeoutMs: Math.max(0, waitMs) }, project) as Record<string, any>;
      const jobId = String(res.jobReference?.jobId ?? '');
      while (!res.jobComplete) {
        const left = deadline - Date.now();
        if (left <= 0) return { complete: false, fields: [], rows: [] };
        res = this.bq.Jobs!.getQueryResults(project, jobId, { location, timeoutMs: left }) as Record<string, any>;
      }
      const fields: string[] = (res.schema?.fields ?? []).map((f: { name: string }) => String(f.name));
      const rows: (string | null)[][] = [];
      const take = (r: Record<string, any>) => {
        for (const row of r.rows ?? []) rows.push((row.f ?? []).map((c: { v: unknown }) => (c.v === null || c.v === undefined ? null : String(c.v))));
      };
      take(res);
      let token: string | undefined = res.pageToken;
      while (token) {
        const page = this.bq.Jobs!.getQueryResults(project, jobId, { location, pageToken: token }) as Record<string, any>;
        take(page);
        token = page.pageToken;
      }
      return { complete: true, fields, rows };
    });
  }
}
