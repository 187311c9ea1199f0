/** Builds JWT-shaped strings for unit tests (the emulator makes realistic ones for integration tests). */
export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function makeJwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', kid: '20250925v1', typ: 'JWT' }): string {
  return b64url(JSON.stringify(header)) + '.' + b64url(JSON.stringify(payload)) + '.' + 'k'.repeat(40) + 'Qz_-9';
}

export function wbPayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ent: 1,
    exp: Math.floor(Date.UTC(2027, 4, 1) / 1000),
    id: '0193c7a2-1111-7000-8000-000000000001',
    iid: 12345678,
    oid: 4242,
    s: (1 << 5) | (1 << 30),
    sid: 'a1b2c3d4-0000-4000-8000-00000000beef',
    t: false,
    uid: 777,
    acc: 3,
    ...over,
  };
}
