/**
 * Finance realization reports (finance-api, 13-finances.yaml); the data is built in
 * realization.ts.
 *
 * detailed: body {dateFrom, dateTo (required, RFC3339 or a date, Moscow time), limit
 * (1..100000, default 100000), rrdId (>= 0, default 0), period (weekly|daily, default
 * weekly), fields?}. Rows of the available reports whose period meets the Moscow days
 * [dateFrom, dateTo] (data from 2024-01-29), with rrdId > the given one, ascending, at
 * most `limit`; 204 with an empty body when none is left. `fields` keeps only the
 * named fields (WB's order; unknown names ignored).
 * list: {dateFrom, dateTo, limit (1..1000, default 1000), offset, period}; one item per
 * report (data from 2025-01-01), 204 when empty.
 * detailed/{reportId}: {limit, rrdId, fields}; 204 for an unknown or unavailable report.
 * list and detailed/{reportId} refuse Base keys with the spec's 403 (FORBIDDEN_BASE_TOKEN),
 * checked right after the key and before the body. Bad bodies are 400 problem+json
 * (origin open-api-finreports) and do not consume the bucket.
 */
import { FakeResponse } from '../shared/http';
import { FIN_TITLE_BY_ID, FIN_TITLE_DETAILED, FIN_TITLE_LIST, financeBadRequest, forbiddenBaseToken, noContent, okJson } from './errors';
import { Domain, Rng } from './prng';
import { DETAILED_DATA_FROM, DetailRow, LIST_DATA_FROM, Period, Realization, listItem, pick, withReportId } from './realization';
import { RequestCtx, isInt, jsonObject } from './service';
import { SellerIdentity } from './extras';
import { mskDay, parseDateFrom } from './time';

const DETAILED_FROM_DAY = mskDay(parseDateFrom(DETAILED_DATA_FROM)!.dayStart);
const LIST_FROM_DAY = mskDay(parseDateFrom(LIST_DATA_FROM)!.dayStart);
export const FINANCE_MAX_LIMIT = 100_000;
export const FINANCE_LIST_MAX_LIMIT = 1000;

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

interface Range {
  fromDay: number;
  toDay: number;
  period: Period;
}

function parseRange(body: Record<string, unknown>): Parsed<Range> {
  const days: number[] = [];
  for (const name of ['dateFrom', 'dateTo']) {
    const v = body[name];
    if (v === undefined || v === null || v === '') return { ok: false, reason: `missing ${name} params` };
    const p = typeof v === 'string' ? parseDateFrom(v) : null;
    if (!p) return { ok: false, reason: `invalid ${name} params` };
    days.push(mskDay(p.dayStart));
  }
  if (days[0] > days[1]) return { ok: false, reason: 'dateFrom is after dateTo' };
  const period = body.period ?? 'weekly';
  if (period !== 'weekly' && period !== 'daily') return { ok: false, reason: 'invalid period params' };
  return { ok: true, value: { fromDay: days[0], toDay: days[1], period } };
}

function intField(body: Record<string, unknown>, name: string, def: number, lo: number, hi: number): Parsed<number> {
  const v = body[name];
  if (v === undefined || v === null) return { ok: true, value: def };
  if (!isInt(v) || v < lo || v > hi) return { ok: false, reason: `invalid ${name} params` };
  return { ok: true, value: v };
}

function fieldsOf(body: Record<string, unknown>): Parsed<Set<string> | null> {
  const v = body.fields;
  if (v === undefined || v === null) return { ok: true, value: null };
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return { ok: false, reason: 'invalid fields params' };
  return { ok: true, value: v.length ? new Set(v as string[]) : null };
}

function isPersonalOrService(acc: unknown): boolean {
  return acc === 3 || acc === 4;
}

export class FinanceApi {
  private readonly rng: Rng;

  constructor(
    seed: number,
    private readonly realization: Realization,
    private readonly who: SellerIdentity,
  ) {
    this.rng = new Rng(seed, Domain.Finance, 0x400);
  }

  private bad(title: string, reason: string): FakeResponse {
    return financeBadRequest(title, reason, this.rng.uuid());
  }

  /** The rows of `reports` after `rrdId`, at most `limit`, as a 200 body; 204 when none. */
  private page(rows: DetailRow[], rrdId: number, limit: number, fields: Set<string> | null, headers: Record<string, string>): FakeResponse {
    const out: string[] = [];
    for (const r of rows) {
      if (r.rrdId <= rrdId) continue;
      out.push(withReportId(pick(r.fields, fields), r.idText));
      if (out.length >= limit) break;
    }
    if (!out.length) return noContent(headers);
    return okJson('[' + out.join(',') + ']', headers);
  }

  detailed(ctx: RequestCtx): FakeResponse {
    const T = FIN_TITLE_DETAILED;
    const body = jsonObject(ctx.payload);
    if (!body) return this.bad(T, 'invalid request body');
    const range = parseRange(body);
    if (!range.ok) return this.bad(T, range.reason);
    const limit = intField(body, 'limit', FINANCE_MAX_LIMIT, 1, FINANCE_MAX_LIMIT);
    if (!limit.ok) return this.bad(T, limit.reason);
    const rrdId = intField(body, 'rrdId', 0, 0, Number.MAX_SAFE_INTEGER);
    if (!rrdId.ok) return this.bad(T, rrdId.reason);
    const fields = fieldsOf(body);
    if (!fields.ok) return this.bad(T, fields.reason);
    const taken = ctx.take('financeDetailed');
    if ('status' in taken) return taken;
    if (!ctx.mine) return noContent(taken.headers);
    const { fromDay, toDay, period } = range.value;
    const rows: DetailRow[] = [];
    for (const meta of this.realization.reports(period, Math.max(fromDay, DETAILED_FROM_DAY), toDay)) {
      for (const r of this.realization.rows(meta)) rows.push(r);
    }
    return this.page(rows, rrdId.value, limit.value, fields.value, taken.headers);
  }

  list(ctx: RequestCtx): FakeResponse {
    if (!isPersonalOrService(ctx.acc)) return forbiddenBaseToken(ctx.nowMs, ctx.ids);
    const T = FIN_TITLE_LIST;
    const body = jsonObject(ctx.payload);
    if (!body) return this.bad(T, 'invalid request body');
    const range = parseRange(body);
    if (!range.ok) return this.bad(T, range.reason);
    const limit = intField(body, 'limit', FINANCE_LIST_MAX_LIMIT, 1, FINANCE_LIST_MAX_LIMIT);
    if (!limit.ok) return this.bad(T, limit.reason);
    const offset = intField(body, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    if (!offset.ok) return this.bad(T, offset.reason);
    const taken = ctx.take('financeList');
    if ('status' in taken) return taken;
    if (!ctx.mine) return noContent(taken.headers);
    const { fromDay, toDay, period } = range.value;
    const items = this.realization
      .reports(period, Math.max(fromDay, LIST_FROM_DAY), toDay)
      .slice(offset.value, offset.value + limit.value)
      .map((meta) => listItem(meta, this.realization.rows(meta), this.who));
    if (!items.length) return noContent(taken.headers);
    return okJson('[' + items.map((i) => withReportId(i.fields, i.idText)).join(',') + ']', taken.headers);
  }

  byId(ctx: RequestCtx, rawId: string): FakeResponse {
    if (!isPersonalOrService(ctx.acc)) return forbiddenBaseToken(ctx.nowMs, ctx.ids);
    const T = FIN_TITLE_BY_ID;
    if (!/^\d{1,19}$/.test(rawId) || BigInt(rawId) > BigInt('9223372036854775807')) return this.bad(T, 'invalid reportId params');
    const body = jsonObject(ctx.payload);
    if (!body) return this.bad(T, 'invalid request body');
    const limit = intField(body, 'limit', FINANCE_MAX_LIMIT, 1, FINANCE_MAX_LIMIT);
    if (!limit.ok) return this.bad(T, limit.reason);
    const rrdId = intField(body, 'rrdId', 0, 0, Number.MAX_SAFE_INTEGER);
    if (!rrdId.ok) return this.bad(T, rrdId.reason);
    const fields = fieldsOf(body);
    if (!fields.ok) return this.bad(T, fields.reason);
    const taken = ctx.take('financeById');
    if ('status' in taken) return taken;
    const meta = ctx.mine ? this.realization.byId(BigInt(rawId).toString()) : null;
    if (!meta || meta.createDay < LIST_FROM_DAY) return noContent(taken.headers);
    return this.page(this.realization.rows(meta), rrdId.value, limit.value, fields.value, taken.headers);
  }
}
