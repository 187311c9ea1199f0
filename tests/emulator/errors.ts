/**
 * WB error texts and bodies (wb-api.md §2; samples in wb-samples/error-*.json).
 * Every text lives here once so tests and the lead can import it.
 */
import { FakeResponse } from '../shared/http';
import { Rng } from './prng';
import { fmtUtcZ } from './time';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json';

/** 401 detail prefix for an undecodable key (spec example; golang-jwt v5 wording). */
export const DETAIL_MALFORMED_PREFIX = 'token problem; token is malformed: ';
/** 401 detail for a missing or empty Authorization header (the empty token has one segment). */
export const DETAIL_MISSING = DETAIL_MALFORMED_PREFIX + 'token contains an invalid number of segments';
/** 401 detail for an expired key. UNCONFIRMED text (golang-jwt v5 itself would say "token has invalid claims: token is expired"). */
export const DETAIL_EXPIRED = 'token problem; token is expired';
/** 401 detail for a key without the host's category, a test key on a prod host, or a prod key on a sandbox host. */
export const DETAIL_SCOPE = 'token scope not allowed';
/** 401 detail for a well-formed key WB did not sign (payload edited, or issued by another emulator seed). Invented (golang-jwt v5 ES256 wording). */
export const DETAIL_BAD_SIGNATURE = 'token problem; token signature is invalid: crypto/ecdsa: verification error';

export const TITLE_UNAUTHORIZED = 'unauthorized';
export const TITLE_TOO_MANY = 'too many requests';
export const AUTH_ORIGIN = 's2s-api-auth-catalog';

/** 400 `errors` (orders/sales): array form for a missing parameter, string form for a bad value. */
export const ERR_DATEFROM_REQUIRED = 'dateFrom: field required';
export const ERR_DATEFROM_INVALID = 'dateFrom: Value not validated';
/** Invented by analogy (the spec shows only dateFrom errors). */
export const ERR_FLAG_INVALID = 'flag: Value not validated';

export const TITLE_PATH_NOT_FOUND = 'path not found';
export const DETAIL_PATH_NOT_FOUND = 'Please consult the https://dev.wildberries.ru/openapi/api-information';
export const STATISTICS_ORIGIN = 'ag-statistics';
export function deprecatedDetail(releaseNoteId: number): string {
  return `This method is deprecated. Link: https://dev.wildberries.ru/release-notes?id=${releaseNoteId}`;
}

/** Random-looking ids for error bodies, from a seeded stream. */
export class ErrorIds {
  constructor(private readonly rng: Rng) {}
  requestId(): string {
    return this.rng.hex(32);
  }
  private uk(): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < 11; i++) s += abc[this.rng.u32() % abc.length];
    return s;
  }
  code401(): string {
    return `07e4668e--${this.rng.hex(12)}-[UK-${this.uk()}]; 03bce=277; 84bd353bf-75`;
  }
  code429(): string {
    return `07e4668e-${this.rng.hex(12)}-[UK-${this.uk()}]`;
  }
}

function respond(status: number, body: unknown, contentType: string, extra: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'Content-Type': contentType, ...extra }, body: JSON.stringify(body, null, 0) };
}

export function unauthorized(detail: string, nowMs: number, ids: ErrorIds): FakeResponse {
  return respond(
    401,
    {
      title: TITLE_UNAUTHORIZED,
      detail,
      code: ids.code401(),
      requestId: ids.requestId(),
      origin: AUTH_ORIGIN,
      status: 401,
      statusText: 'Unauthorized',
      timestamp: fmtUtcZ(nowMs),
    },
    PROBLEM_TYPE,
  );
}

/** 429 with the rate-limit headers (names as in error-429.headers.txt). */
export function tooManyRequests(
  limitedBy: string,
  retrySec: number,
  burst: number,
  resetSec: number,
  nowMs: number,
  ids: ErrorIds,
): FakeResponse {
  return respond(
    429,
    {
      title: TITLE_TOO_MANY,
      detail: `limited by ${limitedBy}`,
      code: ids.code429(),
      requestId: ids.requestId(),
      origin: AUTH_ORIGIN,
      status: 429,
      statusText: 'Too Many Requests',
      timestamp: fmtUtcZ(nowMs),
    },
    PROBLEM_TYPE,
    {
      'X-Ratelimit-Retry': String(retrySec),
      'X-Ratelimit-Limit': String(burst),
      'X-Ratelimit-Reset': String(resetSec),
    },
  );
}

/** 400 of orders/sales. The spec declares application/json here (not problem+json). */
export function badRequest(errors: string[] | string): FakeResponse {
  return respond(400, { errors }, JSON_TYPE);
}

/** 404 for removed or unknown paths (error-404-path.json: no requestId, this key order). */
export function pathNotFound(origin: string): FakeResponse {
  return respond(
    404,
    { title: TITLE_PATH_NOT_FOUND, detail: DETAIL_PATH_NOT_FOUND, origin, status: 404, statusText: 'Not Found' },
    PROBLEM_TYPE,
  );
}

/** 404 for switched-off methods (error-404-deprecated.json). */
export function deprecated(releaseNoteId: number, ids: ErrorIds): FakeResponse {
  return respond(
    404,
    {
      status: 404,
      statusText: 'Not Found',
      title: 'Not Found',
      detail: deprecatedDetail(releaseNoteId),
      requestId: ids.requestId(),
      origin: STATISTICS_ORIGIN,
    },
    PROBLEM_TYPE,
  );
}

export function okJson(body: string, extra: Record<string, string> = {}): FakeResponse {
  return { status: 200, headers: { 'Content-Type': JSON_TYPE, ...extra }, body };
}
