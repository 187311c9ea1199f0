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

// ---- Analytics (seller-analytics-api, 12-reports.yaml: 4xxResponse) ----

/** `origin` of the analytics report errors (all spec examples). */
export const ANALYTICS_ORIGIN = 'api-statistics';
/** 404 of status/download for an unknown task, or a task of another seller (spec example). */
export const DETAIL_TASK_NOT_FOUND = 'not found';
/**
 * Download of a task that is not `done` (new, processing, purged). The spec is silent:
 * 400 with this detail is the emulator's choice (invented text).
 */
export const DETAIL_TASK_NOT_DONE = 'task is not done';
/** 400 detail for a bad task_id: google/uuid's error after oapi-codegen's prefix (spec examples). */
export function detailBadTaskId(id: string, reason: string): string {
  return `Invalid format for parameter task_id: error unmarshaling '${id}' text as *uuid.UUID: ${reason}`;
}
/** 400 detail for a bad query parameter (kin-openapi wording; the spec shows the empty-value one). */
export function detailBadQueryParam(name: string, value: string, kind: 'boolean' | 'integer'): string {
  if (value === '') return `parameter "${name}" in query has an error: empty value is not allowed`;
  return `parameter "${name}" in query has an error: value ${value}: an invalid ${kind}: invalid syntax`;
}

/** 400 detail for a locale outside the enum (the spec's LocaleError example). */
export const DETAIL_BAD_LOCALE = 'parameter "locale" in query has an error: value is not one of the allowed values ["ru","en","zh"]';

/** 400 of the analytics reports: application/json as the spec declares, keys as in its examples. */
export function analyticsBadRequest(detail: string, ids: ErrorIds): FakeResponse {
  return respond(400, { detail, origin: ANALYTICS_ORIGIN, requestId: ids.requestId(), title: 'Bad Request' }, JSON_TYPE);
}

export function analyticsNotFound(ids: ErrorIds): FakeResponse {
  return respond(404, { detail: DETAIL_TASK_NOT_FOUND, origin: ANALYTICS_ORIGIN, requestId: ids.requestId(), title: 'Not Found' }, PROBLEM_TYPE);
}

// ---- Supplies (supplies-api, 07-orders-fbw.yaml: models.ErrorModel) ----

export const SUPPLY_ORIGIN = 'supply-api';
export const ERR_SUPPLY_LIMIT = 'Неверный формат limit';
export const ERR_SUPPLY_OFFSET = 'Неверный формат offset';
export const ERR_SUPPLY_IS_PREORDER = 'Неверный формат isPreorderID';
export const ERR_SUPPLY_PATH_ID = 'неверный формат id (должен быть int64)';
export const ERR_SUPPLY_ID_RANGE = 'id выходит за рамки int64';
export const ERR_SUPPLY_TYPE = "Выберите значение параметра 'Type' из списка: 'factDate createDate supplyDate updatedDate'";
/** Goods of an unknown supply: the spec answers 400 (BadSupplyIDItems), not 404. */
export const ERR_SUPPLY_GOODS_NOT_FOUND = 'fail to get box barcodes info: fail to get barcodes info: internal error: get supply by id: Поставка не найдена';
/** A body that is not a JSON object. Invented text (the spec shows none). */
export const ERR_SUPPLY_BODY = 'Неверный формат тела запроса';
export function errSupplyStatusIds(index: number): string {
  return `Выберите значение параметра 'StatusIDs[${index}]' из списка: '1 2 3 4 5 6'`;
}
export function errSupplyDate(value: string): string {
  return `ошибка при считывании даты "${value}". Дата должна быть в формате ISO Date: 2006-01-02`;
}
export function errPreorderSearch(preorderId: string, supplyId: number): string {
  return `fail to get supply details: по заказу ${preorderId} найдена поставка ${supplyId}. Используйте поиск по ID поставки`;
}
export function errSupplyNotFound(id: string): string {
  return `поставка ${id} не найдена`;
}

/** models.ErrorModel; the goods method declares 'text/plain; charset=utf-8' for its 400. */
export function suppliesError(status: 400 | 404, detail: string, ids: ErrorIds, contentType = JSON_TYPE): FakeResponse {
  return respond(status, { status, title: status === 400 ? 'bad request' : 'not found', detail, requestId: ids.requestId(), origin: SUPPLY_ORIGIN }, contentType);
}

// ---- Finance (finance-api, 13-finances.yaml) ----

export const FINANCE_ORIGIN = 'open-api-finreports';
/** `title` of 400 for sales-reports/detailed (spec example). */
export const FIN_TITLE_DETAILED = 'GetReportDetailByPeriodNB decode error';
/** `title` of 400 for sales-reports/list and detailed/{reportId}. Invented by analogy. */
export const FIN_TITLE_LIST = 'GetSalesReportsList decode error';
export const FIN_TITLE_BY_ID = 'GetReportDetailByID decode error';
/** `${title}: missing dateTo params` is the spec's example; the other reasons are invented in the same form. */
export function finDetail(title: string, reason: string): string {
  return `${title}: ${reason}`;
}

/** 400 response400FinancialReports: problem+json, keys in the schema's order, uuid requestId. */
export function financeBadRequest(title: string, reason: string, requestId: string): FakeResponse {
  return respond(400, { status: 400, title, detail: finDetail(title, reason), requestId, origin: FINANCE_ORIGIN }, PROBLEM_TYPE);
}

/**
 * A Base key on sales-reports/list or detailed/{reportId} ("x-token-types: personal,
 * service"): 403 exactly as the spec's example (13-finances.yaml components/responses/403).
 */
export const FORBIDDEN_BASE_TOKEN = {
  status: 403,
  title: 'forbidden',
  detail: 'base token is not allowed',
  code: 'base token is not allowed for this path',
  origin: 's2s-finance',
} as const;

export function forbiddenBaseToken(nowMs: number, ids: ErrorIds): FakeResponse {
  const f = FORBIDDEN_BASE_TOKEN;
  return respond(
    403,
    { title: f.title, detail: f.detail, code: f.code, requestId: ids.requestId(), origin: f.origin, status: 403, statusText: 'Forbidden', timestamp: fmtUtcZ(nowMs) },
    PROBLEM_TYPE,
  );
}

/** 204 No Content: no body, no Content-Type. */
export function noContent(extra: Record<string, string> = {}): FakeResponse {
  return { status: 204, headers: { ...extra }, body: '' };
}
