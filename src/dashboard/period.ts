/**
 * The dashboard's period: the last 7, 30 or 90 full Moscow days (ending yesterday, so a
 * half-day never skews the comparison), or the seller's own dates; and the period of
 * the same length just before it, for the changes.
 */
export type PeriodChoice = '7' | '30' | '90' | 'dates';

export interface Period {
  from: number;
  to: number;
  prevFrom: number;
  prevTo: number;
  days: number;
}

export function resolvePeriod(choice: PeriodChoice, today: number, from: number | null, to: number | null): Period {
  let a: number;
  let b: number;
  if (choice === 'dates' && from !== null && to !== null && from <= to) {
    a = from;
    b = to;
  } else {
    const n = choice === '7' ? 7 : choice === '90' ? 90 : 30;
    b = today - 1;
    a = b - n + 1;
  }
  const days = b - a + 1;
  return { from: a, to: b, prevFrom: a - days, prevTo: a - 1, days };
}

/** The selector's text (either language) as a choice; anything else is the 30-day default. */
export function parseChoice(text: unknown): PeriodChoice {
  const t = String(text ?? '').trim().toLowerCase();
  if (/^7\b/.test(t)) return '7';
  if (/^90\b/.test(t)) return '90';
  if (/^30\b/.test(t)) return '30';
  if (t === 'даты' || t === 'dates' || t === 'свои даты' || t === 'custom dates') return 'dates';
  return '30';
}
