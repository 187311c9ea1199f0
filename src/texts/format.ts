/** Dates and moments as sellers read them: WB's Moscow wall clock, Russian or ISO order. */
import { Locale } from './i18n';
import { formatWall, formatWallDay, instantToMoscowWall } from '../wb/moscow-time';

export function formatDay(epochMs: number, locale: Locale): string {
  const iso = formatWallDay(instantToMoscowWall(epochMs));
  return locale === 'ru' ? iso.slice(8, 10) + '.' + iso.slice(5, 7) + '.' + iso.slice(0, 4) : iso;
}

export function formatMoment(epochMs: number, locale: Locale): string {
  return formatDay(epochMs, locale) + ' ' + formatWall(instantToMoscowWall(epochMs)).slice(11, 16) + (locale === 'ru' ? ' МСК' : ' MSK');
}
