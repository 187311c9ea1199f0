/** Document settings a seller changes in the sidebar. */
import { KeyValueStore } from '../gas/types';

export interface SyncSettings {
  /** Realization report period: WB's weekly reports (default) or daily ones. */
  realizationPeriod: 'weekly' | 'daily';
  /** Show every WB field of the realization report, not only those a seller reconciles with. */
  realizationAllFields: boolean;
}

export const SETTINGS_PROPERTY = 'wb.settings';
export const DEFAULT_SETTINGS: SyncSettings = { realizationPeriod: 'weekly', realizationAllFields: false };

export function loadSettings(props: KeyValueStore): SyncSettings {
  try {
    const raw = JSON.parse(props.get(SETTINGS_PROPERTY) || '{}');
    return {
      realizationPeriod: raw.realizationPeriod === 'daily' ? 'daily' : 'weekly',
      realizationAllFields: raw.realizationAllFields === true,
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
  };
  props.set(SETTINGS_PROPERTY, JSON.stringify(clean));
  return clean;
}
