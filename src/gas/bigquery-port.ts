/**
 * What the add-on needs from BigQuery (issue 14): the seller's own dataset holds every
 * report's raw rows when a spreadsheet cannot. Only src/gas/bigquery.ts implements it,
 * over the BigQuery advanced service; sync code depends on this interface alone, so it
 * runs in plain Node tests against an in-memory fake as well as the DuckDB-backed one.
 *
 * Job ids are chosen by the caller: a load's checkpoint records the id before the job
 * is inserted, so an execution killed mid-load finds out on its next run whether the
 * job ran (getJob) instead of guessing, and re-sends at most that one batch.
 */

/** BigQuery column types the add-on uses (GoogleSQL names). */
export type BqType = 'STRING' | 'NUMERIC' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'DATETIME' | 'TIMESTAMP';

export interface BqField {
  name: string;
  type: BqType;
  /** Omitted means NULLABLE. */
  mode?: 'NULLABLE' | 'REQUIRED';
  description?: string;
}

export interface BqTableSpec {
  table: string;
  fields: BqField[];
  /** A DATE, DATETIME or TIMESTAMP field: the table is partitioned by its day. */
  partitionField: string;
  /** At most 4 fields (BigQuery's limit), in order. */
  clusterFields: string[];
  description?: string;
}

/**
 * Why BigQuery refused, in its own terms: `reason` is BigQuery's error reason
 * (notFound, duplicate, accessDenied, quotaExceeded, rateLimitExceeded, invalid,
 * billingNotEnabled, backendError, ...), `status` the HTTP status (0 when the
 * advanced service threw without one, e.g. the scope was not granted).
 */
export class BqFailure extends Error {
  constructor(
    readonly reason: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BqFailure';
  }
}

export interface BqJobStatus {
  state: 'PENDING' | 'RUNNING' | 'DONE';
  /** Set when a DONE job failed: nothing it would have written was written. */
  error?: { reason: string; message: string };
  /** Rows a DONE load job wrote. */
  outputRows?: number;
}

export interface BqQueryResult {
  /** False when the query did not finish within the wait; nothing else is then set. */
  complete: boolean;
  fields: string[];
  /** Values as BigQuery's REST API returns them: strings (numbers too) or null. */
  rows: (string | null)[][];
}

export interface BigQueryGateway {
  /** The dataset's location (e.g. 'EU'), or null when it does not exist. */
  getDatasetLocation(project: string, dataset: string): string | null;
  /**
   * The shorter of the dataset's default table and partition expirations (ms), or null
   * when it sets neither or does not exist. The sandbox sets both to 60 days, and they
   * stay after billing is linked until the seller clears them.
   */
  getDatasetExpirationMs(project: string, dataset: string): number | null;
  createDataset(project: string, dataset: string, location: string): void;
  /** The table's field names, or null when it does not exist. */
  getTableFields(project: string, dataset: string, table: string): string[] | null;
  createTable(project: string, dataset: string, spec: BqTableSpec): void;
  /** Adds fields missing from an existing table (NULLABLE only, as BigQuery allows). */
  addFields(project: string, dataset: string, table: string, fields: BqField[]): void;
  /** Creates the view or replaces its SQL (GoogleSQL, no legacy SQL). */
  putView(project: string, dataset: string, view: string, sql: string): void;
  /**
   * Inserts a load job appending newline-delimited JSON rows to an existing table.
   * Throws BqFailure('duplicate', 409, ...) when a job with this id already exists.
   */
  startLoad(project: string, location: string, jobId: string, dataset: string, table: string, fields: BqField[], ndjson: string): void;
  /** The job's state, or null when BigQuery has no job with this id. */
  getJob(project: string, location: string, jobId: string): BqJobStatus | null;
  /** Runs a GoogleSQL query, waiting up to `waitMs` for it. */
  query(project: string, location: string, sql: string, waitMs: number): BqQueryResult;
}
