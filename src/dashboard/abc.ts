/**
 * ABC analysis: articles ranked by revenue (or by gross profit when the seller gave
 * cost prices), largest first. An article's class is decided by the running share of
 * the articles ranked BEFORE it: below 80 % -> A, below 95 % -> B, else C. So the
 * article that crosses 80 % is still A (A always covers at least 80 % of the total; a
 * single article with 90 % of it is A, not B), and one that starts exactly at 80 % is B.
 */
export interface AbcInput {
  nmId: number | null;
  article: string;
  value: number;
}

export interface AbcLine extends AbcInput {
  share: number;
  cumulative: number;
  abcClass: 'A' | 'B' | 'C';
}

/**
 * `keepLosses` (ranking by profit): articles at zero or a loss are listed last, largest
 * loss at the bottom, all C, their share negative of the positive total; they never
 * move the running share of the others. Otherwise they are left out (no revenue).
 */
export function abc(items: AbcInput[], keepLosses = false): AbcLine[] {
  const order = (a: AbcInput, b: AbcInput) => b.value - a.value || a.article.localeCompare(b.article);
  const ranked = items.filter((i) => i.value > 0).sort(order);
  const total = ranked.reduce((t, i) => t + i.value, 0);
  let before = 0;
  const losses: AbcLine[] = keepLosses ? items.filter((i) => !(i.value > 0)).sort(order).map((i) => ({ ...i, share: total ? i.value / total : 0, cumulative: total ? 1 : 0, abcClass: 'C' as const })) : [];
  return ranked.map((i): AbcLine => {
    const startShare = total ? before / total : 0;
    before += i.value;
    const cumulative = total ? before / total : 0;
    const abcClass = startShare < 0.8 ? 'A' : startShare < 0.95 ? 'B' : 'C';
    return { ...i, share: total ? i.value / total : 0, cumulative, abcClass };
  }).concat(losses);
}
