/** Words of the commission check on the unit economics sheet, Russian by default, English for other locales. */
import { Locale } from './i18n';

const RU = {
  title: 'Комиссия WB: по тарифу и удержанная',
  header: ['Артикул продавца', 'Артикул WB', 'Предмет', 'Тариф FBW, %', 'Тариф FBS, %', 'База (цена с учётом скидки), ₽', 'Комиссия по тарифу, ₽', 'Удержано WB, ₽', 'Разница, ₽'],
  total: 'Итого',
  note: 'Комиссия по тарифу = тариф WB для предмета и модели (FBS — строки со сборочным заданием, иначе FBW «Склад WB») × цена с учётом скидки, по каждой строке продажи (возврат — с минусом). Удержано = вознаграждение WB + НДС с него из отчёта реализации. Разница = удержано − по тарифу.',
  noRates: 'Тарифы комиссии WB ещё не загружены: они приходят при обновлении отчётов (не чаще раза в день).',
  noKey: 'Тарифы комиссии WB не загружены: нужен действующий ключ WB API не из песочницы (подойдёт ключ любой категории).',
  stale: 'Ниже — тарифы последней загрузки.',
  noSubject: 'нет тарифа для предмета',
  same: 'Комиссия совпадает с тарифом WB до копейки.',
  more: (rub: string, n: number) => 'WB удержал на ' + rub + ' ₽ больше тарифа (артикулов с разницей: ' + n + ').',
  less: (rub: string, n: number) => 'WB удержал на ' + rub + ' ₽ меньше тарифа (артикулов с разницей: ' + n + ').',
};

type Texts = typeof RU;

const EN: Texts = {
  title: 'WB commission: by tariff and charged',
  header: ['Seller article', 'WB article', 'Subject', 'FBW tariff, %', 'FBS tariff, %', 'Base (price with discount), ₽', 'Commission by tariff, ₽', 'Charged by WB, ₽', 'Difference, ₽'],
  total: 'Total',
  note: 'Commission by tariff = WB tariff for the subject and model (FBS: rows with an assembly task, otherwise FBW «Склад WB») × price with discount, per sale row (returns negative). Charged = WB fee + its VAT from the realization report. Difference = charged − by tariff.',
  noRates: 'WB commission tariffs are not loaded yet: they arrive with a report refresh (at most once a day).',
  noKey: 'WB commission tariffs are not loaded: a valid non-sandbox WB API key is needed (any category will do).',
  stale: 'Below: the tariffs of the last load.',
  noSubject: 'no tariff for the subject',
  same: 'The commission matches WB’s tariff to the kopeck.',
  more: (rub: string, n: number) => 'WB charged ' + rub + ' ₽ more than its tariff (articles with a difference: ' + n + ').',
  less: (rub: string, n: number) => 'WB charged ' + rub + ' ₽ less than its tariff (articles with a difference: ' + n + ').',
};

export function commissionTexts(locale: Locale): Texts {
  return locale === 'ru' ? RU : EN;
}
