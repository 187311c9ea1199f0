/**
 * What the daily table still owes: days whose raw rows changed ("dirty"), per source,
 * saved BEFORE those rows are written, cleared only after the day's totals are written
 * and flushed. A run killed anywhere in between recomputes the days again: the totals
 * are rebuilt from raw rows, so doing it twice changes nothing.

 */
import { KeyValueStore } from '../gas/types';
import { DailySource } from './measures';

export const DIRTY_PROPERTY = 'wb.daily.dirty';

export type DirtyDays = Partial<Record<DailySource, number[] | 'all'>>;

function read<T>(props: KeyValueStore, name: string): T {
  try {
    return (JSON.parse(props.get(name) || '{}') || {}) as T;
  } catch {
    return {} as T;
  }
}

export function loadDirty(props: KeyValueStore): DirtyDays {
  return read<DirtyDays>(props, DIRTY_PROPERTY);
}

export function markDirty(props: KeyValueStore, source: DailySource, days: number[] | 'all'): void {
  const dirty = loadDirty(props);
  const now = dirty[source];
  if (now === 'all') return;
  if (days === 'all') dirty[source] = 'all';
  else {
    const set = new Set(now || []);
    let grew = false;
    for (const d of days) if (!set.has(d)) (set.add(d), (grew = true));
    if (!grew) return;
    dirty[source] = Array.from(set).sort((a, b) => a - b);
  }
  props.set(DIRTY_PROPERTY, JSON.stringify(dirty));
}

/** Clears what was recomputed; days marked since (none under the lock) would stay. */
export function clearDirty(props: KeyValueStore, done: DirtyDays): void {
  const dirty = loadDirty(props);
  for (const source of Object.keys(done) as DailySource[]) {
    const was = done[source];
    const now = dirty[source];
    if (was === 'all' || now === undefined) delete dirty[source];
    else if (now !== 'all') {
      const cleared = new Set(was);
      const left = now.filter((d) => !cleared.has(d));
      if (left.length) dirty[source] = left;
      else delete dirty[source];
    }
  }
  if (Object.keys(dirty).length) props.set(DIRTY_PROPERTY, JSON.stringify(dirty));
  else props.remove(DIRTY_PROPERTY);
}
