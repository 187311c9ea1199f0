/**
 * Where raw rows are stored (sidebar «Хранилище»): only in the sheets (default), or also
 * in the seller's own BigQuery dataset. With BigQuery on, the seller may keep raw rows in
 * the sheets too (default) or only a recent window of days there (large sellers: the
 * spreadsheet would pass 10 million cells).
 */
import { KeyValueStore } from '../gas/types';

export interface StorageSettings {
  mode: 'off' | 'bigquery';
  project: string;
  dataset: string;
  location: string;
  /** Raw rows stay in the sheets too; off: the raw sheets keep RAW_WINDOW_DAYS days only. */
  keepRawInSheets: boolean;
}

export const STORAGE_PROPERTY = 'wb.storage';
/** Days of raw rows a raw sheet keeps when raw rows live in BigQuery only. */
export const RAW_WINDOW_DAYS = 7;
export const LOCATIONS = ['EU', 'US', 'europe-west1', 'europe-west3', 'europe-north1', 'asia-northeast1', 'asia-east1', 'asia-south1', 'us-central1'];
export const DEFAULT_STORAGE: StorageSettings = { mode: 'off', project: '', dataset: 'wb_sheets', location: 'EU', keepRawInSheets: true };

/** Google Cloud project ids: 6-30 lowercase letters, digits, hyphens (a domain prefix "x.com:" allowed). */
export function validProject(p: string): boolean {
  return /^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(p);
}

/** BigQuery dataset names: letters, digits, underscores, up to 1024. */
export function validDataset(d: string): boolean {
  return /^[A-Za-z0-9_]{1,1024}$/.test(d);
}

function clean(raw: Partial<StorageSettings>): StorageSettings {
  const project = typeof raw.project === 'string' ? raw.project.trim() : '';
  const dataset = typeof raw.dataset === 'string' && raw.dataset.trim() ? raw.dataset.trim() : DEFAULT_STORAGE.dataset;
  const location = typeof raw.location === 'string' && LOCATIONS.indexOf(raw.location) >= 0 ? raw.location : DEFAULT_STORAGE.location;
  const on = raw.mode === 'bigquery' && validProject(project) && validDataset(dataset);
  return { mode: on ? 'bigquery' : 'off', project, dataset, location, keepRawInSheets: raw.keepRawInSheets !== false };
}

export function loadStorage(props: KeyValueStore): StorageSettings {
  try {
    return clean(JSON.parse(props.get(STORAGE_PROPERTY) || '{}'));
  } catch {
    return { ...DEFAULT_STORAGE };
  }
}

export function saveStorage(props: KeyValueStore, settings: Partial<StorageSettings>): StorageSettings {
  const merged = clean({ ...loadStorage(props), ...settings });
  props.set(STORAGE_PROPERTY, JSON.stringify(merged));
  return merged;
}

/** Whether the raw sheets keep a recent window only (BigQuery holds every row). */
export function rawWindowOnly(s: StorageSettings): boolean {
  return s.mode === 'bigquery' && !s.keepRawInSheets;
}
