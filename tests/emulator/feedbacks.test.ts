import { WbEmulator } from './index';
import { ERR_IS_ANSWERED, ERR_SKIP, ERR_TAKE, UNANSWERED_ARCHIVE_MS } from './feedbacks';
import { NOW, call, json } from './helpers';
import { DAY, HOUR, MINUTE } from './time';

const HOST = 'feedbacks-api.wildberries.ru';
const PATH = '/api/v1/feedbacks';

function list(em: WbEmulator, key: string, query: Record<string, string>, now = em.now) {
  return call(em, { host: HOST, path: PATH, query, key, now });
}

describe('feedbacks: the list method', () => {
  const em = new WbEmulator({ seed: 41, now: NOW, articles: 6, ordersPerDay: 40 });
  const key = em.makeKey({ categories: [7] });
  let t = NOW;
  const next = () => (t += 400); // within 3/s
  const truth = em.reviews();

  test('reviews come from the sales: more sales, more reviews; each tied to a sold article', () => {
    const bySales = new Map<number, number>();
    for (const s of em.sales()) if (String(s.saleID).startsWith('S')) bySales.set(Number(s.nmId), (bySales.get(Number(s.nmId)) || 0) + 1);
    const byReviews = new Map<number, number>();
    for (const r of truth) byReviews.set((r.productDetails as any).nmId, (byReviews.get((r.productDetails as any).nmId) || 0) + 1);
    for (const nm of byReviews.keys()) expect(bySales.has(nm)).toBe(true);
    const ranked = [...bySales.entries()].sort((a, b) => b[1] - a[1]);
    expect(byReviews.get(ranked[0][0])!).toBeGreaterThan(byReviews.get(ranked[ranked.length - 1][0]) || 0);
    const share = truth.length / [...bySales.values()].reduce((a, b) => a + b, 0);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
  });

  test('isAnswered splits the lists; dateAsc, dateFrom and take/skip page them', () => {
    const un = json(list(em, key, { isAnswered: 'false', take: '5000', skip: '0', order: 'dateAsc' }, next()));
    const an = json(list(em, key, { isAnswered: 'true', take: '5000', skip: '0', order: 'dateAsc' }, next()));
    expect(un.error).toBe(false);
    expect(un.data.countUnanswered).toBe(un.data.feedbacks.length);
    expect(an.data.countArchive).toBe(an.data.feedbacks.length);
    expect(un.data.feedbacks.every((f: any) => f.answer === null)).toBe(true);
    expect(an.data.feedbacks.every((f: any) => typeof f.answer.text === 'string')).toBe(true);
    const listed = truth.filter((r) => r.listed);
    expect(un.data.feedbacks.length + an.data.feedbacks.length).toBe(listed.length);
    // Unanswered reviews older than 30 days are archived: out of both lists.
    for (const f of un.data.feedbacks) expect(NOW - Date.parse(f.createdDate)).toBeLessThan(UNANSWERED_ARCHIVE_MS);
    const page = json(list(em, key, { isAnswered: 'true', take: '10', skip: '5', order: 'dateAsc' }, next()));
    expect(page.data.feedbacks.map((f: any) => f.id)).toEqual(an.data.feedbacks.slice(5, 15).map((f: any) => f.id));
    const from = Math.floor(Date.parse(an.data.feedbacks[20].createdDate) / 1000);
    const since = json(list(em, key, { isAnswered: 'true', take: '5000', skip: '0', order: 'dateAsc', dateFrom: String(from) }, next()));
    expect(since.data.feedbacks.every((f: any) => Date.parse(f.createdDate) >= from * 1000)).toBe(true);
    expect(since.data.feedbacks.length).toBeGreaterThanOrEqual(an.data.feedbacks.length - 20);
    const desc = json(list(em, key, { isAnswered: 'true', take: '3', skip: '0' }, next()));
    expect(desc.data.feedbacks.map((f: any) => f.id)).toEqual(an.data.feedbacks.slice(-3).reverse().map((f: any) => f.id));
  });

  test('answers arrive later: a review moves from the unanswered list to the answered one', () => {
    const em2 = new WbEmulator({ seed: 42, now: NOW, articles: 4, ordersPerDay: 30 });
    const before = em2.reviews().filter((r) => !r.answered && r.listed);
    em2.advanceTo(NOW + 5 * DAY);
    const after = new Map(em2.reviews().map((r) => [r.id, r]));
    const moved = before.filter((r) => after.get(r.id)!.answered);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(before.length + 1);
  });

  test('texts as buyers write them: emoji, line breaks, a leading = + -', () => {
    const texts = truth.map((r) => String(r.text));
    expect(texts.some((s) => s.startsWith('='))).toBe(true);
    expect(texts.some((s) => s.startsWith('+'))).toBe(true);
    expect(texts.some((s) => s.startsWith('-'))).toBe(true);
    expect(texts.some((s) => s.includes('\n'))).toBe(true);
    expect(texts.some((s) => /\p{Extended_Pictographic}/u.test(s))).toBe(true);
  });

  test('parameters beyond the spec: 400 with the API’s own body', () => {
    const bad = [
      [{ take: '10', skip: '0' }, ERR_IS_ANSWERED],
      [{ isAnswered: 'yes', take: '10', skip: '0' }, ERR_IS_ANSWERED],
      [{ isAnswered: 'true', take: '5001', skip: '0' }, ERR_TAKE],
      [{ isAnswered: 'true', skip: '0' }, ERR_TAKE],
      [{ isAnswered: 'true', take: '10', skip: '199991' }, ERR_SKIP],
      [{ isAnswered: 'true', take: '10' }, ERR_SKIP],
    ] as const;
    for (const [q, text] of bad) {
      const r = list(em, key, q as Record<string, string>, t);
      expect(r.status).toBe(400);
      const body = json(r);
      expect(body).toMatchObject({ data: null, error: true, errorText: text, additionalErrors: null });
      expect(body.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(list(em, key, { isAnswered: 'true', take: '1', skip: '199990' }, next()).status).toBe(200);
  });

  test('a key without «Вопросы и отзывы» gets 401 token scope not allowed', () => {
    const stats = em.makeKey({ categories: [5, 2] });
    const r = list(em, stats, { isAnswered: 'true', take: '1', skip: '0' }, next());
    expect(r.status).toBe(401);
    expect(json(r).detail).toBe('token scope not allowed');
  });

  test('one bucket for the category: Personal 3/s burst 6; Base 5 per hour, burst 1', () => {
    const em3 = new WbEmulator({ seed: 43, now: NOW, articles: 2, ordersPerDay: 5 });
    const personal = em3.makeKey({ categories: [7] });
    const q = { isAnswered: 'false', take: '1', skip: '0' };
    const burst = Array.from({ length: 7 }, () => list(em3, personal, q, NOW).status);
    expect(burst).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(list(em3, personal, q, NOW + 334).status).toBe(200);
    const base = em3.makeKey({ type: 'base', categories: [7] });
    expect(list(em3, base, q, NOW + HOUR).status).toBe(200);
    const refused = list(em3, base, q, NOW + HOUR + MINUTE);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['X-Ratelimit-Retry'])).toBe(11 * 60);
    expect(list(em3, base, q, NOW + HOUR + 12 * MINUTE).status).toBe(200);
  });
});
