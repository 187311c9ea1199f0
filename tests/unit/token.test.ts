import { decodeKey, maskKey, normalizeKeyInput, KeyFormatError, Category, hasCategory } from '../../src/wb/token';
import { makeJwt, wbPayload } from './jwt-helper';

describe('normalizeKeyInput forgives paste errors', () => {
  const key = makeJwt(wbPayload());
  it.each([
    ['spaces', '  ' + key + '  '],
    ['double quotes', '"' + key + '"'],
    ['single quotes', "'" + key + "'"],
    ['Bearer prefix', 'Bearer ' + key],
    ['bearer with quotes', '"Bearer ' + key + '"'],
    ['line break inside', key.slice(0, 30) + '\n' + key.slice(30)],
    ['trailing newline', key + '\r\n'],
    ['guillemets', '«' + key + '»'],
  ])('%s', (_name, raw) => {
    expect(normalizeKeyInput(raw)).toBe(key);
  });
});

describe('decodeKey', () => {
  it('reads type, categories, expiry, sandbox and seller', () => {
    const info = decodeKey(makeJwt(wbPayload({ s: (1 << 5) | (1 << 2) | (1 << 13) | (1 << 30), acc: 1, t: false })));
    expect(info.type).toBe('base');
    expect(info.categories).toEqual([2, 5, 13]);
    expect(info.readOnly).toBe(true);
    expect(info.sandbox).toBe(false);
    expect(info.expiresAt).toBe(Date.UTC(2027, 4, 1));
    expect(info.sellerId).toBe('a1b2c3d4-0000-4000-8000-00000000beef');
    expect(hasCategory(info, Category.Statistics)).toBe(true);
  });

  it('knows all four key types and the sandbox flag', () => {
    expect(decodeKey(makeJwt(wbPayload({ acc: 2, t: true }))).sandbox).toBe(true);
    expect(decodeKey(makeJwt(wbPayload({ acc: 2 }))).type).toBe('test');
    expect(decodeKey(makeJwt(wbPayload({ acc: 3 }))).type).toBe('personal');
    expect(decodeKey(makeJwt(wbPayload({ acc: 4 }))).type).toBe('service');
    expect(decodeKey(makeJwt(wbPayload({ acc: undefined }))).type).toBe('unknown');
  });

  it.each([
    ['empty', '', 'empty'],
    ['words', 'hello world', 'not_jwt'],
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.eyJzIjoxfQ', 'not_jwt'],
    ['bad base64', 'eyJhbGciOiJIUzI1NiJ9.%%%%.abc', 'not_jwt'],
    ['payload not json', 'eyJhbGciOiJIUzI1NiJ9.aGVsbG8.abc', 'not_jwt'],
  ])('refuses %s', (_n, key, problem) => {
    expect(() => decodeKey(key)).toThrow(KeyFormatError);
    try {
      decodeKey(key);
    } catch (e) {
      expect((e as KeyFormatError).problem).toBe(problem);
    }
  });

  it('refuses a JWT that is not a WB key', () => {
    const google = makeJwt({ iss: 'accounts.google.com', sub: '123', exp: 2000000000 }, { alg: 'RS256' });
    expect(() => decodeKey(google)).toThrow(expect.objectContaining({ problem: 'not_wb' }));
  });

  it('recognises the pre-2023 format', () => {
    expect(() => decodeKey(makeJwt({ acsessID: 'abc' }))).toThrow(expect.objectContaining({ problem: 'old_format' }));
  });

  it('masks all but the last four characters', () => {
    const key = makeJwt(wbPayload());
    const masked = maskKey(key);
    expect(masked.endsWith(key.slice(-4))).toBe(true);
    expect(masked).not.toContain(key.slice(0, 10));
  });
});
