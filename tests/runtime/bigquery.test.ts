/**
 * The offline runtime's BigQuery advanced service, driven through the add-on's adapter
 * (src/gas/bigquery.ts) where the add-on would, and through the raw service where a rule
 * is about the service itself.
 */
import { installRuntime, uninstallRuntime, Runtime, BIGQUERY_SCOPE } from './index';
import { AdvancedBigQuery } from '../../src/gas/bigquery';
import { appsScriptScopes } from '../../src/gas/scopes';
import { BqFailure, BqField } from '../../src/gas/bigquery-port';

const P = 'seller-project';
const DAY = 86400000;
let rt: Runtime;
let bq: AdvancedBigQuery;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const g = globalThis as any;

const FIELDS: BqField[] = [
  { name: 'srid', type: 'STRING', mode: 'REQUIRED' },
  { name: 'nmId', type: 'INT64' },
  { name: 'price', type: 'NUMERIC' },
  { name: 'date', type: 'DATETIME' },
  { name: 'at', type: 'TIMESTAMP' },
  { name: 'day', type: 'DATE' },
  { name: 'isCancel', type: 'BOOL' },
  { name: 'share', type: 'FLOAT64' },
];

function failure(fn: () => unknown): BqFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof BqFailure) return e;
    throw e;
  }
  throw new Error('expected a BqFailure');
}

function setup(opts: { billing?: boolean } = {}) {
  rt = installRuntime({ startTime: Date.UTC(2026, 10, 27, 7, 0, 0) });
  rt.grantScopes([BIGQUERY_SCOPE]);
  rt.bigquery.addProject(P, { billing: opts.billing ?? false });
  bq = new AdvancedBigQuery();
}

function ordersTable() {
  bq.createDataset(P, 'wb', 'EU');
  bq.createTable(P, 'wb', { table: 'orders', fields: FIELDS, partitionField: 'day', clusterFields: ['nmId'] });
}

function row(i: number, day = '2026-11-26'): string {
  return JSON.stringify({ srid: `s${i}`, nmId: 1000 + (i % 3), price: '123.45', date: `${day} 10:00:00`, at: `${day}T07:00:00Z`, day, isCancel: i % 2 === 0, share: 0.5 });
}

function waitDone(jobId: string, location = 'EU') {
  for (let i = 0; i < 100; i++) {
    const s = bq.getJob(P, location, jobId);
    if (s && s.state === 'DONE') return s;
    rt.clock.advance(1000);
  }
  throw new Error('job never finished');
}

afterEach(() => uninstallRuntime());

describe('BigQuery end to end through the adapter', () => {
  it('creates a dataset and a table, loads rows, and queries them back in REST shape', () => {
    setup();
    expect(bq.getDatasetLocation(P, 'wb')).toBeNull();
    ordersTable();
    expect(bq.getDatasetLocation(P, 'wb')).toBe('EU');
    expect(bq.getTableFields(P, 'wb', 'orders')).toEqual(FIELDS.map((f) => f.name));
    bq.startLoad(P, 'EU', 'load-1', 'wb', 'orders', FIELDS, [row(1), row(2), row(3)].join('\n'));
    const s = waitDone('load-1');
    expect(s).toEqual({ state: 'DONE', outputRows: 3 });
    const q = bq.query(P, 'EU', 'SELECT srid, price, `date`, `at`, day, isCancel, share, nmId FROM `seller-project.wb.orders` ORDER BY srid', 10000);
    expect(q.complete).toBe(true);
    expect(q.fields).toEqual(['srid', 'price', 'date', 'at', 'day', 'isCancel', 'share', 'nmId']);
    expect(q.rows[0]).toEqual(['s1', '123.45', '2026-11-26T10:00:00', '1.7956764E9', '2026-11-26', 'false', '0.5', '1001']);
    expect(q.rows).toHaveLength(3);
  });
});

describe('views', () => {
  it('a one-row-per-key view (latest version) runs in the subset, and putView replaces its SQL', () => {
    setup();
    ordersTable();
    bq.startLoad(P, 'EU', 'a', 'wb', 'orders', FIELDS, [row(1), row(2)].join('\n'));
    waitDone('a');
    rt.clock.advance(10000);
    const newer = JSON.stringify({ srid: 's1', nmId: 1001, price: 200, date: '2026-11-26 11:00:00', at: '2026-11-26T08:00:00+00:00', day: '2026-11-26', isCancel: true, share: 1 });
    bq.startLoad(P, 'EU', 'b', 'wb', 'orders', FIELDS, newer + '\n');
    waitDone('b');
    const sql =
      'SELECT * EXCEPT (rn) FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY srid ORDER BY `at` DESC) AS rn FROM `seller-project.wb.orders`) WHERE rn = 1';
    bq.putView(P, 'wb', 'orders_latest', sql);
    const q = bq.query(P, 'EU', 'SELECT srid, price, isCancel FROM `seller-project.wb.orders_latest` ORDER BY srid', 10000);
    expect(q.rows).toEqual([
      ['s1', '200', 'true'],
      ['s2', '123.45', 'true'],
    ]);
    bq.putView(P, 'wb', 'orders_latest', 'SELECT srid FROM `seller-project.wb.orders`');
    expect(bq.query(P, 'EU', 'SELECT COUNT(*) AS n FROM `seller-project.wb.orders_latest`', 10000).rows).toEqual([['3']]);
  });
});

/** The raw advanced service, for rules the adapter never exercises. */
function raw() {
  return g.BigQuery;
}

function loadJob(jobId: string, ndjson: string, load: Record<string, unknown> = {}, location = 'EU') {
  return raw().Jobs.insert(
    {
      jobReference: { projectId: P, jobId, location },
      configuration: {
        load: {
          destinationTable: { projectId: P, datasetId: 'wb', tableId: 'orders' },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          writeDisposition: 'WRITE_APPEND',
          schema: { fields: FIELDS },
          ...load,
        },
      },
    },
    P,
    g.Utilities.newBlob(ndjson, 'application/octet-stream'),
  );
}

function count(table = 'orders'): number {
  return Number(rt.bigquery.sql(`SELECT COUNT(*) AS n FROM \`${P}.wb.${table}\``).rows[0][0]);
}

describe('datasets and tables', () => {
  it('checks ids, locations and duplicates; the sandbox gives every dataset 60-day expirations', () => {
    setup();
    expect(failure(() => bq.createDataset(P, 'bad-name', 'EU'))).toMatchObject({ reason: 'invalid', status: 400 });
    expect(failure(() => bq.createDataset(P, 'wb', 'Mars'))).toMatchObject({ reason: 'invalid', status: 400 });
    bq.createDataset(P, 'wb', 'EU');
    expect(failure(() => bq.createDataset(P, 'wb', 'EU'))).toMatchObject({ reason: 'duplicate', status: 409, message: `Already Exists: Dataset ${P}:wb` });
    const d = raw().Datasets.get(P, 'wb');
    expect(d.defaultTableExpirationMs).toBe(String(60 * DAY));
    expect(d.defaultPartitionExpirationMs).toBe(String(60 * DAY));
    expect(failure(() => bq.getDatasetLocation('no-such-project', 'wb'))).toMatchObject({ reason: 'notFound', status: 404 });
  });

  it('validates schema, partitioning (DAY on a date/time field) and clustering (at most 4 fields) at creation', () => {
    setup();
    bq.createDataset(P, 'wb', 'EU');
    const spec = (over: Record<string, unknown>) => ({ table: 't', fields: FIELDS, partitionField: 'day', clusterFields: ['nmId'], ...over });
    expect(failure(() => bq.createTable(P, 'wb', spec({ partitionField: 'nmId' })))).toMatchObject({ reason: 'invalid' });
    expect(failure(() => bq.createTable(P, 'wb', spec({ partitionField: 'nope' })))).toMatchObject({ reason: 'invalid' });
    expect(failure(() => bq.createTable(P, 'wb', spec({ clusterFields: ['srid', 'nmId', 'price', 'date', 'day'] })))).toMatchObject({
      reason: 'invalid',
      message: 'Too many clustering fields: 5, only 4 are allowed.',
    });
    expect(failure(() => bq.createTable(P, 'wb', spec({ clusterFields: ['share'] })))).toMatchObject({ reason: 'invalid' });
    expect(failure(() => bq.createTable(P, 'wb', spec({ fields: [...FIELDS, { name: '_PARTITIONTIME', type: 'DATE' }] })))).toMatchObject({ reason: 'invalid' });
    expect(failure(() => bq.createTable(P, 'wb', spec({ fields: [...FIELDS, { name: 'SRID', type: 'STRING' }] })))).toMatchObject({ reason: 'invalid' });
    expect(failure(() => bq.createTable(P, 'wb', spec({ fields: [...FIELDS, { name: 'a-b', type: 'STRING' }] })))).toMatchObject({ reason: 'invalid' });
    bq.createTable(P, 'wb', spec({ fields: [...FIELDS, { name: '_synced_at', type: 'TIMESTAMP' }] }));
    expect(failure(() => bq.createTable(P, 'wb', spec({})))).toMatchObject({ reason: 'duplicate', status: 409 });
    const t = raw().Tables.get(P, 'wb', 't');
    expect(t.timePartitioning).toEqual({ type: 'DAY', field: 'day', expirationMs: String(60 * DAY) });
    expect(t.clustering).toEqual({ fields: ['nmId'] });
    expect(t.schema.fields.find((f: { name: string }) => f.name === 'nmId')).toEqual({ name: 'nmId', type: 'INTEGER', mode: 'NULLABLE' });
  });

  it('adds only NULLABLE fields; a REQUIRED addition, a removed or retyped field is refused', () => {
    setup();
    ordersTable();
    bq.addFields(P, 'wb', 'orders', [{ name: 'extra', type: 'STRING' }, { name: 'srid', type: 'STRING' }]);
    expect(bq.getTableFields(P, 'wb', 'orders')).toEqual([...FIELDS.map((f) => f.name), 'extra']);
    const fields = raw().Tables.get(P, 'wb', 'orders').schema.fields;
    rt.clock.advance(20000);
    const patch = (f: unknown[]) => raw().Tables.patch({ schema: { fields: f } }, P, 'wb', 'orders');
    expect(() => patch([...fields, { name: 'req', type: 'STRING', mode: 'REQUIRED' }])).toThrow(/Cannot add required fields/);
    expect(() => patch(fields.slice(1))).toThrow(/Field srid is missing in new schema/);
    expect(() => patch(fields.map((f: { name: string }) => (f.name === 'nmId' ? { ...f, type: 'STRING' } : f)))).toThrow(/has changed type/);
  });

  it('views need GoogleSQL (useLegacySql false) and valid SQL; tables in another location are not found', () => {
    setup();
    ordersTable();
    bq.createDataset(P, 'us', 'US');
    expect(() =>
      raw().Tables.insert({ tableReference: { projectId: P, datasetId: 'wb', tableId: 'v' }, view: { query: `SELECT 1 AS x` } }, P, 'wb'),
    ).toThrow(/useLegacySql/);
    expect(failure(() => bq.putView(P, 'us', 'v', `SELECT srid FROM \`${P}.wb.orders\``))).toMatchObject({
      reason: 'notFound',
      message: `Not found: Dataset ${P}:wb was not found in location US`,
    });
    expect(failure(() => bq.putView(P, 'wb', 'v', `SELECT nosuch FROM \`${P}.wb.orders\``))).toMatchObject({ reason: 'invalidQuery', status: 400 });
  });
});

describe('load jobs', () => {
  it('move PENDING -> RUNNING -> DONE with the virtual clock, and their rows appear only when DONE', () => {
    setup();
    ordersTable();
    bq.startLoad(P, 'EU', 'j1', 'wb', 'orders', FIELDS, row(1));
    expect(bq.getJob(P, 'EU', 'j1')!.state).toBe('PENDING');
    expect(count()).toBe(0);
    rt.clock.advance(1000);
    expect(bq.getJob(P, 'EU', 'j1')!.state).toBe('RUNNING');
    expect(count()).toBe(0);
    rt.clock.advance(3000);
    expect(bq.getJob(P, 'EU', 'j1')).toEqual({ state: 'DONE', outputRows: 1 });
    expect(count()).toBe(1);
    expect(bq.getJob(P, 'EU', 'never')).toBeNull();
  });

  it('a reused job id is 409 duplicate and loads nothing more', () => {
    setup();
    ordersTable();
    bq.startLoad(P, 'EU', 'same', 'wb', 'orders', FIELDS, row(1));
    waitDone('same');
    expect(failure(() => bq.startLoad(P, 'EU', 'same', 'wb', 'orders', FIELDS, row(2)))).toMatchObject({
      reason: 'duplicate',
      status: 409,
      message: `Already Exists: Job ${P}:EU.same`,
    });
    rt.clock.advance(10000);
    expect(count()).toBe(1);
  });

  it('one bad row fails the whole job (maxBadRecords 0) and writes nothing; maxBadRecords lets the good rows in', () => {
    setup();
    ordersTable();
    const bad = JSON.stringify({ srid: 'x', nmId: 1.5, day: '2026-11-26' });
    bq.startLoad(P, 'EU', 'bad', 'wb', 'orders', FIELDS, [row(1), bad, row(2)].join('\n'));
    const s = waitDone('bad');
    expect(s.error).toMatchObject({ reason: 'invalid' });
    expect(s.error!.message).toMatch(/too many errors/);
    expect(s.outputRows).toBeUndefined();
    rt.clock.advance(60000);
    expect(count()).toBe(0);
    loadJob('tolerant', [row(1), bad, row(2)].join('\n'), { maxBadRecords: 1 });
    const t = waitDone('tolerant');
    expect(t).toEqual({ state: 'DONE', outputRows: 2 });
    expect(count()).toBe(2);
  });

  it('applies BigQuery JSON rules per type', () => {
    setup();
    ordersTable();
    const base = { srid: 'a', day: '2026-11-26' };
    const cases: [Record<string, unknown>, boolean][] = [
      [{ price: '12345678901234567890123456789.123456789' }, true], // 29 integer digits, 9 decimals
      [{ price: '123456789012345678901234567890' }, false], // 30 integer digits
      [{ price: '1.0000000001' }, false], // 10 decimals
      [{ price: 12.5 }, true],
      [{ nmId: '9223372036854775807' }, true],
      [{ nmId: '9223372036854775808' }, false],
      [{ nmId: 1.5 }, false],
      [{ isCancel: 'TRUE' }, true],
      [{ isCancel: 'yes' }, false],
      [{ day: '2026-02-30' }, false],
      [{ day: '2026/11/26' }, false],
      [{ date: '2026-11-26T10:00:00.123456' }, true],
      [{ date: '2026-11-26 10:00' }, false],
      [{ date: '2026-11-26T10:00:00Z' }, false],
      [{ at: '2026-11-26 10:00:00+03:00' }, true],
      [{ at: '2026-11-26T10:00:00Z' }, true],
      [{ at: '2026-11-26 25:00:00Z' }, false],
      [{ share: 'NaN' }, true],
      [{ share: 'abc' }, false],
      [{ srid: null }, false], // REQUIRED
      [{ unknown: 1 }, false],
      [{ nmId: [1] }, false],
    ];
    cases.forEach(([over, ok], i) => {
      loadJob(`t${i}`, JSON.stringify({ ...base, ...over }));
      rt.clock.advance(5000);
      const s = bq.getJob(P, 'EU', `t${i}`)!;
      expect([JSON.stringify(over), s.error === undefined]).toEqual([JSON.stringify(over), ok]);
    });
    loadJob('ignore', JSON.stringify({ ...base, unknown: 1 }), { ignoreUnknownValues: true });
    expect(waitDone('ignore')).toEqual({ state: 'DONE', outputRows: 1 });
    // values come back exactly
    const q = rt.bigquery.sql(`SELECT price, nmId, \`at\` FROM \`${P}.wb.orders\` WHERE price > 1000 OR nmId > 1000000`);
    expect(q.rows).toEqual(
      expect.arrayContaining([
        ['12345678901234567890123456789.123456789', null, null],
        [null, '9223372036854775807', null],
      ]),
    );
    const at = rt.bigquery.sql(`SELECT \`at\` FROM \`${P}.wb.orders\` WHERE \`at\` IS NOT NULL ORDER BY \`at\``).rows.map((r) => Number(r[0]));
    expect(at).toEqual([Date.UTC(2026, 10, 26, 7) / 1000, Date.UTC(2026, 10, 26, 10) / 1000]);
  });

  it('a load into a table in another location, a missing table, or a view is refused', () => {
    setup();
    ordersTable();
    expect(failure(() => bq.startLoad(P, 'US', 'x', 'wb', 'orders', FIELDS, row(1)))).toMatchObject({
      reason: 'notFound',
      message: `Not found: Dataset ${P}:wb was not found in location US`,
    });
    expect(failure(() => bq.startLoad(P, 'EU', 'y', 'wb', 'nope', FIELDS, row(1)))).toMatchObject({ reason: 'notFound' });
    // jobs.get needs the job's location unless it runs in US or EU
    bq.createDataset(P, 'tokyo', 'asia-northeast1');
    bq.createTable(P, 'tokyo', { table: 'orders', fields: FIELDS, partitionField: 'day', clusterFields: [] });
    bq.startLoad(P, 'asia-northeast1', 'z', 'tokyo', 'orders', FIELDS, row(1));
    expect(() => raw().Jobs.get(P, 'z')).toThrow(/Not found: Job/);
    expect(bq.getJob(P, 'asia-northeast1', 'z')!.state).toBe('PENDING');
    expect(bq.getJob(P, 'EU', 'z')).toBeNull();
  });

  it('the media upload is capped at 50 MB like every Apps Script payload', () => {
    setup();
    ordersTable();
    const big = (row(1) + '\n').repeat(Math.ceil((50 * 1024 * 1024) / (row(1).length + 1)) + 10);
    expect(() => bq.startLoad(P, 'EU', 'huge', 'wb', 'orders', FIELDS, big)).toThrow(/Request payload size exceeds the limit/);
  });
});

describe('quotas and limits', () => {
  it('load jobs per project per day: over the quota the job fails with quotaExceeded', () => {
    rt = installRuntime({ bigquery: { loadJobsPerProjectPerDay: 3 } });
    rt.grantScopes([BIGQUERY_SCOPE]);
    rt.bigquery.addProject(P);
    bq = new AdvancedBigQuery();
    ordersTable();
    bq.createTable(P, 'wb', { table: 'sales', fields: FIELDS, partitionField: 'day', clusterFields: [] });
    bq.startLoad(P, 'EU', 'p1', 'wb', 'orders', FIELDS, row(1));
    bq.startLoad(P, 'EU', 'p2', 'wb', 'sales', FIELDS, row(2));
    bq.startLoad(P, 'EU', 'p3', 'wb', 'orders', FIELDS, row(3));
    bq.startLoad(P, 'EU', 'p4', 'wb', 'sales', FIELDS, row(4));
    expect(waitDone('p4').error).toMatchObject({ reason: 'quotaExceeded', message: expect.stringMatching(/Your project exceeded quota for imports per project/) });
    expect(waitDone('p3').error).toBeUndefined();
  });

  it('1,500 load jobs per table per day: the 1,501st job fails with quotaExceeded and writes nothing; the next day works', () => {
    setup({ billing: true });
    ordersTable();
    const day0 = Math.floor(rt.clock.now() / DAY);
    rt.clock.set(day0 * DAY + 1000);
    for (let i = 0; i < 1500; i++) {
      bq.startLoad(P, 'EU', `q${i}`, 'wb', 'orders', FIELDS, row(i));
      rt.clock.advance(2100); // under 5 table updates per 10 s
    }
    expect(Math.floor(rt.clock.now() / DAY)).toBe(day0);
    bq.startLoad(P, 'EU', 'over', 'wb', 'orders', FIELDS, row(9999));
    const s = waitDone('over');
    expect(s.error).toMatchObject({ reason: 'quotaExceeded' });
    expect(count()).toBe(1500);
    rt.clock.set((day0 + 1) * DAY + 1000);
    bq.startLoad(P, 'EU', 'next-day', 'wb', 'orders', FIELDS, row(9999));
    expect(waitDone('next-day')).toEqual({ state: 'DONE', outputRows: 1 });
    expect(rt.bigquery.stats.loadJobs).toBe(1502);
  });

  it('more than 5 updates of one table in 10 s: rateLimitExceeded', () => {
    setup();
    ordersTable();
    for (let i = 0; i < 5; i++) bq.startLoad(P, 'EU', `r${i}`, 'wb', 'orders', FIELDS, row(i));
    bq.startLoad(P, 'EU', 'r5', 'wb', 'orders', FIELDS, row(5));
    expect(waitDone('r5').error).toMatchObject({ reason: 'rateLimitExceeded' });
    rt.clock.advance(10000);
    bq.startLoad(P, 'EU', 'r6', 'wb', 'orders', FIELDS, row(6));
    expect(waitDone('r6').error).toBeUndefined();
    expect(count()).toBe(6);
  });
});

describe('project states', () => {
  it('API disabled, no permission, sandbox DML and streaming are refused with BigQuery\'s reasons', () => {
    setup();
    ordersTable();
    rt.bigquery.setProject(P, { apiEnabled: false, number: '123456789012' });
    const off = failure(() => bq.getDatasetLocation(P, 'wb'));
    expect(off).toMatchObject({ reason: 'accessNotConfigured', status: 403 });
    expect(off.message).toMatch(/BigQuery API has not been used in project 123456789012 before or it is disabled/);
    rt.bigquery.setProject(P, { apiEnabled: true, permission: false });
    expect(failure(() => bq.getDatasetLocation(P, 'wb'))).toMatchObject({
      reason: 'accessDenied',
      status: 403,
      message: `Access Denied: Project ${P}: User does not have bigquery.datasets.get permission in project ${P}.`,
    });
    rt.bigquery.setProject(P, { permission: true });
    expect(failure(() => bq.query(P, 'EU', `DELETE FROM \`${P}.wb.orders\` WHERE TRUE`, 10000))).toMatchObject({ reason: 'billingNotEnabled', status: 403 });
    expect(() => raw().Tabledata.insertAll({ rows: [{ json: { srid: 'a' } }] }, P, 'wb', 'orders')).toThrow(/Streaming insert is not allowed in the free tier/);
    rt.bigquery.setProject(P, { billing: true });
    expect(raw().Tabledata.insertAll({ rows: [{ json: { srid: 'a', day: '2026-11-26' } }] }, P, 'wb', 'orders').insertErrors).toBeUndefined();
    expect(count()).toBe(1);
    expect(failure(() => bq.query(P, 'EU', `DELETE FROM \`${P}.wb.orders\` WHERE TRUE`, 10000))).toMatchObject({ reason: 'invalidQuery' });
  });
});

describe('the sandbox keeps 60 days', () => {
  it('partitions older than 60 days are deleted (and never kept when loaded late); the table itself expires 60 days after creation', () => {
    setup();
    ordersTable();
    const now = rt.clock.now();
    const days = Array.from({ length: 90 }, (_, i) => new Date(now - (i + 1) * DAY).toISOString().slice(0, 10));
    bq.startLoad(P, 'EU', 'history', 'wb', 'orders', FIELDS, days.map((d, i) => row(i, d)).join('\n'));
    expect(waitDone('history')).toEqual({ state: 'DONE', outputRows: 90 });
    // partition D is kept while now < D + 1 day + 60 days
    const kept = rt.bigquery.sql(`SELECT MIN(day) AS a, COUNT(*) AS n FROM \`${P}.wb.orders\``).rows[0];
    const cutoff = Math.floor((rt.clock.now() - 60 * DAY) / DAY) * DAY;
    expect(kept[0]).toBe(new Date(cutoff).toISOString().slice(0, 10));
    expect(Number(kept[1])).toBeLessThan(62);
    rt.clock.advance(10 * DAY);
    expect(count()).toBeLessThan(52);
    rt.clock.advance(51 * DAY);
    expect(bq.getTableFields(P, 'wb', 'orders')).toBeNull();
  });

  it('with billing, nothing expires', () => {
    setup({ billing: true });
    ordersTable();
    const now = rt.clock.now();
    bq.startLoad(P, 'EU', 'old', 'wb', 'orders', FIELDS, row(1, new Date(now - 89 * DAY).toISOString().slice(0, 10)));
    waitDone('old');
    rt.clock.advance(100 * DAY);
    expect(count()).toBe(1);
  });
});

describe('queries', () => {
  function many(n: number) {
    setup();
    ordersTable();
    bq.startLoad(P, 'EU', 'many', 'wb', 'orders', FIELDS, Array.from({ length: n }, (_, i) => row(i)).join('\n'));
    waitDone('many');
  }

  it('pages by maxResults and pageToken; totalRows counts all', () => {
    many(25);
    const first = raw().Jobs.query({ query: `SELECT srid FROM \`${P}.wb.orders\` ORDER BY srid`, useLegacySql: false, location: 'EU', maxResults: 10 }, P);
    expect(first.totalRows).toBe('25');
    expect(first.rows).toHaveLength(10);
    const second = raw().Jobs.getQueryResults(P, first.jobReference.jobId, { location: 'EU', pageToken: first.pageToken, maxResults: 10 });
    const third = raw().Jobs.getQueryResults(P, first.jobReference.jobId, { location: 'EU', pageToken: second.pageToken, maxResults: 10 });
    expect(third.rows).toHaveLength(5);
    expect(third.pageToken).toBeUndefined();
    // the adapter follows every page
    expect(bq.query(P, 'EU', `SELECT srid FROM \`${P}.wb.orders\``, 10000).rows).toHaveLength(25);
  });

  it('a query\'s results can be read for about 24 hours, then its temporary table is gone (404)', () => {
    many(12);
    const first = raw().Jobs.query({ query: `SELECT srid FROM \`${P}.wb.orders\` ORDER BY srid`, useLegacySql: false, location: 'EU', maxResults: 10 }, P);
    rt.clock.advance(23 * 3600000);
    expect(raw().Jobs.getQueryResults(P, first.jobReference.jobId, { location: 'EU', pageToken: first.pageToken }).rows).toHaveLength(2);
    rt.clock.advance(2 * 3600000);
    expect(() => raw().Jobs.getQueryResults(P, first.jobReference.jobId, { location: 'EU', pageToken: first.pageToken })).toThrow(/Not found: Table .*_anon/);
  });

  it('pages by response size', () => {
    rt = installRuntime({ bigquery: { maxPageBytes: 200 } });
    rt.grantScopes([BIGQUERY_SCOPE]);
    rt.bigquery.addProject(P);
    bq = new AdvancedBigQuery();
    ordersTable();
    bq.startLoad(P, 'EU', 'many', 'wb', 'orders', FIELDS, Array.from({ length: 20 }, (_, i) => row(i)).join('\n'));
    waitDone('many');
    const first = raw().Jobs.query({ query: `SELECT srid, \`date\` FROM \`${P}.wb.orders\``, useLegacySql: false, location: 'EU' }, P);
    expect(first.rows.length).toBeLessThan(20);
    expect(first.pageToken).toBeDefined();
    const before = rt.bigquery.stats.byMethod['jobs.getQueryResults'] ?? 0;
    expect(bq.query(P, 'EU', `SELECT srid, \`date\` FROM \`${P}.wb.orders\``, 10000).rows).toHaveLength(20);
    expect(rt.bigquery.stats.byMethod['jobs.getQueryResults'] - before).toBeGreaterThan(1);
  });

  it('a query longer than timeoutMs answers jobComplete false; the adapter waits within waitMs or reports complete: false', () => {
    many(3);
    const r = raw().Jobs.query({ query: `SELECT srid FROM \`${P}.wb.orders\``, useLegacySql: false, location: 'EU', timeoutMs: 100 }, P);
    expect(r.jobComplete).toBe(false);
    expect(r.rows).toBeUndefined();
    const later = raw().Jobs.getQueryResults(P, r.jobReference.jobId, { location: 'EU', timeoutMs: 5000 });
    expect(later.jobComplete).toBe(true);
    expect(bq.query(P, 'EU', `SELECT srid FROM \`${P}.wb.orders\``, 0)).toEqual({ complete: false, fields: [], rows: [] });
    expect(bq.query(P, 'EU', `SELECT srid FROM \`${P}.wb.orders\``, 5000).complete).toBe(true);
  });

  it('a query or a load without a location runs where its dataset is', () => {
    many(2);
    const r = raw().Jobs.query({ query: `SELECT COUNT(*) AS n FROM \`${P}.wb.orders\``, useLegacySql: false }, P);
    expect([r.jobReference.location, r.rows[0].f[0].v]).toEqual(['EU', '2']);
    const j = raw().Jobs.insert(
      { configuration: { load: { destinationTable: { projectId: P, datasetId: 'wb', tableId: 'orders' }, sourceFormat: 'NEWLINE_DELIMITED_JSON', schema: { fields: FIELDS } } } },
      P,
      g.Utilities.newBlob(row(7)),
    );
    expect(j.jobReference.location).toBe('EU');
  });

  it('legacy SQL (the REST default) is refused; each call costs virtual time and is counted', () => {
    many(1);
    expect(() => raw().Jobs.query({ query: `SELECT 1`, location: 'EU' }, P)).toThrow(/useLegacySql/);
    const t0 = rt.clock.now();
    const calls = rt.bigquery.stats.calls;
    bq.getDatasetLocation(P, 'wb');
    expect(rt.bigquery.stats.calls).toBe(calls + 1);
    expect(rt.clock.now() - t0).toBe(250);
  });
});

describe('SQL subset', () => {
  const T = `\`${P}.wb.orders\``;
  function ok(sql: string): (string | null)[][] {
    return bq.query(P, 'EU', sql, 60000).rows;
  }
  function refused(sql: string) {
    const f = failure(() => bq.query(P, 'EU', sql, 60000));
    // refused by the subset, not by DuckDB failing on it
    expect([sql, f.reason, /Parser Error|Binder Error|Catalog Error/.test(f.message)]).toEqual([sql, 'invalidQuery', false]);
  }
  beforeEach(() => {
    setup();
    ordersTable();
    bq.createTable(P, 'wb', { table: 'cards', fields: [{ name: 'nmId', type: 'INT64' }, { name: 'title', type: 'STRING' }, { name: 'day', type: 'DATE' }], partitionField: 'day', clusterFields: [] });
    const rows = [
      { srid: 'a', nmId: 1, price: '10.50', date: '2026-11-23 10:00:00', at: '2026-11-23T07:00:00Z', day: '2026-11-23', isCancel: false, share: 0.5 },
      { srid: 'b', nmId: 1, price: '20', date: '2026-11-24 10:00:00', at: '2026-11-24T07:00:00Z', day: '2026-11-24', isCancel: true, share: 1 },
      { srid: 'c', nmId: 2, price: null, date: '2026-11-29 10:00:00', at: '2026-11-29T07:00:00Z', day: '2026-11-29', isCancel: false },
    ];
    bq.startLoad(P, 'EU', 'seed', 'wb', 'orders', FIELDS, rows.map((r) => JSON.stringify(r)).join('\n'));
    bq.startLoad(P, 'EU', 'seed2', 'wb', 'cards', [{ name: 'nmId', type: 'INT64' }, { name: 'title', type: 'STRING' }, { name: 'day', type: 'DATE' }], [JSON.stringify({ nmId: 1, title: 'Shirt', day: '2026-11-20' })].join('\n'));
    rt.clock.advance(10000);
  });

  it('accepts each construct of the subset with GoogleSQL meaning', () => {
    expect(ok(`SELECT srid FROM ${T} ORDER BY srid;`)).toEqual([['a'], ['b'], ['c']]);
    expect(ok(`WITH x AS (SELECT srid, nmId FROM ${T}) SELECT DISTINCT nmId FROM x ORDER BY nmId DESC`)).toEqual([['2'], ['1']]);
    expect(ok(`SELECT * EXCEPT (srid, price, \`date\`, \`at\`, day, isCancel, share) FROM ${T} ORDER BY nmId LIMIT 1 OFFSET 1`)).toEqual([['1']]);
    expect(ok(`SELECT o.srid, c.title FROM ${T} AS o LEFT JOIN \`${P}.wb.cards\` c ON o.nmId = c.nmId ORDER BY o.srid`)).toEqual([['a', 'Shirt'], ['b', 'Shirt'], ['c', null]]);
    expect(ok(`SELECT nmId, COUNT(*) AS n, SUM(price) AS s, MIN(price), MAX(price), COUNTIF(isCancel) FROM ${T} GROUP BY nmId HAVING COUNT(*) > 1`)).toEqual([['1', '2', '30.5', '10.5', '20', '1']]);
    // NULLs first ascending, last descending (GoogleSQL)
    expect(ok(`SELECT price FROM ${T} ORDER BY price`)).toEqual([[null], ['10.5'], ['20']]);
    expect(ok(`SELECT price FROM ${T} ORDER BY price DESC`)).toEqual([['20'], ['10.5'], [null]]);
    expect(ok(`SELECT srid FROM ${T} WHERE nmId IN (2) UNION ALL SELECT srid FROM ${T} WHERE srid = 'a'`)).toEqual([['c'], ['a']]);
    expect(ok(`SELECT srid FROM ${T} WHERE day BETWEEN DATE '2026-11-24' AND DATE '2026-11-30' AND srid LIKE 'b%' AND price IS NOT NULL AND NOT isCancel IS NULL`)).toEqual([['b']]);
    expect(ok(`SELECT CASE WHEN price > 15 THEN 'big' ELSE 'small' END, IFNULL(price, 0), COALESCE(share, -1), IF(isCancel, 1, 0), NULLIF(nmId, 1) FROM ${T} WHERE srid = 'c'`)).toEqual([['small', '0', '-1', '0', '2']]);
    expect(ok(`SELECT CAST(nmId AS STRING), CAST('5' AS INT64), CAST('1.25' AS NUMERIC), SAFE_CAST('x' AS INT64), CAST(day AS DATETIME), CAST('true' AS BOOL), CAST(1 AS FLOAT64) FROM ${T} WHERE srid = 'a'`)).toEqual([
      ['1', '5', '1.25', null, '2026-11-23T00:00:00', 'true', '1'],
    ]);
    expect(ok(`SELECT DATE '2026-11-27', DATETIME '2026-11-27 10:00:00', TIMESTAMP '2026-11-27 10:00:00', NUMERIC '1.5', TRUE, NULL`)).toEqual([
      ['2026-11-27', '2026-11-27T10:00:00', '1.7957736E9', '1.5', 'true', null],
    ]);
    expect(ok(`SELECT DATE(\`at\`), DATE(\`at\`, 'Europe/Moscow'), DATE(2026, 1, 31), DATETIME(\`at\`, 'Europe/Moscow') FROM ${T} WHERE srid = 'a'`)).toEqual([
      ['2026-11-23', '2026-11-23', '2026-01-31', '2026-11-23T10:00:00'],
    ]);
    // 2026-11-29 is a Sunday: WEEK starts on Sunday, ISOWEEK on Monday
    expect(ok(`SELECT DATE_TRUNC(day, WEEK), DATE_TRUNC(day, ISOWEEK), DATE_TRUNC(day, MONTH), DATE_TRUNC(day, YEAR) FROM ${T} WHERE srid = 'c'`)).toEqual([
      ['2026-11-29', '2026-11-23', '2026-11-01', '2026-01-01'],
    ]);
    expect(ok(`SELECT DATE_ADD(day, INTERVAL 1 MONTH), DATE_SUB(day, INTERVAL 2 WEEK), DATE_DIFF(DATE '2026-12-01', day, DAY), EXTRACT(MONTH FROM day), EXTRACT(HOUR FROM \`date\`) FROM ${T} WHERE srid = 'c'`)).toEqual([
      ['2026-12-29', '2026-11-15', '2', '11', '10'],
    ]);
    expect(ok(`SELECT ROUND(SAFE_DIVIDE(COUNTIF(isCancel), COUNT(*)), 2), SAFE_DIVIDE(1, 0), ABS(-2), LOWER('AbC'), UPPER('a'), LENGTH('абв'), TRIM(' x '), SUBSTR('hello', 2, 3), CONCAT('a', 'b'), CONCAT('a', NULL), 'a' || 'b' FROM ${T}`)).toEqual([
      ['0.33', null, '2', 'abc', 'A', '3', 'x', 'ell', 'ab', null, 'ab'],
    ]);
    expect(ok(`SELECT srid, ROW_NUMBER() OVER (PARTITION BY nmId ORDER BY \`at\` DESC) AS rn, RANK() OVER (ORDER BY nmId) FROM ${T} ORDER BY srid`)).toEqual([
      ['a', '2', '1'],
      ['b', '1', '1'],
      ['c', '1', '3'],
    ]);
    expect(ok(`SELECT srid FROM ${T} o WHERE EXISTS (SELECT 1 FROM \`${P}.wb.cards\` c WHERE c.nmId = o.nmId) AND srid = 'a'`)).toEqual([['a']]);
    // CURRENT_DATE() and CURRENT_TIMESTAMP() read the virtual clock, in views at query time too
    expect(ok(`SELECT CURRENT_DATE(), CURRENT_TIMESTAMP()`)).toEqual([[new Date(rt.clock.now()).toISOString().slice(0, 10), expect.stringMatching(/E9$/)]]);
    bq.putView(P, 'wb', 'today', `SELECT CURRENT_DATE() AS d`);
    rt.clock.advance(3 * DAY);
    expect(ok(`SELECT d FROM \`${P}.wb.today\``)).toEqual([[new Date(rt.clock.now()).toISOString().slice(0, 10)]]);
    expect(ok(`SELECT AVG(share), ANY_VALUE(nmId) FROM ${T} WHERE srid = 'a'`)).toEqual([['0.5', '1']]);
    // -- and /* */ comments
    expect(ok(`SELECT 1 -- one\n/* two */`)).toEqual([['1']]);
  });

  it('refuses what only DuckDB (or only GoogleSQL) reads', () => {
    for (const sql of [
      `SELECT "srid" FROM ${T}`,
      `SELECT nmId::STRING FROM ${T}`,
      `SELECT 1 # comment`,
      `SELECT @x`,
      `SELECT [1, 2]`,
      `SELECT 'it\\'s'`,
      `SELECT 'it''s'`,
      `SELECT srid FROM ${T} UNION SELECT srid FROM ${T}`,
      `SELECT srid FROM ${T} INTERSECT DISTINCT SELECT srid FROM ${T}`,
      `SELECT * EXCLUDE (srid) FROM ${T}`,
      `SELECT srid FROM ${T} QUALIFY ROW_NUMBER() OVER (ORDER BY srid) = 1`,
      `SELECT srid FROM ${T} WHERE srid ILIKE 'A'`,
      `SELECT strftime(day, '%Y') FROM ${T}`,
      `SELECT epoch(\`at\`) FROM ${T}`,
      `SELECT list_value(1)`,
      `FROM ${T}`,
      `SELECT srid FROM \`wb.orders\``,
      `SELECT srid FROM wb.orders`,
      `SELECT at FROM ${T}`,
      `SELECT CAST(nmId AS INTEGER) FROM ${T}`,
      `SELECT DATE_TRUNC(day, QUARTER) FROM ${T}`,
      `SELECT EXTRACT(DAYOFWEEK FROM day) FROM ${T}`,
      `SELECT 1; SELECT 2`,
      `CREATE TABLE x AS SELECT 1`,
      `SELECT r'raw'`,
    ]) {
      refused(sql);
    }
  });
});

describe('scopes (granular consent)', () => {
  it('without the bigquery scope every call fails before BigQuery; requireScopes prompts, ends the execution, and the grant counts next time', () => {
    rt = installRuntime();
    rt.bigquery.addProject(P);
    bq = new AdvancedBigQuery();
    expect(failure(() => rt.run(() => bq.getDatasetLocation(P, 'wb')))).toMatchObject({ reason: 'scopeNotGranted', status: 0 });
    expect(rt.bigquery.stats.calls).toBe(0);
    const granted = () => rt.run(() => g.ScriptApp.getAuthorizationInfo(g.ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]).getAuthorizedScopes());
    expect(granted()).toEqual([]);
    let after = false;
    expect(() =>
      rt.run(() => {
        g.ScriptApp.requireScopes(g.ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]);
        after = true;
      }),
    ).toThrow('Authorization is required to perform that action.');
    expect(after).toBe(false);
    expect(rt.authPrompts).toEqual([{ user: 'seller@example.com', scopes: [BIGQUERY_SCOPE], at: expect.any(Number) }]);
    expect(granted()).toEqual([BIGQUERY_SCOPE]);
    expect(rt.run(() => bq.getDatasetLocation(P, 'wb'))).toBeNull();
    // a granted scope asks nothing
    rt.run(() => g.ScriptApp.requireScopes(g.ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]));
    expect(rt.authPrompts).toHaveLength(1);
  });

  it('a seller who closes the prompt stays without the scope; a trigger cannot prompt; simple triggers cannot call BigQuery', () => {
    rt = installRuntime();
    rt.bigquery.addProject(P);
    bq = new AdvancedBigQuery();
    rt.setConsentAnswer('deny');
    expect(() => rt.run(() => g.ScriptApp.requireScopes(g.ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]))).toThrow(/Authorization is required/);
    expect(rt.grantedScopes()).not.toContain(BIGQUERY_SCOPE);
    rt.setConsentAnswer('grant');
    expect(() => rt.run(() => g.ScriptApp.requireScopes(g.ScriptApp.AuthMode.FULL, [BIGQUERY_SCOPE]), { trigger: true })).toThrow(/Authorization is required/);
    expect(rt.grantedScopes()).not.toContain(BIGQUERY_SCOPE);
    rt.grantScopes([BIGQUERY_SCOPE]);
    expect(() => rt.run(() => g.BigQuery.Datasets.get(P, 'wb'), { authMode: 'LIMITED' })).toThrow(/You do not have permission to call BigQuery.Datasets.get/);
  });
});

describe('src/gas/scopes.ts over ScriptApp', () => {
  it('granted() reads getAuthorizationInfo with the scope list; require() prompts and ends the execution', () => {
    rt = installRuntime();
    expect(rt.run(() => appsScriptScopes.granted(BIGQUERY_SCOPE))).toBe(false);
    expect(() => rt.run(() => appsScriptScopes.requireScopes([BIGQUERY_SCOPE]))).toThrow(/Authorization is required/);
    expect(rt.run(() => appsScriptScopes.granted(BIGQUERY_SCOPE))).toBe(true);
    rt.run(() => appsScriptScopes.requireScopes([BIGQUERY_SCOPE]));
    expect(rt.authPrompts).toHaveLength(1);
  });
});

describe('DuckDB file', () => {
  it('a runtime with dbPath writes the tables to a DuckDB file another runtime can read', () => {
    const file = require('path').join(require('os').tmpdir(), `wb-bq-test-${process.pid}.duckdb`);
    const fs = require('fs');
    if (fs.existsSync(file)) fs.unlinkSync(file);
    rt = installRuntime({ bigquery: { dbPath: file } });
    rt.grantScopes([BIGQUERY_SCOPE]);
    rt.bigquery.addProject(P);
    bq = new AdvancedBigQuery();
    ordersTable();
    bq.startLoad(P, 'EU', 'f', 'wb', 'orders', FIELDS, row(1));
    waitDone('f');
    expect(count()).toBe(1);
    uninstallRuntime();
    // another runtime (the demo's reader) opens the file and finds the rows
    rt = installRuntime({ bigquery: { dbPath: file } });
    expect(rt.bigquery.rows(P, 'wb', 'orders').map((r) => r.srid)).toEqual(['s1']);
    uninstallRuntime();
    fs.unlinkSync(file);
    if (fs.existsSync(file + '.wal')) fs.unlinkSync(file + '.wal');
  });
});
