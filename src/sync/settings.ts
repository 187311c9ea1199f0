/** Document settings a seller changes in the sidebar. */
import { KeyValueStore } from '../gas/types';

export interface SyncSettings {
  /** Realization report period: WB's weekly reports (default) or daily ones. */
  realizationPeriod: 'weekly' | 'daily';
  /** Show every WB field of the realization report, not only those a seller reconciles with. */
  realizationAllFields: boolean;
  /**
   * Days of raw orders, sales and realization rows to keep (0: keep all, the default).
   * Older rows are deleted only after their daily totals are safe; the formulas still
   * answer for those days from the daily table. Never shorter than WB's 90 days plus a
   * margin, so WB cannot send back a row that was trimmed.
   */
  retentionDays: number;
  /**
   * Tax regime for profit (WB_PROFIT, unit economics): none (default: no tax deducted),
   * УСН «доходы», УСН «доходы − расходы», ОСНО (VAT only) or a custom % of income.
   */
  taxRegime: TaxRegime;
  /** The regime's rate in % (regional УСН rates differ; VAT 20, 10, 7, 5 or 0). */
  taxRate: number;
  /** Other costs per unit sold net of returns (packaging, fulfilment), rubles. */
  otherCostPerUnit: number;
}

export type TaxRegime = 'none' | 'usn6' | 'usn15' | 'osno' | 'custom';
export const TAX_REGIMES: TaxRegime[] = ['none', 'usn6', 'usn15', 'osno', 'custom'];
/** The rate a regime starts with when the seller picks it. */
export const DEFAULT_TAX_RATE: Record<TaxRegime, number> = { none: 0, usn6: 6, usn15: 15, osno: 20, custom: 0 };

function regime(v: unknown): TaxRegime {
  return TAX_REGIMES.indexOf(v as TaxRegime) >= 0 ? (v as TaxRegime) : 'none';
}

/** A percentage 0..100 with at most two decimals; anything else: the regime's default. */
function rate(v: unknown, r: TaxRegime): number {
  const n = typeof v === 'string' ? Number(v.replace(',', '.')) : v;
  if (r === 'none') return 0;
  return typeof n === 'number' && isFinite(n) && n >= 0 && n <= 100 ? Math.round(n * 100) / 100 : DEFAULT_TAX_RATE[r];
}

/** Rubles per unit, ≥ 0, kopeck precision. */
function perUnit(v: unknown): number {
  const n = typeof v === 'string' ? Number(v.replace(',', '.')) : v;
  return typeof n === 'number' && isFinite(n) && n >= 0 && n < 1e7 ? Math.round(n * 100) / 100 : 0;
}

export const RETENTION_CHOICES = [0, 180, 365, 730];

function retention(v: unknown): number {
  return typeof v === 'number' && RETENTION_CHOICES.indexOf(v) >= 0 ? v : 0;
}

export const SETTINGS_PROPERTY = 'wb.settings';
export const DEFAULT_SETTINGS: SyncSettings = { realizationPeriod: 'weekly', realizationAllFields: false, retentionDays: 0, taxRegime: 'none', taxRate: 0, otherCostPerUnit: 0 };

function clean(raw: Record<string, unknown>): SyncSettings {
  const taxRegime = regime(raw.taxRegime);
  return {
    realizationPeriod: raw.realizationPeriod === 'daily' ? 'daily' : 'weekly',
    realizationAllFields: raw.realizationAllFields === true,
    retentionDays: retention(raw.retentionDays),
    taxRegime,
    taxRate: rate(raw.taxRate, taxRegime),
    otherCostPerUnit: perUnit(raw.otherCostPerUnit),
  };
}

export function loadSettings(props: KeyValueStore): SyncSettings {
  try {
    return clean(JSON.parse(props.get(SETTINGS_PROPERTY) || '{}') || {});
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(props: KeyValueStore, settings: Partial<SyncSettings>): SyncSettings {
  const before = loadSettings(props);
  const merged: Record<string, unknown> = { ...before, ...settings };
  // A newly picked regime starts at its usual rate unless a rate came with it.
  if (settings.taxRegime !== undefined && settings.taxRegime !== before.taxRegime && settings.taxRate === undefined) merged.taxRate = DEFAULT_TAX_RATE[regime(settings.taxRegime)];
  const out = clean(merged);
  props.set(SETTINGS_PROPERTY, JSON.stringify(out));
  return out;
}
