/**
 * Google allows a consumer account 90 minutes a day of time-driven trigger runtime,
 * for all the user's scripts together. Scheduled refreshes count their own use (in the
 * user's properties, shared by the user's documents) and stop well before the limit,
 * so the schedule never dies of quota in the middle of a write.
 */
import { KeyValueStore } from '../gas/types';
import { formatWallDay, instantToMoscowWall } from '../wb/moscow-time';

export const DAILY_TRIGGER_MS = 90 * 60000;
/** Left unused for the user's other scripts and for our own overrun. */
export const TRIGGER_RESERVE_MS = 10 * 60000;
const PROPERTY = 'wb.triggerTime';

interface Usage {
  day: string;
  usedMs: number;
}

function today(now: number): string {
  return formatWallDay(instantToMoscowWall(now));
}

export function triggerUsage(userProps: KeyValueStore, now: number): Usage {
  try {
    const u = JSON.parse(userProps.get(PROPERTY) || 'null') as Usage | null;
    if (u && u.day === today(now) && typeof u.usedMs === 'number') return u;
  } catch {
    // start afresh
  }
  return { day: today(now), usedMs: 0 };
}

/** Milliseconds a scheduled run may still use today (0: skip this run). */
export function triggerTimeLeft(userProps: KeyValueStore, now: number): number {
  return Math.max(0, DAILY_TRIGGER_MS - TRIGGER_RESERVE_MS - triggerUsage(userProps, now).usedMs);
}

export function recordTriggerTime(userProps: KeyValueStore, startedAt: number, now: number): void {
  const usage = triggerUsage(userProps, startedAt);
  userProps.set(PROPERTY, JSON.stringify({ day: usage.day, usedMs: usage.usedMs + Math.max(0, now - startedAt) }));
}
