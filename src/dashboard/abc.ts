/**
 * ABC analysis: articles ranked by revenue (or by gross profit when the seller gave
 * cost prices), largest first; A while the running share is within 80 %, B within
 * 95 %, C for the rest. The article that crosses a boundary belongs to the class it
 * starts in.
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
