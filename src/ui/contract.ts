/** The typed boundary between the sidebar and the server (plain data only: no Dates). */
import { SyncSettings } from '../sync/settings';
import { Schedule } from '../sync/schedule';
import { SidebarLabels } from './i18n';
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
  keys: KeyStatusView[];
  matrix: ReportRowView[];
  banners: string[];
  settings: SyncSettings;
  schedule: ScheduleView;
  lastSync: LastSyncView | null;
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

/** Server functions the sidebar calls through google.script.run. */
export interface SidebarServer {
  getSidebarState(): SidebarState;
  saveKey(raw: string): SaveKeyResponse;
  removeKey(slot: string): SidebarState;
  saveSettings(settings: Partial<SyncSettings>): SidebarState;
  saveSchedule(schedule: Partial<Schedule>): SidebarState;
  syncAllNow(): SyncResponse;
  getProgress(): { message: string } | null;
}
