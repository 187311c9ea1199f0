/**
 * Buyer reviews (feedbacks-api, 09-communications.yaml «Вопросы и отзывы», bit 7):
 * GET /api/v1/feedbacks with isAnswered (required), take (required, <= 5000), skip
 * (required, <= 199990), order (dateAsc|dateDesc), nmId, dateFrom/dateTo (Unix seconds,
 * on the review's creation).
 *
 * Reviews come from the seller's own sales: each bought-out unit gets a review with a
 * fixed chance (more sales, more reviews), a few hours to ten days after the sale;
 * a returned unit gets one more rarely (orderStatus "returned"). Texts are what
 * buyers write (emoji, line breaks, a leading "=", "+" or "-"). Most reviews are
 * answered by the seller some time later (the review then moves from the isAnswered=false
 * list to the isAnswered=true one); some never are. An unanswered review older than 30
 * days is archived (/feedbacks/archive, not served here) and leaves both lists, as the
 * spec says. Reviews without text and photos (archived at once by WB) are not made.
 *
 * Every method of the category shares one bucket per seller (3/s burst 6; Base 5/h):
 * the route 'feedbacks'. A bad parameter is WB's 400 body of this API
 * ({data:null,error:true,errorText,...}) and does not consume the bucket.
 */
import { FakeResponse } from '../shared/http';
import { JSON_TYPE, okJson } from './errors';
import type { SaleRec, SellerData } from './generator';
import { Rng, hash32 } from './prng';
import { RequestCtx, goBool } from './service';
import { DAY, HOUR, MINUTE, fmtMskOffset } from './time';

const { floor } = Math;

export const FEEDBACKS_TAKE_MAX = 5000;
export const FEEDBACKS_SKIP_MAX = 199990;
/** An unanswered review leaves the lists (archive) after this long. */
export const UNANSWERED_ARCHIVE_MS = 30 * DAY;
export const P_REVIEW_SALE = 0.3;
export const P_REVIEW_RETURN = 0.1;
export const P_NEVER_ANSWERED = 0.15;

export const ERR_FEEDBACK = 'Something went wrong';
export const ERR_IS_ANSWERED = 'Плохой формат isAnswered';
export const ERR_DATE_FROM = 'Плохой формат dateFrom';
export const ERR_DATE_TO = 'Плохой формат dateTo';
export const ERR_TAKE = 'Плохой формат take';
export const ERR_SKIP = 'Плохой формат skip';

const DOMAIN_REVIEW = 13;
const ID_ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const TEXTS: [number, string][] = [
  [5, 'Спасибо, всё подошло'],
  [5, 'Отличное качество 👍👍\nРазмер в размер, беру второй'],
  [5, '+ доставка быстрая, + упаковано хорошо'],
  [4, '=) нормально, за свои деньги ок'],
  [5, 'Супер!!! 🔥🔥🔥'],
  [4, 'Хорошая вещь.\n\nНо пришла мятая, пришлось гладить'],
  [3, '-  цвет не как на фото\n+ ткань приятная'],
  [2, 'Маломерит на размер 😕'],
  [1, '=SUM(A1:A9) шучу, вещь ужасная, нитки торчат'],
  [1, 'Пришёл брак. Возврат оформила'],
  [5, '"Лучшее" что покупала в этом году 💯'],
  [3, '-'],
  [4, 'Good quality, fast delivery 🙂'],
  [2, '++ цена\n-- качество'],
];
const PROS = ['Удобный', 'Цена', '+ мягкий', '', 'Качество 👌', '=) всё', ''];
const CONS = ['Нет', '', '- тонкий', 'Маломерит', '', '-'];
const ANSWERS = [
  'Пожалуйста. Ждём вас снова!',
  'Спасибо за отзыв! 🙏',
  '=) Рады, что понравилось',
  'Нам жаль, что так вышло.\nНапишите нам, разберёмся.',
  '- Благодарим за обратную связь!',
];

export interface Review {
  id: string;
  sale: SaleRec;
  createdAt: number;
  /** 0 when the seller never answers */
  answeredAt: number;
  stars: number;
  text: string;
  pros: string;
  cons: string;
  answer: string;
  photos: number;
  video: boolean;
  userName: string;
}

export class Feedbacks {
  private readonly reviews: Review[] = [];
  private scanned = 0;
  private sorted = true;

  constructor(private readonly seed: number, private readonly data: SellerData) {}

  /** Every review WB holds up to `now`, oldest first (created time, then id). */
  all(now: number): Review[] {
    const rows = this.data.salesRows;
    for (; this.scanned < rows.length; this.scanned++) {
      const r = this.make(rows[this.scanned]);
      if (r) {
        this.reviews.push(r);
        this.sorted = false;
      }
    }
    if (!this.sorted) {
      this.reviews.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.sorted = true;
    }
    let hi = this.reviews.length;
    while (hi > 0 && this.reviews[hi - 1].createdAt > now) hi--;
    return this.reviews.slice(0, hi);
  }

  private make(sale: SaleRec): Review | null {
    const o = sale.order;
    const rng = new Rng(this.seed, DOMAIN_REVIEW, o.idx, sale.isReturn ? 1 : 0);
    if (!rng.chance(sale.isReturn ? P_REVIEW_RETURN : P_REVIEW_SALE)) return null;
    const createdAt = floor((sale.date + rng.int(3 * 3600, 10 * 24 * 3600) * 1000) / 1000) * 1000;
    // Each article has its own quality: some collect worse stars than others.
    const bias = hash32(this.seed, DOMAIN_REVIEW, o.product.nmId) % 3;
    let [stars, text] = TEXTS[rng.int(0, TEXTS.length - 1)];
    if (sale.isReturn) stars = Math.min(stars, rng.int(1, 3));
    else if (bias === 2 && stars > 1 && rng.chance(0.4)) stars--;
    const never = rng.chance(P_NEVER_ANSWERED);
    const answeredAt = never ? 0 : createdAt + rng.int(20 * 60, 4 * 24 * 3600) * 1000;
    let id = '';
    for (let i = 0; i < 20; i++) id += ID_ABC[rng.u32() % ID_ABC.length];
    return {
      id,
      sale,
      createdAt,
      answeredAt,
      stars,
      text,
      pros: PROS[rng.int(0, PROS.length - 1)],
      cons: CONS[rng.int(0, CONS.length - 1)],
      answer: ANSWERS[rng.int(0, ANSWERS.length - 1)],
      photos: rng.chance(0.2) ? rng.int(1, 5) : 0,
      video: rng.chance(0.05),
      userName: rng.pick(['Николай', 'Анна', 'Мария', 'Ольга', 'Дмитрий', '']),
    };
  }

  /** Answered as of `now`. */
  static answered(r: Review, now: number): boolean {
    return r.answeredAt !== 0 && r.answeredAt <= now;
  }

  /** In the /feedbacks lists as of `now` (not archived unanswered). */
  static listed(r: Review, now: number): boolean {
    return Feedbacks.answered(r, now) || now - r.createdAt < UNANSWERED_ARCHIVE_MS;
  }

  json(r: Review, now: number): Record<string, unknown> {
    const o = r.sale.order;
    const p = o.product;
    const answered = Feedbacks.answered(r, now);
    const photoLinks = [];
    for (let i = 0; i < r.photos; i++) {
      const path = `https://feedback0${(i % 4) + 1}.wbbasket.ru/vol${1000 + i}/part${100000 + i}/${r.id}/photos/`;
      photoLinks.push({ fullSize: path + 'fs.webp', miniSize: path + 'ms.webp' });
    }
    return {
      id: r.id,
      text: r.text,
      pros: r.pros,
      cons: r.cons,
      productValuation: r.stars,
      createdDate: fmtMskOffset(r.createdAt),
      answer: answered ? { text: r.answer, state: 'wbRu', editable: now - r.answeredAt < 60 * MINUTE } : null,
      state: answered ? 'wbRu' : 'none',
      productDetails: {
        imtId: 100_000_000 + (p.nmId % 900_000_000),
        nmId: p.nmId,
        productName: p.subject,
        supplierArticle: p.supplierArticle,
        supplierName: 'ИП Продавец',
        brandName: p.brand,
        size: o.size.techSize,
      },
      video: r.video ? { previewImage: `https://videofeedback01.wbbasket.ru/${r.id}/preview.webp`, link: `https://videofeedback01.wbbasket.ru/${r.id}/index.m3u8`, durationSec: 10 } : null,
      wasViewed: answered || now - r.createdAt > 6 * HOUR,
      photoLinks,
      userName: r.userName,
      orderStatus: r.sale.isReturn ? 'returned' : 'buyout',
      matchingSize: 'ok',
      bables: [],
      lastOrderShkId: 100_000_000 + o.idx,
      lastOrderCreatedAt: fmtMskOffset(o.date),
      color: 'colorless',
      subjectId: 219,
      subjectName: p.subject,
      parentFeedbackId: null,
      childFeedbackId: null,
    };
  }

  list(ctx: RequestCtx): FakeResponse {
    const p = ctx.params;
    const isAnsweredText = p.get('isAnswered');
    const isAnswered = isAnsweredText === null ? null : goBool(isAnsweredText);
    if (isAnswered === null) return feedbackError(400, ERR_IS_ANSWERED, ctx);
    const take = uintParam(p.get('take'));
    if (take === null || take < 1 || take > FEEDBACKS_TAKE_MAX) return feedbackError(400, ERR_TAKE, ctx);
    const skip = uintParam(p.get('skip'));
    if (skip === null || skip > FEEDBACKS_SKIP_MAX) return feedbackError(400, ERR_SKIP, ctx);
    const order = p.get('order');
    if (order !== null && order !== 'dateAsc' && order !== 'dateDesc') return feedbackError(400, ERR_FEEDBACK, ctx);
    const nmIdText = p.get('nmId');
    const nmId = nmIdText === null ? null : uintParam(nmIdText);
    if (nmIdText !== null && nmId === null) return feedbackError(400, ERR_FEEDBACK, ctx);
    const fromText = p.get('dateFrom');
    const from = fromText === null ? null : uintParam(fromText);
    if (fromText !== null && from === null) return feedbackError(400, ERR_DATE_FROM, ctx);
    const toText = p.get('dateTo');
    const to = toText === null ? null : uintParam(toText);
    if (toText !== null && to === null) return feedbackError(400, ERR_DATE_TO, ctx);

    const taken = ctx.take('feedbacks');
    if ('status' in taken) return taken;
    const now = ctx.nowMs;
    const all = ctx.mine ? this.all(now).filter((r) => Feedbacks.listed(r, now)) : [];
    let countUnanswered = 0;
    let countArchive = 0;
    for (const r of all) {
      if (Feedbacks.answered(r, now)) countArchive++;
      else countUnanswered++;
    }
    let rows = all.filter(
      (r) =>
        Feedbacks.answered(r, now) === isAnswered &&
        (nmId === null || r.sale.order.product.nmId === nmId) &&
        (from === null || r.createdAt >= from * 1000) &&
        (to === null || r.createdAt <= to * 1000),
    );
    // dateDesc when no order is given (the newest first, as the seller's account shows).
    if (order !== 'dateAsc') rows = rows.reverse();
    rows = rows.slice(skip, skip + take);
    const body = {
      data: { countUnanswered, countArchive, feedbacks: rows.map((r) => this.json(r, now)) },
      error: false,
      errorText: '',
      additionalErrors: null,
    };
    return okJson(JSON.stringify(body), taken.headers);
  }
}

function uintParam(v: string | null): number | null {
  if (v === null || !/^\d{1,15}$/.test(v)) return null;
  return Number(v);
}

/** The error body of the feedbacks API (FeedbackErr400 / IsAnsweredErr400 ...). */
export function feedbackError(status: 400 | 403 | 404, errorText: string, ctx: RequestCtx): FakeResponse {
  const requestId = ctx.ids.requestId();
  const uuid = `${requestId.slice(0, 8)}-${requestId.slice(8, 12)}-${requestId.slice(12, 16)}-${requestId.slice(16, 20)}-${requestId.slice(20, 32)}`;
  return {
    status,
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify({ data: null, error: true, errorText, additionalErrors: null, requestId: uuid }),
  };
}
