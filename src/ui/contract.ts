/**
 * The typed boundary between the sidebar and the server. google.script.run carries
 * only primitives, null and plain objects/arrays of them: a Date or a function anywhere
 * in an argument or a result fails the call, so texts are formatted on the server.
 */
import { SyncSettings } from '../sync/settings';
import type { StorageSettings } from '../bigquery/settings';
import { Schedule } from '../sync/schedule';
import { SidebarLabels } from '../texts/i18n';
import { ProfitLabels } from '../texts/profit-texts';
import { KeyStatusView, ReportRowView } from './key-status';

export interface LastSyncView {
  at: string;
  ok: boolean;
  message: string;
  scheduled: boolean;
}

export interface ScheduleView extends Schedule {
  /** Whether this user's trigger exists for this document. */
  active: boolean;
  next: string;
}

export interface SidebarState {
  locale: 'ru' | 'en';
  labels: SidebarLabels;
  profitLabels: ProfitLabels;
  keys: KeyStatusView[];
  matrix: ReportRowView[];
  banners: string[];
  settings: SyncSettings;
  schedule: ScheduleView;
  lastSync: LastSyncView | null;
  /** «Хранилище»: BigQuery storage (issue 14). */
  storage: StorageView;
}

export interface SaveKeyResponse {
  ok: boolean;
  message: string;
  state: SidebarState;
}

export interface SyncResponse {
  ok: boolean;
  busy: boolean;
  message: string;
  state: SidebarState;
}

/** The sidebar's «Хранилище» section. */
export interface StorageView {
  settings: StorageSettings;
  locations: string[];
  labels: {
    heading: string;
    modeOff: string;
    modeBigQuery: string;
    project: string;
    dataset: string;
    location: string;
    keepRaw: string;
    keepRawHint: string;
    save: string;
    check: string;
  };
}

/** Server functions the sidebar calls through google.script.run. */
export interface SidebarServer {
  getSidebarState(): SidebarState;
  saveKey(raw: string): SaveKeyResponse;
  removeKey(slot: string): SidebarState;
  saveSettings(settings: Partial<SyncSettings>): SidebarState;
  saveSchedule(schedule: Partial<Schedule>): SidebarState;
  syncAllNow(): SyncResponse;
  getProgress(): { message: string } | null;
  saveStorage(settings: Partial<StorageSettings>): { ok: boolean; message: string; state: SidebarState };
  checkStorage(settings: Partial<StorageSettings>): { ok: boolean; message: string };
}

/**
 * Whether a type is plain data google.script.run can carry (no functions, no Dates, no
 * class instances, no undefined inside arrays; an undefined object member is dropped).
 */
export type PlainData<T> = T extends string | number | boolean | null
  ? true
  : T extends Function
    ? false
    : T extends readonly (infer U)[]
      ? AllTrue<PlainData<U>>
      : T extends object
        ? AllTrue<{ [K in keyof T]-?: PlainData<Exclude<T[K], undefined>> }[keyof T]>
        : false;
type AllTrue<B> = [B] extends [true] ? true : false;
type MustBeTrue<T extends true> = T;

/** Fails to compile when any sidebar call's arguments or result could not cross google.script.run. */
export type SidebarServerIsPlain = MustBeTrue<
  AllTrue<{ [K in keyof SidebarServer]: AllTrue<PlainData<ReturnType<SidebarServer[K]>>> | AllTrue<PlainData<Parameters<SidebarServer[K]>>> }[keyof SidebarServer]>
>;
