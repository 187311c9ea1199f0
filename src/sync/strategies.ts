/**
 * How each kind of report is fetched and written, one module per kind. Every strategy
 * moves its saved state (cursor, task, position) only after the rows it covers are in
 * the sheet.
 */
import type { ReportRun } from './engine';
import { ReportMode } from '../reports/types';
import { syncChanges } from './strategy-changes';
import { syncSnapshot } from './strategy-snapshot';
import { syncSupplies } from './strategy-supplies';
import { syncRealization } from './strategy-realization';

export { cursorProperty, RETENTION_DAYS } from './strategy-base';
export { maxDecimal, rereadRealization } from './strategy-realization';

function derived(): void {
  throw new Error('derived tables are written by their source report');
}

export const STRATEGIES: Record<ReportMode, (run: ReportRun) => void> = {
  changes: syncChanges,
  snapshot: syncSnapshot,
  supplies: syncSupplies,
  realization: syncRealization,
  derived,
};

