/**
 * The FBW supplies methods (supplies-api, 07-orders-fbw.yaml): list, details, goods.
 *
 * List: POST /api/v1/supplies?limit&offset, body {dates:[{from,till,type}], statusIDs}.
 * Newest first (by createDate); limit 1..1000 (default 1000), offset >= 0. A supply
 * passes a date filter when its date of that `type` is set and its Moscow day lies in
 * [from, till] (either end optional; dates 'YYYY-MM-DD' only, as the spec's error
 * says); several date filters must all pass; statusIDs keeps the listed statuses.
 * Details: GET /api/v1/supplies/{ID}?isPreorderID; 404 SupplyNotFound when unknown,
 * 400 PreorderIdSearchError when a preorder already has a supplyID. Goods: GET
 * /api/v1/supplies/{ID}/goods?limit(1..1000, default 100)&offset&isPreorderID; an
 * unknown supply is 400 BadSupplyIDItems (as the spec lists), with the spec's
 * 'text/plain; charset=utf-8' content type for its 400s. Malformed input is 400 and
 * does not consume the bucket; lookups do. Virtual supplies have preorderID 0, and 0 is
 * found neither as an order nor as a supply (details 404, goods 400 BadSupplyIDItems).
 */
import { FakeResponse } from '../shared/http';
import {
  ERR_SUPPLY_BODY,
  ERR_SUPPLY_GOODS_NOT_FOUND,
  ERR_SUPPLY_ID_RANGE,
  ERR_SUPPLY_IS_PREORDER,
  ERR_SUPPLY_LIMIT,
  ERR_SUPPLY_OFFSET,
  ERR_SUPPLY_PATH_ID,
  ERR_SUPPLY_TYPE,
  errPreorderSearch,
  errSupplyDate,
  errSupplyNotFound,
  errSupplyStatusIds,
  okJson,
  suppliesError,
} from './errors';
import { SellerIdentity } from './extras';
import type { SellerData } from './generator';
import { RequestCtx, goBool, isInt, jsonObject } from './service';
import { SupplyRec, goodJson, supplyDetailsJson, supplyJson, supplyStatus } from './supplies';
import { mskDay, parseDateFrom } from './time';

const GOODS_TYPE = 'text/plain; charset=utf-8';
const DATE_TYPES = ['factDate', 'createDate', 'supplyDate', 'updatedDate'];
const INT64_MAX = BigInt('9223372036854775807');
const INT64_MIN = BigInt('-9223372036854775808');

function intParam(v: string | null, def: number, lo: number, hi: number): number | null {
  if (v === null) return def;
  if (!/^[+-]?\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= lo && n <= hi ? n : null;
}

function dateOfType(s: SupplyRec, type: string, t: number): number | null {
  const st = supplyStatus(s, t);
  switch (type) {
    case 'createDate':
      return s.createdAt;
    case 'supplyDate':
      return st >= 2 ? s.supplyDateAt : null;
    case 'factDate':
      return st >= 4 ? s.factAt : null;
    default:
      return st >= 5 ? s.acceptedAt : st === 4 ? s.factAt : st === 3 ? s.allowedAt : null;
  }
}

export class SuppliesApi {
  constructor(
    private readonly seed: number,
    private readonly data: SellerData,
    private readonly who: SellerIdentity,
  ) {}

  private visible(ctx: RequestCtx): SupplyRec[] {
    return ctx.mine ? this.data.supplyBook.visible(ctx.nowMs) : [];
  }

  list(ctx: RequestCtx): FakeResponse {
    const bad = (detail: string) => suppliesError(400, detail, ctx.ids);
    const limit = intParam(ctx.params.get('limit'), 1000, 1, 1000);
    if (limit === null) return bad(ERR_SUPPLY_LIMIT);
    const offset = intParam(ctx.params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
    if (offset === null) return bad(ERR_SUPPLY_OFFSET);
    const body = jsonObject(ctx.payload);
    if (!body) return bad(ERR_SUPPLY_BODY);
    const filters: { type: string; from: number; till: number }[] = [];
    if (body.dates !== undefined && body.dates !== null) {
      if (!Array.isArray(body.dates)) return bad(ERR_SUPPLY_BODY);
      for (const d of body.dates) {
        if (d === null || typeof d !== 'object') return bad(ERR_SUPPLY_BODY);
        const f = d as Record<string, unknown>;
        if (typeof f.type !== 'string' || !DATE_TYPES.includes(f.type)) return bad(ERR_SUPPLY_TYPE);
        const ends: number[] = [];
        for (const [k, def] of [['from', -Infinity], ['till', Infinity]] as const) {
          const v = f[k];
          if (v === undefined || v === null || v === '') {
            ends.push(def);
            continue;
          }
          const p = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDateFrom(v) : null;
          if (!p) return bad(errSupplyDate(String(v)));
          ends.push(mskDay(p.dayStart));
        }
        filters.push({ type: f.type, from: ends[0], till: ends[1] });
      }
    }
    let statuses: Set<number> | null = null;
    if (body.statusIDs !== undefined && body.statusIDs !== null) {
      if (!Array.isArray(body.statusIDs)) return bad(ERR_SUPPLY_BODY);
      statuses = new Set();
      for (let i = 0; i < body.statusIDs.length; i++) {
        const v = body.statusIDs[i];
        if (!isInt(v) || v < 1 || v > 6) return bad(errSupplyStatusIds(i));
        statuses.add(v);
      }
      if (!statuses.size) statuses = null;
    }
    const taken = ctx.take('suppliesList');
    if ('status' in taken) return taken;
    const t = ctx.nowMs;
    const rows = this.visible(ctx).filter((s) => {
      if (statuses && !statuses.has(supplyStatus(s, t))) return false;
      for (const f of filters) {
        const at = dateOfType(s, f.type, t);
        if (at === null) return false;
        const day = mskDay(at);
        if (day < f.from || day > f.till) return false;
      }
      return true;
    });
    const page = rows.slice(offset, offset + limit).map((s) => supplyJson(s, t, this.who.phone));
    return okJson(JSON.stringify(page), taken.headers);
  }

  /** Parses {ID} and isPreorderID; a 400 response on failure. */
  private target(ctx: RequestCtx, rawId: string, contentType?: string): FakeResponse | { id: string; byPreorder: boolean } {
    if (!/^[+-]?\d+$/.test(rawId)) return suppliesError(400, ERR_SUPPLY_PATH_ID, ctx.ids, contentType);
    const big = BigInt(rawId);
    if (big > INT64_MAX || big < INT64_MIN) return suppliesError(400, ERR_SUPPLY_ID_RANGE, ctx.ids, contentType);
    const flag = ctx.params.get('isPreorderID');
    let byPreorder = false;
    if (flag !== null) {
      const b = goBool(flag);
      if (b === null) return suppliesError(400, ERR_SUPPLY_IS_PREORDER, ctx.ids, contentType);
      byPreorder = b;
    }
    return { id: big.toString(), byPreorder };
  }

  private lookup(ctx: RequestCtx, id: string, byPreorder: boolean): SupplyRec | null {
    const t = ctx.nowMs;
    for (const s of this.visible(ctx)) {
      // preorderID 0 is no order at all (every virtual supply has it): it finds nothing.
      if (byPreorder ? s.preorderID !== 0 && String(s.preorderID) === id : supplyStatus(s, t) >= 2 && String(s.supplyID) === id) return s;
    }
    return null;
  }

  details(ctx: RequestCtx, rawId: string): FakeResponse {
    const tg = this.target(ctx, rawId);
    if ('status' in tg) return tg;
    const taken = ctx.take('supplyDetails');
    if ('status' in taken) return taken;
    const s = this.lookup(ctx, tg.id, tg.byPreorder);
    if (!s) return suppliesError(404, errSupplyNotFound(tg.id), ctx.ids);
    if (tg.byPreorder && supplyStatus(s, ctx.nowMs) >= 2) return suppliesError(400, errPreorderSearch(tg.id, s.supplyID), ctx.ids);
    return okJson(JSON.stringify(supplyDetailsJson(s, ctx.nowMs, this.who.phone, this.who.shortName)), taken.headers);
  }

  goods(ctx: RequestCtx, rawId: string): FakeResponse {
    const bad = (detail: string) => suppliesError(400, detail, ctx.ids, GOODS_TYPE);
    const limit = intParam(ctx.params.get('limit'), 100, 1, 1000);
    if (limit === null) return bad(ERR_SUPPLY_LIMIT);
    const offset = intParam(ctx.params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
    if (offset === null) return bad(ERR_SUPPLY_OFFSET);
    const tg = this.target(ctx, rawId, GOODS_TYPE);
    if ('status' in tg) return tg;
    const taken = ctx.take('supplyGoods');
    if ('status' in taken) return taken;
    const s = this.lookup(ctx, tg.id, tg.byPreorder);
    if (!s) return bad(ERR_SUPPLY_GOODS_NOT_FOUND);
    const page = s.goods.slice(offset, offset + limit).map((g) => goodJson(this.seed, s, g, ctx.nowMs));
    return okJson(JSON.stringify(page), taken.headers);
  }
}
