/** Document settings a seller changes in the sidebar. */
import { KeyValueStore } from '../gas/types';

export interface SyncSettings {
  /** Realization report period: WB's weekly reports (default) or daily ones. */
  realizationPeriod: 'weekly' | 'daily';
  /** Show every WB field of the realization report, not only those a seller reconciles with. */
  realizationAllFields: boolean;
  /**
   * Days of raw orders, sales and realization rows to keep (0: keep all, the default).
   * Older rows are deleted only after their daily totals are safe; the formulas still
   * answer for those days from the daily table. Never shorter than WB's 90 days plus a
   * margin, so WB cannot send back a row that was trimmed.
   */
  retentionDays: number;
}

export const RETENTION_CHOICES = [0, 180, 365, 730];

function retention(v: unknown): number {
  return typeof v === 'number' && RETENTION_CHOICES.indexOf(v) >= 0 ? v : 0;
}

export const SETTINGS_PROPERTY = 'wb.settings';
export const DEFAULT_SETTINGS: SyncSettings = { realizationPeriod: 'weekly', realizationAllFields: false, retentionDays: 0 };

export function loadSettings(props: KeyValueStore): SyncSettings {
  try {
    const raw = JSON.parse(props.get(SETTINGS_PROPERTY) || '{}');
    return {
      realizationPeriod: raw.realizationPeriod === 'daily' ? 'daily' : 'weekly',
      realizationAllFields: raw.realizationAllFields === true,
      retentionDays: retention(raw.retentionDays),
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(props: KeyValueStore, settings: Partial<SyncSettings>): SyncSettings {
  const merged = { ...loadSettings(props), ...settings };
  const clean: SyncSettings = {
    realizationPeriod: merged.realizationPeriod === 'daily' ? 'daily' : 'weekly',
    realizationAllFields: merged.realizationAllFields === true,
    retentionDays: retention(merged.retentionDays),
  };
  props.set(SETTINGS_PROPERTY, JSON.stringify(clean));
  return clean;
}
