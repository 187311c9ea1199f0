/**
 * The refresh schedule: off, every 1/2/4/6/12 hours, or daily at an hour (Moscow
 * time). Exactly one time-driven trigger per user per document, as editor add-ons
 * require (and never more often than hourly). The choice is the user's own, kept in
 * user properties per document, since the trigger runs as that user.
 */
import { KeyValueStore, TriggerGateway } from '../gas/types';

export type ScheduleMode = 'off' | 'every1' | 'every2' | 'every4' | 'every6' | 'every12' | 'daily';

export interface Schedule {
  mode: ScheduleMode;
  /** For 'daily': the hour (0-23, Moscow time). */
  hour: number;
}

export const SCHEDULE_HANDLER = 'scheduledSync';
export const SCHEDULE_MODES: ScheduleMode[] = ['off', 'every1', 'every2', 'every4', 'every6', 'every12', 'daily'];
const HOURS: Partial<Record<ScheduleMode, number>> = { every1: 1, every2: 2, every4: 4, every6: 6, every12: 12 };
const DEFAULT: Schedule = { mode: 'off', hour: 7 };
export const SCHEDULE_TIME_ZONE = 'Europe/Moscow';

function property(documentId: string): string {
  return 'wb.schedule.' + documentId;
}

export function clean(input: Partial<Schedule> | null | undefined): Schedule {
  const mode = input && SCHEDULE_MODES.indexOf(input.mode as ScheduleMode) >= 0 ? (input.mode as ScheduleMode) : 'off';
  const hour = input && Number.isInteger(Number(input.hour)) && Number(input.hour) >= 0 && Number(input.hour) <= 23 ? Number(input.hour) : DEFAULT.hour;
  return { mode, hour };
}

export function loadSchedule(userProps: KeyValueStore, documentId: string): Schedule {
  try {
    return clean(JSON.parse(userProps.get(property(documentId)) || 'null'));
  } catch {
    return { ...DEFAULT };
  }
}

/** Replaces this user's trigger for this document with one for `schedule` (or none). */
export function applySchedule(input: Partial<Schedule>, userProps: KeyValueStore, documentId: string, triggers: TriggerGateway): Schedule {
  const schedule = clean(input);
  triggers.remove(SCHEDULE_HANDLER);
  const hours = HOURS[schedule.mode];
  if (hours) triggers.createEveryHours(SCHEDULE_HANDLER, hours);
  else if (schedule.mode === 'daily') triggers.createDaily(SCHEDULE_HANDLER, schedule.hour, SCHEDULE_TIME_ZONE);
  userProps.set(property(documentId), JSON.stringify(schedule));
  return schedule;
}

/**
 * When the next scheduled run is due, roughly: Apps Script fires a recurring trigger
 * at a randomised minute within its slot, so this is the earliest moment, not a promise.
 */
export function nextRunAt(schedule: Schedule, lastRunAt: number | null, now: number): number | null {
  const hours = HOURS[schedule.mode];
  if (hours) {
    const base = lastRunAt !== null ? lastRunAt + hours * 3600000 : now + 3600000;
    return Math.max(base, now);
  }
  if (schedule.mode === 'daily') {
    const msk = now + 3 * 3600000;
    const dayStart = msk - (msk % 86400000);
    let at = dayStart + schedule.hour * 3600000 - 3 * 3600000;
    if (at <= now) at += 86400000;
    return at;
  }
  return null;
}
