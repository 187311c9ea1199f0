/**
 * What the daily table keeps per day and item (article/size): the measures, which raw
 * report each comes from, and how they read in the sheet. Money is kept in whole
 * kopecks so every sum over days stays exact.
 */

export type DailySource = 'orders' | 'sales' | 'realization' | 'stockHistory' | 'reviews' | 'funnel' | 'search' | 'ads' | 'paidStorage' | 'acceptance';

export const DAILY_SOURCES: DailySource[] = ['orders', 'sales', 'realization', 'stockHistory', 'reviews', 'funnel', 'search', 'ads', 'paidStorage', 'acceptance'];

export const MEASURES = [
  'orders',
  'cancels',
  'buyouts',
  'sales',
  'returns',
  'revPriceWithDisc',
  'revFinishedPrice',
  'revForPay',
  'revTotalPrice',
  'realUnits',
  'retail',
  'payout',
  'commission',
  'logistics',
  'storage',
  'acceptance',
  'penalties',
  'deductions',
  'additional',
  'rebill',
  'loyalty',
  'paySchedule',
  'realRows',
  'stock',
  'adSpend',
  'adViews',
  'adClicks',
  'adOrders',
  'storagePaid',
  'acceptancePaid',
  'stars1',
  'stars2',
  'stars3',
  'stars4',
  'stars5',
  'answers',
  'views',
  'carts',
  'funnelOrders',
  'funnelOrderSum',
  'funnelBuyouts',
  'funnelBuyoutSum',
  'positionSum',
  'positionDays',
  'visibilitySum',
  'searchOpens',
] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_SOURCE: Record<Measure, DailySource> = {
  orders: 'orders',
  cancels: 'orders',
  buyouts: 'orders',
  sales: 'sales',
  returns: 'sales',
  revPriceWithDisc: 'sales',
  revFinishedPrice: 'sales',
  revForPay: 'sales',
  revTotalPrice: 'sales',
  realUnits: 'realization',
  retail: 'realization',
  payout: 'realization',
  commission: 'realization',
  logistics: 'realization',
  storage: 'realization',
  acceptance: 'realization',
  penalties: 'realization',
  deductions: 'realization',
  additional: 'realization',
  rebill: 'realization',
  loyalty: 'realization',
  paySchedule: 'realization',
  realRows: 'realization',
  stock: 'stockHistory',
  adSpend: 'ads',
  adViews: 'ads',
  adClicks: 'ads',
  adOrders: 'ads',
  storagePaid: 'paidStorage',
  acceptancePaid: 'acceptance',
  stars1: 'reviews',
  stars2: 'reviews',
  stars3: 'reviews',
  stars4: 'reviews',
  stars5: 'reviews',
  answers: 'reviews',
  views: 'funnel',
  carts: 'funnel',
  funnelOrders: 'funnel',
  funnelOrderSum: 'funnel',
  funnelBuyouts: 'funnel',
  funnelBuyoutSum: 'funnel',
  positionSum: 'search',
  positionDays: 'search',
  visibilitySum: 'search',
  searchOpens: 'search',
};

export function measuresOf(source: DailySource): Measure[] {
  return MEASURES.filter((m) => MEASURE_SOURCE[m] === source);
}

/** Headers of the measure columns: each cell holds the month's values day by day. */
export const MEASURE_TITLES: Record<Measure, { ru: string; en: string }> = {
  orders: { ru: 'Заказы, шт', en: 'Orders, units' },
  cancels: { ru: 'Отмены, шт', en: 'Cancellations, units' },
  buyouts: { ru: 'Выкуплено из заказов дня, шт', en: 'Bought out of the day\'s orders, units' },
  sales: { ru: 'Продажи, шт', en: 'Sales, units' },
  returns: { ru: 'Возвраты, шт', en: 'Returns, units' },
  revPriceWithDisc: { ru: 'Выручка по цене со скидкой продавца, коп.', en: 'Revenue at seller-discount price, kopecks' },
  revFinishedPrice: { ru: 'Выручка по цене для покупателя, коп.', en: 'Revenue at buyer price, kopecks' },
  revForPay: { ru: 'К перечислению (статистика), коп.', en: 'Payout per statistics (forPay), kopecks' },
  revTotalPrice: { ru: 'Выручка по цене без скидок, коп.', en: 'Revenue at price before discounts, kopecks' },
  realUnits: { ru: 'Реализация: продано минус возвраты, шт', en: 'Realization: sold minus returned, units' },
  retail: { ru: 'Реализация: WB реализовал, коп.', en: 'Realization: sale amount, kopecks' },
  payout: { ru: 'Реализация: к перечислению, коп.', en: 'Realization: payout, kopecks' },
  commission: { ru: 'Комиссия WB, коп.', en: 'WB commission, kopecks' },
  logistics: { ru: 'Логистика, коп.', en: 'Logistics, kopecks' },
  storage: { ru: 'Хранение, коп.', en: 'Storage, kopecks' },
  acceptance: { ru: 'Платная приёмка, коп.', en: 'Paid acceptance, kopecks' },
  penalties: { ru: 'Штрафы, коп.', en: 'Penalties, kopecks' },
  deductions: { ru: 'Удержания, коп.', en: 'Deductions, kopecks' },
  additional: { ru: 'Корректировка вознаграждения WB, коп.', en: 'WB fee adjustment, kopecks' },
  rebill: { ru: 'Возмещение издержек по перевозке, коп.', en: 'Rebilled logistics, kopecks' },
  loyalty: { ru: 'Программа лояльности (баллы и участие), коп.', en: 'Loyalty programme (points and fee), kopecks' },
  paySchedule: { ru: 'Изменение срока перечисления, коп.', en: 'Payout schedule change, kopecks' },
  realRows: { ru: 'Реализация: строк отчёта', en: 'Realization: report rows' },
  stock: { ru: 'Остаток на конец дня, шт', en: 'End-of-day stock, units' },
  adSpend: { ru: 'Реклама: расход, коп.', en: 'Ads: spend, kopecks' },
  adViews: { ru: 'Реклама: показы', en: 'Ads: views' },
  adClicks: { ru: 'Реклама: клики', en: 'Ads: clicks' },
  adOrders: { ru: 'Реклама: заказы', en: 'Ads: orders' },
  storagePaid: { ru: 'Платное хранение по артикулу, коп.', en: 'Paid storage per article, kopecks' },
  acceptancePaid: { ru: 'Платная приёмка по артикулу, коп.', en: 'Paid acceptance per article, kopecks' },
  stars1: { ru: 'Новые отзывы с оценкой 1', en: 'New reviews with 1 star' },
  stars2: { ru: 'Новые отзывы с оценкой 2', en: 'New reviews with 2 stars' },
  stars3: { ru: 'Новые отзывы с оценкой 3', en: 'New reviews with 3 stars' },
  stars4: { ru: 'Новые отзывы с оценкой 4', en: 'New reviews with 4 stars' },
  stars5: { ru: 'Новые отзывы с оценкой 5', en: 'New reviews with 5 stars' },
  answers: { ru: 'Ответы продавца на отзывы', en: 'Seller answers to reviews' },
  views: { ru: 'Воронка: переходы в карточку', en: 'Funnel: card views' },
  carts: { ru: 'Воронка: положили в корзину, шт', en: 'Funnel: added to cart, units' },
  funnelOrders: { ru: 'Воронка: заказали, шт', en: 'Funnel: ordered, units' },
  funnelOrderSum: { ru: 'Воронка: заказали на сумму, коп.', en: 'Funnel: ordered, kopecks' },
  funnelBuyouts: { ru: 'Воронка: выкупили, шт', en: 'Funnel: bought out, units' },
  funnelBuyoutSum: { ru: 'Воронка: выкупили на сумму, коп.', en: 'Funnel: bought out, kopecks' },
  positionSum: { ru: 'Поиск: средняя позиция дня', en: 'Search: the day\'s average position' },
  positionDays: { ru: 'Поиск: дней с позицией', en: 'Search: days with a position' },
  visibilitySum: { ru: 'Поиск: видимость дня, %', en: 'Search: the day\'s visibility, %' },
  searchOpens: { ru: 'Поиск: переходы в карточку', en: 'Search: card opens from search' },
};

/** Headers the daily table's columns had before, so their data is still found (see ColumnSpec.aliases). */
export const MEASURE_OLD_HEADERS: Partial<Record<Measure, string[]>> = {
  additional: ['Доплаты, коп. по дням', 'Additional payments, kopecks by day'],
};

/**
 * WB's «Итого к оплате» (bankPaymentSum of sales-reports/list) from the daily measures,
 * in kopecks: payout for the goods − logistics − storage − acceptance − deductions −
 * penalties + WB's fee adjustment − the loyalty programme + the payout schedule change.
 * The rebilled logistics is not in it: WB's list reconciles without it.
 */
export type BankParts = Record<'payout' | 'logistics' | 'storage' | 'acceptance' | 'deductions' | 'penalties' | 'additional' | 'loyalty' | 'paySchedule', number>;

export function bankPayment(p: BankParts): number {
  const k = p.payout - p.logistics - p.storage - p.acceptance - p.deductions - p.penalties + p.additional - p.loyalty + p.paySchedule;
  return Math.round(k * 1000) / 1000;
}

/** What WB charged, by kind (WB_COSTS). */
export const COST_MEASURES: Measure[] = ['commission', 'logistics', 'storage', 'acceptance', 'penalties', 'deductions'];

/**
 * Measures that count a source's raw rows of a day. Sync never deletes raw rows, so a
 * recount that finds fewer means the seller (or retention) removed some: the day then
 * keeps the totals it has.
 */
export const ROW_COUNTS: Partial<Record<DailySource, Measure[]>> = {
  orders: ['orders'],
  sales: ['sales', 'returns'],
  realization: ['realRows'],
  reviews: ['stars1', 'stars2', 'stars3', 'stars4', 'stars5'],
};

/**
 * New reviews per day are kept by their stars (one measure per star): a period's count
 * is their sum and its average rating Σ k·count_k / Σ count_k, exact for any period, and
 * WB_REVIEWS can filter by stars. Unanswered reviews at the end of day D = new reviews up
 * to D − answers up to D.
 */
export const STAR_MEASURES: Measure[] = ['stars1', 'stars2', 'stars3', 'stars4', 'stars5'];
