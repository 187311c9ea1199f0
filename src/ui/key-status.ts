/**
 * What the sidebar shows about keys and reports: built from the decoded claims and
 * the rate buckets only. Keys never leave the server; the sidebar gets masked tails
 * and opaque slots.
 */
import { Category, KeyInfo, hasCategory } from '../wb/token';
import { REPORTS, REPORT_ORDER } from '../reports';
import { ENDPOINTS } from '../wb/endpoints';
import { Locale, categoryName, texts } from '../texts/i18n';
import { formatDay, formatMoment } from '../texts/format';
import { StoredKey } from '../sync/credentials';
import { Route, keyServes, reportCategory, routeReport } from '../sync/routing';

export interface KeyStatusView {
  slot: string;
  masked: string;
  type: string;
  typeLabel: string;
  categories: string[];
  expiresOn: string | null;
  daysLeft: number | null;
  sandbox: boolean;
  readOnly: boolean;
  reports: { id: string; title: string; available: boolean; note: string }[];
  messages: { level: 'error' | 'warn' | 'info'; text: string }[];
}

export interface ReportRowView {
  id: string;
  title: string;
  /** Per key (same order as keys): whether that key can serve the report. */
  byKey: boolean[];
  /** The key that will be used, or null. */
  slot: string | null;
  ok: boolean;
  note: string;
  next: string;
}

const DAY_MS = 86400000;
/** From this many days before expiry the sidebar warns. */
export const EXPIRY_WARNING_DAYS = 14;

export function daysLeft(info: KeyInfo, now: number): number | null {
  return info.expiresAt === null ? null : Math.floor((info.expiresAt - now) / DAY_MS);
}

export function describeKey(key: StoredKey, now: number, locale: Locale): KeyStatusView {
  const info = key.info;
  const t = texts(locale);
  const messages: KeyStatusView['messages'] = [];
  const left = daysLeft(info, now);
  const expiresOn = info.expiresAt === null ? null : formatDay(info.expiresAt, locale);
  if (info.expiresAt !== null && info.expiresAt <= now) messages.push({ level: 'error', text: t.keyExpiredStored(expiresOn as string) });
  else if (left !== null && left < EXPIRY_WARNING_DAYS) messages.push({ level: 'warn', text: t.keyExpiresSoon(left, expiresOn as string) });
  if (!hasCategory(info, Category.Statistics)) messages.push({ level: 'info', text: t.keyNoStatistics });
  if (info.sandbox) messages.push({ level: 'warn', text: t.keySandbox });
  if (info.type === 'base') messages.push({ level: 'info', text: t.keyBase });
  return {
    slot: key.slot,
    masked: key.masked,
    type: info.type,
    typeLabel: t.keyTypes[info.type],
    categories: info.categories.map((c) => categoryName(c, locale)),
    expiresOn,
    daysLeft: left,
    sandbox: info.sandbox,
    readOnly: info.readOnly,
    reports: REPORT_ORDER.map((id) => {
      const available = keyServes(info, id);
      return { id, title: REPORTS[id].title[locale], available, note: available ? t.reportOk : t.needsCategory(categoryName(reportCategory(id), locale)) };
    }),
    messages,
  };
}

function humanInterval(ms: number, locale: Locale): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return Math.round(ms / 1000) + (locale === 'ru' ? ' с' : ' s');
  if (minutes < 60) return minutes + (locale === 'ru' ? ' мин' : ' min');
  return Math.round(minutes / 60) + (locale === 'ru' ? ' ч' : ' h');
}

/** The report x key matrix with what is missing and when each report may refresh next. */
export function reportMatrix(
  keys: StoredKey[],
  now: number,
  locale: Locale,
  waitMs: (report: string, key: StoredKey) => number,
  /** What WB last said about a report a key may ask for (a refused subscription), if anything. */
  refusal: (report: string) => string | null = () => null,
): ReportRowView[] {
  const t = texts(locale);
  return REPORT_ORDER.map((id) => {
    const spec = REPORTS[id];
    const route: Route = routeReport(id, keys, now);
    const category = categoryName(reportCategory(id), locale);
    let note = t.reportOk;
    let next = '';
    if (route.kind === 'no_keys') note = t.needsCategory(category);
    else if (route.kind === 'missing') note = t.needsCategory(category);
    else if (route.kind === 'expired') note = t.keyExpiredStored(formatDay(route.key.info.expiresAt as number, locale));
    else {
      note = refusal(id) || note;
      const wait = waitMs(id, route.key);
      const bucket = ENDPOINTS[spec.endpoint].buckets[route.key.info.type];
      next = wait <= 0 ? t.nextNow : t.nextIn(formatMoment(now + wait, locale), t.limitWhy(t.keyTypes[route.key.info.type], humanInterval(bucket.intervalMs, locale)));
    }
    return {
      id,
      title: spec.title[locale],
      byKey: keys.map((k) => keyServes(k.info, id)),
      slot: route.kind === 'ok' ? route.key.slot : null,
      ok: route.kind === 'ok',
      note,
      next,
    };
  });
}

/** Keys that expire within EXPIRY_WARNING_DAYS: a banner on top of the sidebar. */
export function expiryBanners(keys: StoredKey[], now: number, locale: Locale): string[] {
  const t = texts(locale);
  return keys
    .filter((k) => k.info.expiresAt !== null && k.info.expiresAt > now && (daysLeft(k.info, now) as number) < EXPIRY_WARNING_DAYS)
    .map((k) => t.expiryBanner(k.masked, daysLeft(k.info, now) as number, formatDay(k.info.expiresAt as number, locale)));
}
