/** The card block's and the `WB Карточки` sheet's words, Russian by default, English for other locales. */
import { Locale } from '../texts/i18n';

const RU = {
  sheet: 'WB Карточки',
  note: 'Утренний обзор карточек за период из B2 листа «WB Сводка»: продажи и выручка (без возвратов), остаток (последний снимок) и дней запаса (остаток ÷ заказы в день за период), рейтинг по всем отзывам на конец периода и его изменение за период, новые отзывы и отзывы без ответа сейчас, переходы в карточку и конверсии воронки WB, средняя позиция в поиске и её изменение к прошлому периоду (больше — ниже в выдаче). Красным — рейтинг падает или позиция ухудшилась; жёлтым — есть отзывы без ответа или запаса меньше 14 дней.',
  header: ['Артикул продавца', 'Артикул WB', 'Предмет', 'Продажи, шт', 'Выручка, ₽', 'Остаток, шт', 'Дней запаса', 'Рейтинг', 'Изменение рейтинга', 'Новые отзывы', 'Без ответа', 'Переходы в карточку', 'Конверсия в корзину, %', 'Конверсия в заказ, %', 'Позиция в поиске', 'Изменение позиции'],
  blockHeader: ['Карточки', 'Период', 'Предыдущий', 'Изменение'],
  metrics: {
    rating: 'Рейтинг новых отзывов',
    reviews: 'Новые отзывы',
    unanswered: 'Без ответа сейчас',
    position: 'Средняя позиция в поиске',
    visibility: 'Видимость в поиске, %',
    views: 'Переходы в карточку',
    carts: 'Положили в корзину',
    orders: 'Заказали (воронка)',
    buyouts: 'Выкупили (воронка)',
    viewToCart: 'Конверсия в корзину, %',
    cartToOrder: 'Конверсия в заказ, %',
    orderToBuyout: 'Выкуп из заказов, %',
  },
  daySeries: ['День', 'Рейтинг', 'Позиция', 'Видимость, %'],
  funnelHeader: ['Шаг', 'Количество'],
  funnelSteps: ['Переходы', 'Корзина', 'Заказы', 'Выкупы'],
  chartRating: 'Рейтинг отзывов по дням',
  chartSearch: 'Позиция и видимость в поиске',
  chartFunnel: 'Воронка: переходы → корзина → заказы → выкупы',
};

const EN: typeof RU = {
  sheet: 'WB Cards',
  note: 'The morning view of every card for the period chosen in B2 of "WB Overview": sales and revenue (net of returns), stock (latest snapshot) and days of stock (stock ÷ orders per day of the period), the rating over all reviews at the period\'s end and its change over the period, new reviews and reviews unanswered now, card views and WB\'s funnel conversions, the average search position and its change against the previous period (higher is further down). Red: rating dropping or position falling; amber: unanswered reviews or less than 14 days of stock.',
  header: ['Seller article', 'WB article', 'Subject', 'Sales, units', 'Revenue, ₽', 'Stock, units', 'Days of stock', 'Rating', 'Rating change', 'New reviews', 'Unanswered', 'Card views', 'View to cart, %', 'Cart to order, %', 'Search position', 'Position change'],
  blockHeader: ['Cards', 'Period', 'Previous', 'Change'],
  metrics: {
    rating: 'Rating of new reviews',
    reviews: 'New reviews',
    unanswered: 'Unanswered now',
    position: 'Average search position',
    visibility: 'Search visibility, %',
    views: 'Card views',
    carts: 'Added to cart',
    orders: 'Ordered (funnel)',
    buyouts: 'Bought out (funnel)',
    viewToCart: 'View to cart, %',
    cartToOrder: 'Cart to order, %',
    orderToBuyout: 'Buyout of orders, %',
  },
  daySeries: ['Day', 'Rating', 'Position', 'Visibility, %'],
  funnelHeader: ['Step', 'Count'],
  funnelSteps: ['Views', 'Cart', 'Orders', 'Buyouts'],
  chartRating: 'Review rating per day',
  chartSearch: 'Search position and visibility',
  chartFunnel: 'Funnel: views → cart → orders → buyouts',
};

export type CardTexts = typeof RU;

export function cardTexts(locale: Locale): CardTexts {
  return locale === 'en' ? EN : RU;
}
