/**
 * How each kind of report is fetched and written, one module per kind. Every strategy
 * moves its saved state (cursor, task, position) only after the rows it covers are in
 * the sheet.
 */
import type { ReportRun } from './engine';
import type { RequestParts } from '../wb/client';
import type { Endpoint } from '../wb/endpoints';
import { ReportMode } from '../reports/types';
import { firstChangesRequest, syncChanges } from './strategy-changes';
import { firstSnapshotRequest, syncSnapshot } from './strategy-snapshot';
import { firstSuppliesRequest, syncSupplies } from './strategy-supplies';
import { firstRealizationRequest, syncRealization } from './strategy-realization';
import { syncReportList } from './strategy-report-list';
import { firstAdsRequest, syncAds } from './strategy-ads';
import { syncPaid } from './strategy-paid';
import { firstReviewsRequest, syncReviews } from './strategy-reviews';
import { firstFunnelRequest, syncFunnel } from './strategy-funnel';
import { firstSearchRequest, syncSearch } from './strategy-search';

export { cursorProperty, RETENTION_DAYS } from './strategy-base';
export { maxDecimal, rereadRealization } from './strategy-realization';

function derived(): void {
  throw new Error('derived tables are written by their source report');
}

export const STRATEGIES: Record<ReportMode, (run: ReportRun) => void> = {
  changes: syncChanges,
  snapshot: syncSnapshot,
  supplies: syncSupplies,
  // After the detail report, WB's own totals per report (Personal/Service keys).
  realization: (run) => {
    if (syncRealization(run)) syncReportList(run);
  },
  ads: syncAds,
  paid: syncPaid,
  reviews: syncReviews,
  funnel: syncFunnel,
  search: syncSearch,
  derived,
};


/**
 * The request each kind of report sends first this run, worked out from its saved
 * state without changing anything, so the first requests of several reports can go
 * out together (see syncReports). The strategy then finds that answer waiting.
 */
export const FIRST_REQUESTS: Partial<Record<ReportMode, (run: ReportRun) => { endpoint: Endpoint; parts: RequestParts } | null>> = {
  changes: firstChangesRequest,
  snapshot: firstSnapshotRequest,
  supplies: firstSuppliesRequest,
  realization: firstRealizationRequest,
  ads: firstAdsRequest,
  // Paid storage and acceptance fetch alone: their first load runs on past the budget of a
  // refresh anyway, and a task request gains nothing from the batch.
  reviews: firstReviewsRequest,
  funnel: firstFunnelRequest,
  search: firstSearchRequest,
};
