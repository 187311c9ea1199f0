/**
 * A year of one measure in one cell: day values separated by commas, zero written as
 * nothing, trailing zeros dropped ("3,,5" = 3 on 1 January, 0 on the 2nd, 5 on the 3rd).
 * One row per year and item keeps a year of a 500-article catalogue (1,250 sizes) in
 * about 1,750 rows, where a row per day and size would be ~450,000 rows and pass
 * Google's 10-million-cell limit; and a formula reads a few thousand cells, not
 * hundreds of thousands. Stock uses "-" for a day without a snapshot, since 0 there is
 * a real value.
 */
/** Day slots in a row: 366, day 1 of the year at index 0. */
export const SLOTS = 366;

export function packDays(values: (number | null)[], keepZeros = false): string {
  const parts = values.map((v) => (v === null ? (keepZeros ? '-' : '') : v === 0 && !keepZeros ? '' : String(v)));
  let end = parts.length;
  const empty = keepZeros ? '-' : '';
  while (end > 0 && parts[end - 1] === empty) end--;
  return parts.slice(0, end).join(',');
}

/** SLOTS slots (1 January at index 0); `keepZeros` for stock: '-' or '' is unknown (null). */
export function unpackDays(text: unknown, keepZeros = false): (number | null)[] {
  const out: (number | null)[] = new Array(SLOTS).fill(keepZeros ? null : 0);
  if (typeof text === 'number') {
    out[0] = text;
    return out;
  }
  if (typeof text !== 'string' || text === '') return out;
  const parts = text.split(',');
  for (let i = 0; i < parts.length && i < SLOTS; i++) {
    const p = parts[i];
    if (p === '' || p === '-') continue;
    const n = Number(p);
    if (isFinite(n)) out[i] = n;
  }
  return out;
}

/**
 * Calls `each(slot, value)` for the numbers of a packed cell up to slot `last`, parsing
 * digits in place (no substrings, no arrays): the formulas scan thousands of year-long
 * cells per call, so this is their hot loop. Empty slots and '-' give no call.
 */
export function scan(text: string, last: number, each: (slot: number, value: number) => void): void {
  let slot = 0;
  let value = 0;
  let digits = false;
  let negative = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits = true;
    } else if (c === 45) negative = true; // '-': a sign, or alone an unknown stock day
    else if (c === 44) {
      if (digits) each(slot, negative ? -value : value);
      if (++slot > last) return;
      value = 0;
      digits = false;
      negative = false;
    } else if (c === 46 || c === 101 || c === 69) {
      // A decimal or exponent never comes from packDays: fall back to the exact parse.
      const parts = text.split(',');
      for (let k = slot; k < parts.length && k <= last; k++) {
        const v = Number(parts[k]);
        if (parts[k] !== '' && v === v) each(k, v);
      }
      return;
    }
  }
}

/** Sum of slots `first`..`last` of a packed cell. */
export function sumPacked(text: unknown, first: number, last: number): number {
  if (typeof text === 'number') return first <= 0 && last >= 0 ? text : 0;
  if (typeof text !== 'string' || text === '' || first > last) return 0;
  let total = 0;
  scan(text, last, (slot, v) => {
    if (slot >= first) total += v;
  });
  return total;
}

/** First and last slot holding a non-zero number, or null. */
export function packedSpan(text: unknown): { first: number; last: number } | null {
  if (typeof text === 'number') return text ? { first: 0, last: 0 } : null;
  if (typeof text !== 'string' || text === '') return null;
  let first = -1;
  let last = -1;
  scan(text, Infinity, (slot, v) => {
    if (v === 0) return;
    if (first < 0) first = slot;
    last = slot;
  });
  return first < 0 ? null : { first, last };
}
