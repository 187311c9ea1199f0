/**
 * Paid storage and acceptance (seller-analytics-api, 12-reports.yaml): async tasks like
 * warehouse_remains — create with dateFrom/dateTo, poll the status, download.
 *
 * - Paid storage (`/api/v1/paid_storage`): at most 8 days between dateFrom and dateTo.
 *   One row per day, WB warehouse and barcode the seller had stock on at the end of that
 *   day (end-of-day stock, generator.ts): `warehousePrice` = units × the article's daily
 *   rate (kopecks per unit, seeded) / 100. Only days that have ended are charged.
 * - Acceptance (`/api/v1/acceptance_report`): at most 31 days. One row per supply and
 *   article accepted in the period (`shkCreateDate`, Moscow day of acceptance): count =
 *   units accepted, `total` = count × the article's acceptance rate.
 *
 * dateTo must be after dateFrom (the spec's DateRanges: "dateTo should be greater
 * dateFrom"). Both reports are what the data says when the task is created. Timing and
 * errors as warehouse_remains (remains.ts): 400 for malformed input (no bucket), 404 for
 * an unknown or another seller's task, 400 "task is not done" before done, 204 when empty.
 */
import { FakeResponse } from '../shared/http';
import { WAREHOUSES } from './catalog';
import { DETAIL_TASK_NOT_DONE, analyticsBadRequest, analyticsNotFound, detailBadTaskId, noContent, okJson } from './errors';
import type { SellerData } from './generator';
import { Domain, Rng, hash32 } from './prng';
import { parseUuid, RemainsTasks, TASK_DONE_MAX_MS, TASK_DONE_MIN_MS } from './remains';
import { LimitedRoute } from './buckets';
import { RequestCtx } from './service';
import { DAY, fmtDay, mskDay, parseDateFrom } from './time';

export type PaidKind = 'storage' | 'acceptance';

export const PAID_MAX_DAYS: Record<PaidKind, number> = { storage: 8, acceptance: 31 };
export const DETAIL_RANGE: Record<PaidKind, string> = {
  storage: 'Difference between dateFrom and dateTo should be less or equal 8 days',
  acceptance: 'difference between dateFrom and dateTo should be less or equal 31 days',
};
export const DETAIL_DATE_ORDER = 'dateTo should be greater dateFrom';
export function detailMissingDate(name: string): string {
  return `parameter "${name}" in query has an error: value is required but missing`;
}
export function detailBadDate(name: string): string {
  return `parameter "${name}" in query has an error: incorrect date format`;
}

const SALT = 0x57a6;

interface Task {
  id: string;
  sid: string;
  createdAt: number;
  doneAt: number;
  body: string | null;
}

/** An article's paid storage per unit and day (kopecks), and its acceptance per unit (kopecks). */
export function storageRateKop(seed: number, nmId: number): number {
  return 30 + (hash32(seed, SALT, nmId % 1_000_000, 1) % 170);
}
export function acceptanceRateKop(seed: number, nmId: number): number {
  return 500 + (hash32(seed, SALT, nmId % 1_000_000, 2) % 2500);
}

export class PaidReports {
  private readonly tasks = new Map<string, Task & { kind: PaidKind }>();
  private readonly rng: Rng;

  constructor(
    private readonly seed: number,
    private readonly data: SellerData,
  ) {
    this.rng = new Rng(seed, Domain.Task, SALT);
  }

  /** Truth: paid storage rows of Moscow days [from, to] (day numbers), as the report writes them. */
  storageRows(from: number, to: number, t: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const last = Math.min(to, mskDay(t) - 1);
    for (let d = from; d <= last; d++) {
      const cells = this.data.dayEndStock.get(d);
      if (!cells) continue;
      this.data.sizes.forEach(({ product, size }, sizeIdx) => {
        WAREHOUSES.forEach((w, wh) => {
          if (w.type !== 'Склад WB') return;
          const qty = cells[this.data.cell(sizeIdx, wh)];
          if (qty <= 0) return;
          const kop = qty * storageRateKop(this.seed, product.nmId);
          out.push({
            date: fmtDay(d),
            logWarehouseCoef: 1,
            officeId: 500 + wh,
            warehouse: w.name,
            warehouseCoef: 1.7,
            giId: 0,
            chrtId: product.nmId * 10 + product.sizes.indexOf(size),
            size: size.techSize,
            barcode: size.barcode,
            subject: product.subject,
            brand: product.brand,
            vendorCode: product.supplierArticle,
            nmId: product.nmId,
            volume: 2,
            calcType: 'короба: без габаритов',
            warehousePrice: kop / 100,
            barcodesCount: qty,
            palletPlaceCode: 0,
            palletCount: 0,
            originalDate: fmtDay(d),
            loyaltyDiscount: 0,
            tariffFixDate: '',
            tariffLowerDate: '',
          });
        });
      });
    }
    return out;
  }

  /** Truth: acceptance rows of supplies accepted on Moscow days [from, to]. */
  acceptanceRows(from: number, to: number, t: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const s of this.data.supplyBook.visible(t)) {
      if (!s.acceptedAt || s.acceptedAt > t || !s.supplyID) continue;
      const day = mskDay(s.acceptedAt);
      if (day < from || day > to) continue;
      const perNm = new Map<number, { count: number; product: (typeof s.goods)[number]['product'] }>();
      for (const g of s.goods) {
        if (g.accepted <= 0) continue;
        const e = perNm.get(g.product.nmId);
        if (e) e.count += g.accepted;
        else perNm.set(g.product.nmId, { count: g.accepted, product: g.product });
      }
      perNm.forEach((e, nmId) => {
        out.push({
          count: e.count,
          giCreateDate: fmtDay(mskDay(s.createdAt)),
          incomeId: s.supplyID,
          nmID: nmId,
          shkCreateDate: fmtDay(day),
          subjectName: e.product.subject,
          total: (e.count * acceptanceRateKop(this.seed, nmId)) / 100,
        });
      });
    }
    return out;
  }

  create(ctx: RequestCtx, kind: PaidKind): FakeResponse {
    const bad = (detail: string) => analyticsBadRequest(detail, ctx.ids);
    const fromText = ctx.params.get('dateFrom');
    const toText = ctx.params.get('dateTo');
    if (fromText === null) return bad(detailMissingDate('dateFrom'));
    if (toText === null) return bad(detailMissingDate('dateTo'));
    const from = parseDateFrom(fromText);
    if (!from) return bad(detailBadDate('dateFrom'));
    const to = parseDateFrom(toText);
    if (!to) return bad(detailBadDate('dateTo'));
    if (to.ms <= from.ms) return bad(DETAIL_DATE_ORDER);
    if (to.dayStart - from.dayStart > PAID_MAX_DAYS[kind] * DAY) return bad(DETAIL_RANGE[kind]);
    const taken = ctx.take(kind === 'storage' ? 'storageCreate' : 'acceptanceCreate');
    if ('status' in taken) return taken;
    const id = this.rng.uuid();
    const doneAt = ctx.nowMs + this.rng.int(TASK_DONE_MIN_MS / 1000, TASK_DONE_MAX_MS / 1000) * 1000;
    const a = mskDay(from.dayStart);
    const b = mskDay(to.dayStart);
    const rows = !ctx.mine ? [] : kind === 'storage' ? this.storageRows(a, b, ctx.nowMs) : this.acceptanceRows(a, b, ctx.nowMs);
    this.tasks.set(id, { id, kind, sid: ctx.sid, createdAt: ctx.nowMs, doneAt, body: rows.length ? JSON.stringify(rows) : null });
    return okJson(JSON.stringify({ data: { taskId: id } }), taken.headers);
  }

  private find(ctx: RequestCtx, kind: PaidKind, rawId: string, route: LimitedRoute): FakeResponse | { task: Task; headers: Record<string, string> } {
    const parsed = parseUuid(rawId);
    if (!parsed.ok) return analyticsBadRequest(detailBadTaskId(rawId, parsed.reason), ctx.ids);
    const taken = ctx.take(route);
    if ('status' in taken) return taken;
    const task = this.tasks.get(parsed.id);
    if (!task || task.sid !== ctx.sid || task.kind !== kind) return analyticsNotFound(ctx.ids);
    return { task, headers: taken.headers };
  }

  status(ctx: RequestCtx, kind: PaidKind, rawId: string): FakeResponse {
    const r = this.find(ctx, kind, rawId, kind === 'storage' ? 'storageStatus' : 'acceptanceStatus');
    if ('status' in r) return r;
    return okJson(JSON.stringify({ data: { id: r.task.id, status: RemainsTasks.status(r.task, ctx.nowMs) } }), r.headers);
  }

  download(ctx: RequestCtx, kind: PaidKind, rawId: string): FakeResponse {
    const r = this.find(ctx, kind, rawId, kind === 'storage' ? 'storageDownload' : 'acceptanceDownload');
    if ('status' in r) return r;
    if (RemainsTasks.status(r.task, ctx.nowMs) !== 'done') return analyticsBadRequest(DETAIL_TASK_NOT_DONE, ctx.ids);
    if (r.task.body === null) return noContent(r.headers);
    return okJson(r.task.body, r.headers);
  }
}
