/**
 * WB's commission tariff by subject (common-api `/api/v1/tariffs/commission`), kept in
 * a document property for the unit economics sheet's "expected vs charged" check.
 *
 * Tariffs change rarely and the method allows Base keys only 5 requests an hour, so the
 * add-on asks at most once a Moscow day, and only when the realization sheet has goods
 * whose subject it would check. Only the subjects the seller sells are kept (WB lists
 * thousands). common-api takes a valid key of any category but has no sandbox: with
 * only sandbox or expired keys nothing is sent and the sheet says why, once a day.
 */
import type { SyncDeps } from './engine';
import type { StoredKey } from './credentials';
import { WbClient } from '../wb/client';
import { ENDPOINTS } from '../wb/endpoints';
import { WbError } from '../wb/errors';
import { instantToMoscowWall, wallMsToSerial } from '../wb/moscow-time';
import { KeyValueStore } from '../gas/types';
import { REALIZATION } from '../reports/realization';
import { SheetTable } from '../store/table';

export const COMMISSION_RATES_PROPERTY = 'wb.commission.rates';

/** Per subject name: [FBW «Склад WB» (paidStorageKgvp), FBS «Маркетплейс» (kgvpMarketplace)], in %. */
export type RatesBySubject = Record<string, [number, number]>;

export interface StoredRates {
  /** Moscow day (sheet serial) of the last attempt. */
  day: number;
  rates: RatesBySubject;
  /** Why there are no rates: no key can reach common-api. */
  noKey?: boolean;
}

export function loadCommissionRates(props: KeyValueStore): StoredRates | null {
  const raw = props.get(COMMISSION_RATES_PROPERTY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as StoredRates;
    return v && typeof v.day === 'number' && v.rates && typeof v.rates === 'object' ? v : null;
  } catch {
    return null;
  }
}

const TYPE_RANK: Record<string, number> = { personal: 0, service: 0, test: 1, base: 2, unknown: 3 };

/** The key to ask with: live, not sandbox, the least limited type first. */
function pickKey(keys: StoredKey[], now: number): StoredKey | null {
  const usable = keys.filter((k) => !k.info.sandbox && (k.info.expiresAt === null || k.info.expiresAt > now));
  usable.sort((a, b) => TYPE_RANK[a.info.type] - TYPE_RANK[b.info.type]);
  return usable[0] ?? null;
}

/** WB's answer reduced to the subjects asked for; a subject WB does not list is left out. */
export function ratesFor(answer: Record<string, unknown> | null, subjects: Set<string>): RatesBySubject {
  const out: RatesBySubject = {};
  const report = answer && Array.isArray(answer.report) ? (answer.report as Record<string, unknown>[]) : [];
  for (const r of report) {
    const name = typeof r.subjectName === 'string' ? r.subjectName : '';
    if (!subjects.has(name)) continue;
    const fbw = typeof r.paidStorageKgvp === 'number' ? r.paidStorageKgvp : NaN;
    const fbs = typeof r.kgvpMarketplace === 'number' ? r.kgvpMarketplace : NaN;
    if (isFinite(fbw) && isFinite(fbs)) out[name] = [fbw, fbs];
  }
  return out;
}

/**
 * Asks WB for the tariff when today's is not in yet. Never fails the refresh: a 429 or
 * a network failure leaves the day open for the next run; any other refusal closes it.
 */
export function refreshCommissionRates(deps: SyncDeps, client: WbClient, keys: StoredKey[], mayRequest = true): void {
  const props = deps.documentProps;
  const now = deps.clock.now();
  const today = Math.floor(wallMsToSerial(instantToMoscowWall(now)));
  const stored = loadCommissionRates(props);
  if (stored && stored.day === today) return;
  const table = SheetTable.find(deps.gateway, REALIZATION);
  if (!table) return;
  const subjects = new Set<string>();
  for (const r of table.readRecords(['subjectName'])) if (typeof r.subjectName === 'string' && r.subjectName) subjects.add(r.subjectName);
  if (!subjects.size) return;
  const previous = stored ? stored.rates : {};
  const key = pickKey(keys, now);
  if (!key) {
    props.set(COMMISSION_RATES_PROPERTY, JSON.stringify({ day: today, rates: previous, noKey: true }));
    return;
  }
  if (!mayRequest) return;
  const endpoint = ENDPOINTS.tariffsCommission;
  if (client.waitMs(endpoint, key) > 0) return;
  try {
    const answer = client.fetchObject(endpoint, key, { query: { locale: 'ru' } });
    props.set(COMMISSION_RATES_PROPERTY, JSON.stringify({ day: today, rates: ratesFor(answer, subjects) }));
  } catch (e) {
    if (!(e instanceof WbError)) throw e;
    if (e.kind === 'rate' || e.kind === 'network' || e.kind === 'server') return;
    props.set(COMMISSION_RATES_PROPERTY, JSON.stringify({ day: today, rates: previous }));
  }
}
