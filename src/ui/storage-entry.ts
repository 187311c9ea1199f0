/**
 * The sidebar's «Хранилище» section: BigQuery storage on or off, checked in plain words.
 * Turning it on asks for the BigQuery scope only then (granular consent): without it,
 * nothing else of the add-on needs or asks for BigQuery.
 */
import { AdvancedBigQuery } from '../gas/bigquery';
import type { BigQueryGateway } from '../gas/bigquery-port';
import { BIGQUERY_SCOPE, ScopeGate, appsScriptScopes } from '../gas/scopes';
import { KeyValueStore, SpreadsheetGateway } from '../gas/types';
import { REPORTS } from '../reports';
import { TABLE_TAG } from '../store/table';
import { Locale } from '../texts/i18n';
import { bqTexts } from '../texts/bigquery';
import { Warehouse } from '../bigquery/loader';
import { StorageCheck, checkStorage as check } from '../bigquery/check';
import { LOCATIONS, RAW_WINDOW_DAYS, StorageSettings, loadStorage, saveStorage as store, validDataset, validProject } from '../bigquery/settings';
import { EXTRA_TABLES, markAllBehind } from '../bigquery/sync-hook';
import type { StorageView } from './contract';

export interface StorageResponse {
  ok: boolean;
  message: string;
}

export function storageView(props: KeyValueStore, locale: Locale): StorageView {
  const t = bqTexts(locale);
  return {
    settings: loadStorage(props),
    locations: LOCATIONS.slice(),
    labels: {
      heading: t.sectionTitle,
      modeOff: t.modeOff,
      modeBigQuery: t.modeBigQuery,
      project: t.project,
      dataset: t.dataset,
      location: t.location,
      keepRaw: t.keepRaw,
      keepRawHint: t.keepRawHint(RAW_WINDOW_DAYS),
      save: t.save,
      check: t.check,
    },
  };
}

/** The BigQuery service for a refresh, when the seller turned BigQuery storage on. */
export function bigQueryFor(props: KeyValueStore): BigQueryGateway | null {
  return loadStorage(props).mode === 'bigquery' ? new AdvancedBigQuery() : null;
}

/** Every table a refresh may load whose sheet exists: BigQuery gets their rows from the sheets. */
function existingTables(gateway: SpreadsheetGateway): string[] {
  const specs = Object.values(REPORTS).concat(EXTRA_TABLES);
  return specs.filter((s) => gateway.findSheetByTag(TABLE_TAG, s.id) !== null).map((s) => s.id);
}

/**
 * Saves the storage choice. Turning BigQuery on (or pointing it at another dataset) asks
 * for the scope first when it is missing: Apps Script then ends this execution with its
 * consent prompt and nothing is saved; the seller presses Save again once allowed. Rows
 * already in the sheets go to BigQuery from the sheets on the next refreshes.
 */
export function saveStorageChoice(
  raw: Partial<StorageSettings>,
  deps: { props: KeyValueStore; gateway: SpreadsheetGateway; locale: Locale; scopes?: ScopeGate },
): StorageResponse {
  const t = bqTexts(deps.locale);
  const scopes = deps.scopes || appsScriptScopes;
  const wanted = raw || {};
  if (wanted.mode !== 'bigquery') {
    store(deps.props, { ...wanted, mode: 'off' });
    return { ok: true, message: t.savedOff };
  }
  const project = String(wanted.project || '').trim();
  const dataset = String(wanted.dataset || '').trim();
  if (!validProject(project)) return { ok: false, message: t.badProject };
  if (!validDataset(dataset)) return { ok: false, message: t.badDataset };
  if (!scopes.granted(BIGQUERY_SCOPE)) {
    scopes.requireScopes([BIGQUERY_SCOPE]); // ends the execution with Google's prompt
    return { ok: false, message: t.needScope };
  }
  const before = loadStorage(deps.props);
  const after = store(deps.props, { ...wanted, project, dataset, mode: 'bigquery' });
  const moved = before.mode !== 'bigquery' || before.project !== after.project || before.dataset !== after.dataset;
  if (moved) {
    Warehouse.forgetSchemas(deps.props);
    markAllBehind(deps.props, existingTables(deps.gateway));
  }
  return { ok: true, message: t.saved };
}

export function checkStorageChoice(raw: Partial<StorageSettings>, deps: { locale: Locale; scopes?: ScopeGate; bq?: BigQueryGateway }): StorageCheck {
  const t = bqTexts(deps.locale);
  const scopes = deps.scopes || appsScriptScopes;
  const s: StorageSettings = { ...loadStorageDefaults(), ...(raw || {}), mode: 'bigquery' } as StorageSettings;
  s.project = String(s.project || '').trim();
  s.dataset = String(s.dataset || '').trim();
  if (!validProject(s.project)) return { ok: false, message: t.badProject };
  if (!validDataset(s.dataset)) return { ok: false, message: t.badDataset };
  if (!scopes.granted(BIGQUERY_SCOPE)) return { ok: false, message: t.needScope };
  return check(deps.bq || new AdvancedBigQuery(), s, deps.locale);
}

function loadStorageDefaults(): StorageSettings {
  return { mode: 'off', project: '', dataset: 'wb_sheets', location: 'EU', keepRawInSheets: true };
}
