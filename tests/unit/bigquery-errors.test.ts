/**
 * AdvancedBigQuery turns the advanced service's exceptions into BqFailure(reason, status,
 * BigQuery's message) whatever shape they come in, and lets everything else through.
 */
import { AdvancedBigQuery, toBqFailure } from '../../src/gas/bigquery';
import { BqFailure } from '../../src/gas/bigquery-port';

function apiError(method: string, message: string, details?: unknown): Error {
  const e = new Error(`API call to bigquery.${method} failed with error: ${message}`);
  e.name = 'GoogleJsonResponseException';
  if (details !== undefined) (e as unknown as { details: unknown }).details = details;
  return e;
}

function throwing(e: unknown) {
  const fail = () => {
    throw e;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { Datasets: { get: fail, insert: fail }, Tables: { get: fail, insert: fail, patch: fail }, Jobs: { get: fail, insert: fail, query: fail, getQueryResults: fail } } as any;
}

describe('toBqFailure', () => {
  it('reads reason and status from details (the REST error body)', () => {
    const f = toBqFailure(
      apiError('jobs.insert', 'Already Exists: Job p:EU.j1', { code: 409, message: 'Already Exists: Job p:EU.j1', errors: [{ reason: 'duplicate', domain: 'global', message: 'Already Exists: Job p:EU.j1' }] }),
    );
    expect(f).toBeInstanceOf(BqFailure);
    expect([f!.reason, f!.status, f!.message]).toEqual(['duplicate', 409, 'Already Exists: Job p:EU.j1']);
  });

  it('keeps only BigQuery\'s text: no "API call to ..." prefix, nothing of the request', () => {
    const f = toBqFailure(apiError('datasets.get', 'Not found: Dataset p:wb', { code: 404, message: 'Not found: Dataset p:wb', errors: [{ reason: 'notFound' }] }))!;
    expect(f.message).toBe('Not found: Dataset p:wb');
    expect(f.message).not.toMatch(/API call/);
  });

  it('without details, takes the reason from the message text', () => {
    const cases: [string, string, number][] = [
      ['Not found: Table p:wb.orders', 'notFound', 404],
      ['Already Exists: Dataset p:wb', 'duplicate', 409],
      ['Access Denied: Project p: User does not have bigquery.jobs.create permission in project p.', 'accessDenied', 403],
      ['Access Not Configured. BigQuery API has not been used in project 12 before or it is disabled.', 'accessNotConfigured', 403],
      ['Quota exceeded: Your table exceeded quota for imports or query appends per table.', 'quotaExceeded', 403],
      ['Exceeded rate limits: too many table update operations for this table.', 'rateLimitExceeded', 403],
      ['Billing has not been enabled for this project. DML queries are not allowed in the free tier.', 'billingNotEnabled', 403],
      ['Syntax error: Unexpected keyword AT at [1:8]', 'invalidQuery', 400],
      ['Something new', 'unknown', 0],
    ];
    for (const [text, reason, status] of cases) {
      const f = toBqFailure(apiError('jobs.query', text))!;
      expect([text, f.reason, f.status, f.message]).toEqual([text, reason, status, text]);
    }
    // the exception's toString form, as some runtimes show it
    expect(toBqFailure(new Error('GoogleJsonResponseException: API call to bigquery.tables.get failed with error: Not found: Table p:d.t'))).toMatchObject({
      reason: 'notFound',
      message: 'Not found: Table p:d.t',
    });
  });

  it('details with a numeric-string code or no errors[] still map', () => {
    expect(toBqFailure(apiError('jobs.get', 'Not found: Job p:EU.x', { code: '404', message: 'Not found: Job p:EU.x' }))).toMatchObject({ reason: 'notFound', status: 404 });
  });

  it('a missing scope is scopeNotGranted (status 0); a time limit or a bug is not a BqFailure', () => {
    expect(toBqFailure(new Error('You do not have permission to call BigQuery.Datasets.get. Required permissions: https://www.googleapis.com/auth/bigquery'))).toMatchObject({
      reason: 'scopeNotGranted',
      status: 0,
    });
    expect(toBqFailure(new Error('Exceeded maximum execution time'))).toBeNull();
    expect(toBqFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeNull();
  });
});

describe('AdvancedBigQuery', () => {
  it('answers null for a missing dataset, table or job, and throws BqFailure for anything else', () => {
    const notFound = (what: string) => apiError('x.get', `Not found: ${what}`, { code: 404, message: `Not found: ${what}`, errors: [{ reason: 'notFound' }] });
    expect(new AdvancedBigQuery(throwing(notFound('Dataset p:wb'))).getDatasetLocation('p', 'wb')).toBeNull();
    expect(new AdvancedBigQuery(throwing(notFound('Table p:wb.t'))).getTableFields('p', 'wb', 't')).toBeNull();
    expect(new AdvancedBigQuery(throwing(notFound('Dataset p:wb'))).getTableFields('p', 'wb', 't')).toBeNull();
    expect(new AdvancedBigQuery(throwing(notFound('Job p:EU.j'))).getJob('p', 'EU', 'j')).toBeNull();
    // a missing project is not a missing dataset
    expect(() => new AdvancedBigQuery(throwing(notFound('Project p'))).getDatasetLocation('p', 'wb')).toThrow(BqFailure);
    const denied = apiError('datasets.get', 'Access Denied: Project p', { code: 403, message: 'Access Denied: Project p', errors: [{ reason: 'accessDenied' }] });
    expect(() => new AdvancedBigQuery(throwing(denied)).getDatasetLocation('p', 'wb')).toThrow(BqFailure);
    const timeout = new Error('Exceeded maximum execution time');
    let thrown: unknown;
    try {
      new AdvancedBigQuery(throwing(timeout)).getJob('p', 'EU', 'j');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(timeout);
  });
});
