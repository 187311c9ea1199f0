/**
 * Which saved key serves which report: one that holds the report's category, has not
 * expired and can reach the report's host. Among several, the one WB limits least
 * (Personal/Service over Base), then the one that lives longest.
 */
import { REPORTS } from '../reports';
import { ReportId } from '../reports/types';
import { ENDPOINTS } from '../wb/endpoints';
import { KeyInfo, hasCategory } from '../wb/token';
import { StoredKey } from './credentials';

export type Route =
  | { kind: 'ok'; key: StoredKey }
  | { kind: 'no_keys' }
  | { kind: 'expired'; key: StoredKey }
  | { kind: 'missing'; category: number };

const TYPE_RANK: Record<KeyInfo['type'], number> = { personal: 0, service: 0, test: 1, base: 2, unknown: 3 };

export function reportCategory(report: ReportId): number {
  return ENDPOINTS[REPORTS[report].endpoint].category;
}

/** Whether a key can serve a report at all (ignoring expiry). */
export function keyServes(info: KeyInfo, report: ReportId): boolean {
  const endpoint = ENDPOINTS[REPORTS[report].endpoint];
  if (!hasCategory(info, endpoint.category)) return false;
  // A sandbox key reaches only hosts that have a sandbox.
  return !info.sandbox || endpoint.sandboxHost !== null;
}

export function routeReport(report: ReportId, keys: StoredKey[], now: number): Route {
  if (!keys.length) return { kind: 'no_keys' };
  const serving = keys.filter((k) => keyServes(k.info, report));
  if (!serving.length) return { kind: 'missing', category: reportCategory(report) };
  const live = serving.filter((k) => k.info.expiresAt === null || k.info.expiresAt > now);
  if (!live.length) return { kind: 'expired', key: serving[0] };
  live.sort(
    (a, b) =>
      Number(a.info.sandbox) - Number(b.info.sandbox) ||
      TYPE_RANK[a.info.type] - TYPE_RANK[b.info.type] ||
      (b.info.expiresAt ?? Infinity) - (a.info.expiresAt ?? Infinity),
  );
  return { kind: 'ok', key: live[0] };
}
