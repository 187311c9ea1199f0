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

export function abc(items: AbcInput[]): AbcLine[] {
  const ranked = items.filter((i) => i.value > 0).sort((a, b) => b.value - a.value || a.article.localeCompare(b.article));
  const total = ranked.reduce((t, i) => t + i.value, 0);
  let before = 0;
  return ranked.map((i) => {
    const startShare = total ? before / total : 0;
    before += i.value;
    const cumulative = total ? before / total : 0;
    const abcClass = startShare < 0.8 ? 'A' : startShare < 0.95 ? 'B' : 'C';
    return { ...i, share: total ? i.value / total : 0, cumulative, abcClass };
  });
}
