/**
 * The async warehouse remains report (seller-analytics-api, 12-reports.yaml):
 * create a task, poll its status, download the report.
 *
 * A task belongs to the seller that created it (another seller's key gets 404). Its
 * report is the stock as it stood when the task was created. Timing from creation:
 * `new` for TASK_NEW_MS (3 s), then `processing`, `done` 20-90 s after creation
 * (seeded), `purged` TASK_PURGE_AFTER_MS (3 h) after done; `canceled` never happens.
 * Download answers 200 with the items, 204 when there are none (a seller with no
 * stock, or filters that leave nothing), 400 DETAIL_TASK_NOT_DONE unless the task is
 * `done` (the spec is silent there), 404 for an unknown task. Malformed query values
 * and task ids are 400 and do not consume the bucket; everything else does.
 */
import { FakeResponse } from '../shared/http';
import { DETAIL_BAD_LOCALE, DETAIL_TASK_NOT_DONE, analyticsBadRequest, analyticsNotFound, detailBadQueryParam, detailBadTaskId, noContent, okJson } from './errors';
import type { SellerData } from './generator';
import { Domain, Rng } from './prng';
import { RequestCtx, goBool } from './service';
import { REMAINS_LOCALES, RemainsLocale, RemainsQuery, remainsReport } from './stock';
import { HOUR } from './time';

export const TASK_NEW_MS = 3_000;
export const TASK_DONE_MIN_MS = 20_000;
export const TASK_DONE_MAX_MS = 90_000;
export const TASK_PURGE_AFTER_MS = 3 * HOUR;

export type TaskStatus = 'new' | 'processing' | 'done' | 'purged' | 'canceled';

interface Task {
  id: string;
  sid: string;
  createdAt: number;
  doneAt: number;
  /** the report's JSON text; null = no data (204) */
  body: string | null;
}

const HEX_RE = /^[0-9a-fA-F]+$/;

/** google/uuid.Parse: the canonical lower-case form, or the reason it fails. */
export function parseUuid(text: string): { ok: true; id: string } | { ok: false; reason: string } {
  let s = text;
  switch (s.length) {
    case 36:
      break;
    case 38:
      if (s[0] !== '{' || s[37] !== '}') return { ok: false, reason: 'invalid UUID format' };
      s = s.slice(1, 37);
      break;
    case 45:
      if (s.slice(0, 9).toLowerCase() !== 'urn:uuid:') return { ok: false, reason: `invalid urn prefix: "${s.slice(0, 9)}"` };
      s = s.slice(9);
      break;
    case 32:
      if (!HEX_RE.test(s)) return { ok: false, reason: 'invalid UUID format' };
      s = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
      break;
    default:
      return { ok: false, reason: `invalid UUID length: ${text.length}` };
  }
  if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') return { ok: false, reason: 'invalid UUID format' };
  const hex = s.slice(0, 8) + s.slice(9, 13) + s.slice(14, 18) + s.slice(19, 23) + s.slice(24);
  if (!HEX_RE.test(hex)) return { ok: false, reason: 'invalid UUID format' };
  return { ok: true, id: s.toLowerCase() };
}

const BOOL_PARAMS = ['groupByBrand', 'groupBySubject', 'groupBySa', 'groupByNm', 'groupByBarcode', 'groupBySize'] as const;

export class RemainsTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly rng: Rng;

  constructor(
    private readonly seed: number,
    private readonly data: SellerData,
  ) {
    this.rng = new Rng(seed, Domain.Task);
  }

  static status(task: { createdAt: number; doneAt: number }, t: number): TaskStatus {
    if (t < task.createdAt + TASK_NEW_MS) return 'new';
    if (t < task.doneAt) return 'processing';
    if (t < task.doneAt + TASK_PURGE_AFTER_MS) return 'done';
    return 'purged';
  }

  /** Truth for tests: a task's timing (epoch ms) and owner. */
  task(id: string): { id: string; sid: string; createdAt: number; doneAt: number; purgedAt: number } | null {
    const t = this.tasks.get(id.toLowerCase());
    return t ? { id: t.id, sid: t.sid, createdAt: t.createdAt, doneAt: t.doneAt, purgedAt: t.doneAt + TASK_PURGE_AFTER_MS } : null;
  }

  create(ctx: RequestCtx): FakeResponse {
    const q: RemainsQuery = {
      groupByBrand: false,
      groupBySubject: false,
      groupBySa: false,
      groupByNm: false,
      groupByBarcode: false,
      groupBySize: false,
      filterPics: 0,
      filterVolume: 0,
      locale: 'ru',
    };
    const locale = ctx.params.get('locale');
    if (locale !== null) {
      // kin-openapi's enum check, as in the spec's LocaleError example (an empty value included).
      if (locale === '') return analyticsBadRequest(detailBadQueryParam('locale', '', 'integer'), ctx.ids);
      if (!(REMAINS_LOCALES as string[]).includes(locale)) return analyticsBadRequest(DETAIL_BAD_LOCALE, ctx.ids);
      q.locale = locale as RemainsLocale;
    }
    for (const name of BOOL_PARAMS) {
      const v = ctx.params.get(name);
      if (v === null) continue;
      const b = goBool(v);
      if (b === null) return analyticsBadRequest(detailBadQueryParam(name, v, 'boolean'), ctx.ids);
      q[name] = b;
    }
    for (const name of ['filterPics', 'filterVolume'] as const) {
      const v = ctx.params.get(name);
      if (v === null) continue;
      if (!/^[+-]?\d+$/.test(v)) return analyticsBadRequest(detailBadQueryParam(name, v, 'integer'), ctx.ids);
      q[name] = Number(v);
    }
    const taken = ctx.take('remainsCreate');
    if ('status' in taken) return taken;
    const id = this.rng.uuid();
    const doneAt = ctx.nowMs + this.rng.int(TASK_DONE_MIN_MS / 1000, TASK_DONE_MAX_MS / 1000) * 1000;
    const items = ctx.mine ? remainsReport(this.data, this.seed, q) : [];
    this.tasks.set(id, { id, sid: ctx.sid, createdAt: ctx.nowMs, doneAt, body: items.length ? JSON.stringify(items) : null });
    return okJson(JSON.stringify({ data: { taskId: id } }), taken.headers);
  }

  private find(ctx: RequestCtx, rawId: string, route: 'remainsStatus' | 'remainsDownload'): FakeResponse | { task: Task; headers: Record<string, string> } {
    const parsed = parseUuid(rawId);
    if (!parsed.ok) return analyticsBadRequest(detailBadTaskId(rawId, parsed.reason), ctx.ids);
    const taken = ctx.take(route);
    if ('status' in taken) return taken;
    const task = this.tasks.get(parsed.id);
    if (!task || task.sid !== ctx.sid) return analyticsNotFound(ctx.ids);
    return { task, headers: taken.headers };
  }

  status(ctx: RequestCtx, rawId: string): FakeResponse {
    const r = this.find(ctx, rawId, 'remainsStatus');
    if ('status' in r) return r;
    return okJson(JSON.stringify({ data: { id: r.task.id, status: RemainsTasks.status(r.task, ctx.nowMs) } }), r.headers);
  }

  download(ctx: RequestCtx, rawId: string): FakeResponse {
    const r = this.find(ctx, rawId, 'remainsDownload');
    if ('status' in r) return r;
    if (RemainsTasks.status(r.task, ctx.nowMs) !== 'done') return analyticsBadRequest(DETAIL_TASK_NOT_DONE, ctx.ids);
    if (r.task.body === null) return noContent(r.headers);
    return okJson(r.task.body, r.headers);
  }
}
