/**
 * WB commission by subject (common-api, 10-rates.yaml `/api/v1/tariffs/commission`):
 * one list for every seller (WB's tariff, not the seller's data), any valid key
 * (common-api has no category bit of its own, routes.ts). Limits: Personal, Service and
 * Base with secret 1/min burst 2; Base 5 per hour (12 min interval) burst 1.
 *
 * `locale` (ru, en, zh) picks the language of parentName/subjectName; absent = ru.
 * Another value is a 400 with the spec's example body (before any bucket is spent, as
 * every malformed request in this emulator).
 *
 * The emulated seller's realization rows charge exactly these rates (realization.ts):
 * `paidStorageKgvp` (FBW, «Склад WB») for goods shipped from WB warehouses and
 * `kgvpMarketplace` (FBS) for goods the seller shipped. `overcharge` adds percentage
 * points to the rate the realization report charges for a subject, while the tariff
 * still says the plain rate: what a seller's "expected vs charged" check must catch.
 */
import { FakeResponse } from '../shared/http';
import { RequestCtx } from './service';
import { okJson } from './errors';

interface Tariff {
  subjectID: number;
  subjectName: string;
  subjectNameEn: string;
  parentID: number;
  parentName: string;
  parentNameEn: string;
  /** FBW («Склад WB»), % */
  fbw: number;
  /** FBS («Маркетплейс»), % */
  fbs: number;
}

// Rates stay below the 15 % the generator's payout keeps back at least (catalog.ts), so
// the commission always fits inside what WB withheld; the rest is acquiring.
const TARIFFS: Tariff[] = [
  { subjectID: 192, subjectName: 'Футболки', subjectNameEn: 'T-shirts', parentID: 1, parentName: 'Одежда', parentNameEn: 'Clothes', fbw: 12, fbs: 13 },
  { subjectID: 1724, subjectName: 'Худи', subjectNameEn: 'Hoodies', parentID: 1, parentName: 'Одежда', parentNameEn: 'Clothes', fbw: 11.5, fbs: 12.5 },
  { subjectID: 69, subjectName: 'Платья', subjectNameEn: 'Dresses', parentID: 1, parentName: 'Одежда', parentNameEn: 'Clothes', fbw: 12.5, fbs: 13.5 },
  { subjectID: 180, subjectName: 'Джинсы', subjectNameEn: 'Jeans', parentID: 1, parentName: 'Одежда', parentNameEn: 'Clothes', fbw: 11, fbs: 12 },
  { subjectID: 220, subjectName: 'Бейсболки', subjectNameEn: 'Baseball caps', parentID: 2, parentName: 'Аксессуары', parentNameEn: 'Accessories', fbw: 10, fbs: 11 },
  { subjectID: 50, subjectName: 'Сумки', subjectNameEn: 'Bags', parentID: 2, parentName: 'Аксессуары', parentNameEn: 'Accessories', fbw: 10.5, fbs: 11.5 },
  { subjectID: 217, subjectName: 'Носки', subjectNameEn: 'Socks', parentID: 3, parentName: 'Белье', parentNameEn: 'Underwear', fbw: 13, fbs: 13.5 },
  { subjectID: 1407, subjectName: 'Полотенца', subjectNameEn: 'Towels', parentID: 4, parentName: 'Дом', parentNameEn: 'Home', fbw: 9, fbs: 10 },
  // Subjects the seller does not sell: WB lists every subject.
  { subjectID: 6461, subjectName: 'Оборудование зуботехническое', subjectNameEn: 'Dental equipment', parentID: 657, parentName: 'Бытовая техника', parentNameEn: 'Appliances', fbw: 15.5, fbs: 15.5 },
  { subjectID: 3091, subjectName: 'Кофеварки', subjectNameEn: 'Coffee makers', parentID: 657, parentName: 'Бытовая техника', parentNameEn: 'Appliances', fbw: 14, fbs: 15 },
];

const BY_NAME = new Map(TARIFFS.map((t) => [t.subjectName, t]));

/** The tariff's rate (%) for a subject and model; 0 for a subject WB does not list. */
export function tariffRate(subject: string, fbs: boolean): number {
  const t = BY_NAME.get(subject);
  return t ? (fbs ? t.fbs : t.fbw) : 0;
}

export class TariffsApi {
  constructor(private readonly overcharge: Record<string, number>) {}

  /** Charge `points` more for a subject from now on (tests set it before the report is read). */
  setOvercharge(subject: string, points: number): void {
    this.overcharge[subject] = points;
  }

  /** The rate (%) the realization report charges: the tariff plus any overcharge. */
  chargedRate(subject: string, fbs: boolean): number {
    return tariffRate(subject, fbs) + (this.overcharge[subject] ?? 0);
  }

  commission(ctx: RequestCtx): FakeResponse {
    const locale = ctx.params.get('locale') ?? 'ru';
    if (!['ru', 'en', 'zh'].includes(locale)) {
      return {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({
          detail: 'parameter "locale" in query has an error: value is not one of the allowed values ["ru","en","zh"]',
          origin: 'api-statistics',
          requestId: ctx.ids.requestId(),
          title: 'Bad Request',
        }),
      };
    }
    const taken = ctx.take('tariffsCommission');
    if ('status' in taken) return taken;
    // zh names are not modelled: Chinese falls back to English names.
    const ru = locale === 'ru';
    const report = TARIFFS.map((t) => ({
      kgvpBooking: t.fbw,
      kgvpMarketplace: t.fbs,
      kgvpPickup: t.fbw,
      kgvpSupplier: t.fbs,
      kgvpSupplierExpress: 3,
      paidStorageKgvp: t.fbw,
      parentID: t.parentID,
      parentName: ru ? t.parentName : t.parentNameEn,
      subjectID: t.subjectID,
      subjectName: ru ? t.subjectName : t.subjectNameEn,
    }));
    return okJson(JSON.stringify({ report }), taken.headers);
  }
}
