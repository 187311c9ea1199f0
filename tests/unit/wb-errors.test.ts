import * as fs from 'fs';
import * as path from 'path';
import { errorFromResponse, retryAfterMs } from '../../src/wb/errors';
import { parseRowArray } from '../../src/wb/json';

const samples = path.resolve(__dirname, '../../../shared/wb-samples');
const read = (f: string) => fs.readFileSync(path.join(samples, f), 'utf8');

describe('WB error bodies', () => {
  it('classifies 401 malformed and 401 scope', () => {
    expect(errorFromResponse(401, {}, read('error-401.json')).kind).toBe('unauthorized');
    const scope = errorFromResponse(401, {}, read('error-401-scope.json'));
    expect(scope.kind).toBe('scope');
    expect(scope.detail).toBe('token scope not allowed');
  });
  it('reads 429 retry headers', () => {
    const e = errorFromResponse(429, { 'X-Ratelimit-Retry': '58', 'X-Ratelimit-Limit': '1' }, read('error-429.json'));
    expect(e.kind).toBe('rate');
    expect(e.retryAfterMs).toBe(58000);
    expect(retryAfterMs({ 'retry-after': '7' })).toBe(7000);
    expect(retryAfterMs({})).toBeNull();
  });
  it('reads 400 with errors as array or string', () => {
    expect(errorFromResponse(400, {}, read('error-400.json')).detail).toBe('dateFrom: field required');
    expect(errorFromResponse(400, {}, '{"errors":"dateFrom: Value not validated"}').detail).toBe('dateFrom: Value not validated');
  });
  it('treats removed methods as gone', () => {
    expect(errorFromResponse(404, {}, read('error-404-deprecated.json')).kind).toBe('gone');
    expect(errorFromResponse(404, {}, read('error-404-path.json')).kind).toBe('gone');
  });
  it('5xx with an HTML body is a server error', () => {
    expect(errorFromResponse(502, {}, '<html>Bad gateway</html>').kind).toBe('server');
  });
});

describe('parseRowArray', () => {
  it('parses the sample bodies', () => {
    expect(parseRowArray(read('orders.json'), 200)).toHaveLength(4);
    expect(parseRowArray(read('sales.json'), 200)).toHaveLength(5);
    expect(parseRowArray('[]', 200)).toEqual([]);
  });
  it('never repairs a truncated or HTML body', () => {
    const body = read('sales.json');
    expect(() => parseRowArray(body.slice(0, body.length - 40), 200)).toThrow(expect.objectContaining({ kind: 'bad_body' }));
    expect(() => parseRowArray('<html><body>502</body></html>', 200)).toThrow(expect.objectContaining({ kind: 'bad_body' }));
    expect(() => parseRowArray('', 200)).toThrow(expect.objectContaining({ kind: 'bad_body' }));
    expect(() => parseRowArray('{"data":[]}', 200)).toThrow(expect.objectContaining({ kind: 'bad_body' }));
  });
});
