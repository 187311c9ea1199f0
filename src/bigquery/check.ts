/**
 * «Проверить»: whether the seller's project is reachable for BigQuery storage and, in
 * plain words, what is missing (the API not enabled, no permission, a wrong project id),
 * plus the sandbox's rule (tables' partitions older than 60 days are deleted).
 */
import { BigQueryGateway, BqFailure } from '../gas/bigquery-port';
import { Locale } from '../texts/i18n';
import { bqTexts } from '../texts/bigquery';
import { StorageSettings, validDataset, validProject } from './settings';

export interface StorageCheck {
  ok: boolean;
  message: string;
}

export function explainFailure(e: BqFailure, project: string, locale: Locale): string {
  const t = bqTexts(locale);
  switch (e.reason) {
    case 'accessNotConfigured':
      return t.checkApiOff(project);
    case 'accessDenied':
    case 'forbidden':
      return t.checkNoPermission(project);
    case 'notFound':
      return t.checkNoProject(project);
    case 'scopeNotGranted':
      return t.needScope;
    case 'billingNotEnabled':
      return t.checkSandbox;
    case 'quotaExceeded':
    case 'rateLimitExceeded':
      return t.checkQuota;
    default:
      return t.checkOther(e.message.slice(0, 200));
  }
}

export function checkStorage(bq: BigQueryGateway, s: StorageSettings, locale: Locale): StorageCheck {
  const t = bqTexts(locale);
  if (!validProject(s.project)) return { ok: false, message: t.badProject };
  if (!validDataset(s.dataset)) return { ok: false, message: t.badDataset };
  try {
    const location = bq.getDatasetLocation(s.project, s.dataset);
    // A query proves jobs may run in the project (the Job User role), not only reads.
    bq.query(s.project, location || s.location, 'SELECT 1 AS ok', 10000);
    const lines = [t.checkOk(s.project, s.dataset, location || s.location, location !== null)];
    if (location !== null && location !== s.location) lines.push(t.checkLocationDiffers(s.dataset, location, s.location));
    // Billing itself is not visible to the project's user through BigQuery; what decides
    // whether rows disappear is the dataset's expiration (the sandbox sets 60 days, and it
    // stays after billing is linked until cleared). A dataset not made yet: the rule in general.
    if (location === null) lines.push(t.checkSandbox);
    else {
      const ms = bq.getDatasetExpirationMs(s.project, s.dataset);
      lines.push(ms === null ? t.checkKeepsAll(s.dataset) : t.checkExpires(s.dataset, Math.round(ms / 86400000)));
    }
    return { ok: true, message: lines.join(' ') };
  } catch (e) {
    if (!(e instanceof BqFailure)) throw e;
    return { ok: false, message: explainFailure(e, s.project, locale) };
  }
}
