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
