/** What every refresh strategy shares: the first-load span and the change cursors. */
import type { ReportRun } from './engine';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';

export const DAY_MS = 86400000;
/** WB keeps orders and sales for 90 days; the other reports' first load covers the same span. */
export const RETENTION_DAYS = 90;

export function cursorProperty(id: string): string {
  return 'wb.cursor.' + id;
}

/** The first day a report's first load covers (Moscow), YYYY-MM-DD. */
export function firstDay(run: ReportRun): string {
  return formatWallDay(instantToMoscowWall(run.now()) - RETENTION_DAYS * DAY_MS);
}

/**
 * Whether a report WB forms only now and then may skip this refresh: it was last checked
 * at `checkedAt`, less than `everyMs` ago, and this is a refresh of every report (its own
 * menu item always reads at once).
 */
export function checkedLately(run: ReportRun, checkedAt: number | null | undefined, everyMs: number): boolean {
  return typeof checkedAt === 'number' && !run.askedAlone() && run.now() >= checkedAt && run.now() - checkedAt < everyMs;
}
