/**
 * What the sidebar shows about a key: built from the decoded claims only. The key
 * itself never leaves the server; the sidebar gets a masked tail.
 */
import { Category, KeyInfo, hasCategory } from '../wb/token';
import { REPORTS, REPORT_ORDER } from '../reports';
import { ENDPOINTS } from '../wb/endpoints';
import { Locale, categoryName, texts } from './i18n';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';

export interface KeyStatusView {
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

const DAY_MS = 86400000;
/** From this many days before expiry the sidebar warns. */
export const EXPIRY_WARNING_DAYS = 14;

export function formatDay(epochMs: number, locale: Locale): string {
  const iso = formatWallDay(instantToMoscowWall(epochMs));
  return locale === 'ru' ? iso.slice(8, 10) + '.' + iso.slice(5, 7) + '.' + iso.slice(0, 4) : iso;
}

export function daysLeft(info: KeyInfo, now: number): number | null {
  return info.expiresAt === null ? null : Math.floor((info.expiresAt - now) / DAY_MS);
}

export function describeKey(info: KeyInfo, masked: string, now: number, locale: Locale): KeyStatusView {
  const t = texts(locale);
  const messages: KeyStatusView['messages'] = [];
  const left = daysLeft(info, now);
  const expiresOn = info.expiresAt === null ? null : formatDay(info.expiresAt, locale);
  if (info.expiresAt !== null && info.expiresAt <= now) messages.push({ level: 'error', text: t.keyExpiredStored(expiresOn as string) });
  else if (left !== null && left < EXPIRY_WARNING_DAYS) messages.push({ level: 'warn', text: t.keyExpiresSoon(left, expiresOn as string) });
  if (!hasCategory(info, Category.Statistics)) messages.push({ level: 'error', text: t.keyNoStatistics });
  if (info.sandbox) messages.push({ level: 'warn', text: t.keySandbox });
  if (info.type === 'base') messages.push({ level: 'info', text: t.keyBase });
  const reports = REPORT_ORDER.map((id) => {
    const category = ENDPOINTS[REPORTS[id].endpoint].category;
    const available = hasCategory(info, category);
    return {
      id,
      title: REPORTS[id].title[locale],
      available,
      note: available ? t.reportOk : t.needsCategory(categoryName(category, locale)),
    };
  });
  return {
    masked,
    type: info.type,
    typeLabel: t.keyTypes[info.type],
    categories: info.categories.map((c) => categoryName(c, locale)),
    expiresOn,
    daysLeft: left,
    sandbox: info.sandbox,
    readOnly: info.readOnly,
    reports,
    messages,
  };
}
