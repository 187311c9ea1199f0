/** Words of profit (WB_PROFIT, WB_MARGIN, WB_ROI, the tax settings), Russian by default, English for other locales. */
import { Locale } from './i18n';

const RU_REGIMES: Record<string, string> = {
  none: 'не учитывается',
  usn6: 'УСН «доходы»',
  usn15: 'УСН «доходы − расходы»',
  osno: 'ОСНО (НДС)',
  custom: 'свой % от дохода',
};
const EN_REGIMES: Record<string, string> = { none: 'not counted', usn6: 'USN income', usn15: 'USN income − expenses', osno: 'OSNO (VAT)', custom: 'custom % of income' };

const RU = {
  fnNoCostPrice: (article: string) => 'Нет себестоимости для артикула «' + article + '»: впишите её на листе «WB Юнит-экономика» (столбец «Себестоимость, ₽/шт»). Сначала постройте сводку: «Расширения → WB Sheets → Построить сводку».',
  taxHeading: 'Прибыль: налог и прочие расходы',
  taxLabel: 'Налог',
  taxRegimes: {
    none: 'не учитывать',
    usn6: 'УСН «доходы»',
    usn15: 'УСН «доходы − расходы»',
    osno: 'ОСНО (только НДС)',
    custom: 'свой % от дохода',
  } as Record<string, string>,
  taxRateLabel: 'Ставка, %',
  taxNote:
    'Доход — сумма продаж минус возвраты по цене для покупателя («WB реализовал» из отчёта реализации). УСН «доходы» и свой %: ставка × доход. УСН «доходы − расходы»: ставка × max(0, доход − расходы) по артикулу за период. ОСНО: НДС внутри дохода (доход × ставка ÷ (100 + ставка)); налог на прибыль не считается.',
  otherLabel: 'Прочие расходы на единицу (упаковка, фулфилмент), ₽/шт',
  unitProfitNote: (paidStorage: boolean, paidAcceptance: boolean) =>
    'Прибыль = Итого к оплате + хранение и приёмка из отчёта реализации − хранение и приёмка по артикулу − реклама (WB Реклама) − налог − себестоимость × шт − прочие расходы × шт. ' +
    (paidStorage ? 'Хранение по артикулу — из отчёта «WB Платное хранение»' : 'Отчёт «WB Платное хранение» не загружен (нужна категория «Аналитика»): хранение — из отчёта реализации') +
    '; ' +
    (paidAcceptance ? 'приёмка — из «WB Платная приёмка».' : 'приёмка — из отчёта реализации.') +
    ' Маржа = прибыль ÷ выручка; ROI = прибыль ÷ (себестоимость × шт + прочие расходы); ДРР = реклама ÷ выручка. Прибыли нет, пока не заполнена себестоимость.',
  unitSettings: (s: { taxRegime: string; taxRate: number; otherCostPerUnit: number }) =>
    'Налог: ' + RU_REGIMES[s.taxRegime] + (s.taxRegime === 'none' ? '' : ', ' + String(s.taxRate).replace('.', ',') + ' %') + '; прочие расходы: ' + String(s.otherCostPerUnit).replace('.', ',') + ' ₽/шт (боковая панель → Настройки).',
  reconTitle: 'Сверка итогов с отчётами за период (суммы прямо с листов отчётов)',
  reconHeader: ['Показатель', 'Итог на листе, ₽', 'По отчёту, ₽', 'Разница, ₽'],
  reconBank: 'Итого к оплате (WB Реализация)',
  reconRealStorage: 'Хранение (WB Реализация)',
  reconRealAcceptance: 'Приёмка (WB Реализация)',
  reconStorage: 'Хранение по артикулу (WB Платное хранение)',
  reconAcceptance: 'Приёмка по артикулу (WB Платная приёмка)',
  reconAds: 'Реклама (WB Реклама)',
  reconProfit: 'Прибыль из итогов отчётов',
  reconOk: (missing: number) => 'Сходится до копейки.' + (missing ? ' Прибыль посчитана не для всех: нет себестоимости у ' + missing + ' арт.' : ''),
  reconDiff: (what: string) => 'Не сходится: ' + what + ' ₽. Выполните «Обновить всё»; если разница останется, сообщите разработчикам.',
  reconNoReports: 'Отчёты за период ещё не загружены.',
  overviewProfit: 'Прибыль, ₽',
  overviewDrr: 'ДРР, %',
  overviewNoCost: 'Прибыль появится, когда у всех проданных артикулов будет себестоимость на листе «WB Юнит-экономика».',
  splitHeader: ['Куда ушла выручка', '₽'],
  split: { commission: 'Комиссия WB', logistics: 'Логистика', storage: 'Хранение и приёмка', wbOther: 'Штрафы, удержания и прочее WB', ads: 'Реклама', tax: 'Налог', cost: 'Себестоимость и прочие расходы', profit: 'Прибыль' },
  weekHeader: ['Неделя с', 'Прибыль, ₽'],
  chartSplit: 'Куда ушёл каждый рубль выручки',
  chartWeeks: 'Прибыль по неделям',
};

const EN: typeof RU = {
  fnNoCostPrice: (article: string) => 'No cost price for article "' + article + '": enter it on the "WB Юнит-экономика" sheet (column "Cost price, ₽/unit"). Build the dashboard first: "Extensions → WB Sheets → Build dashboard".',
  taxHeading: 'Profit: tax and other costs',
  taxLabel: 'Tax',
  taxRegimes: {
    none: 'not counted',
    usn6: 'USN "income" (УСН доходы)',
    usn15: 'USN "income − expenses" (УСН Д−Р)',
    osno: 'OSNO (VAT only)',
    custom: 'custom % of income',
  },
  taxRateLabel: 'Rate, %',
  taxNote:
    'Income is sales minus returns at the amount buyers paid (the realization report\'s sale amount). USN "income" and custom %: rate × income. USN "income − expenses": rate × max(0, income − expenses) per article and period. OSNO: the VAT inside income (income × rate ÷ (100 + rate)); profit tax is not computed.',
  otherLabel: 'Other costs per unit (packaging, fulfilment), ₽/unit',
  unitProfitNote: (paidStorage: boolean, paidAcceptance: boolean) =>
    'Profit = total to pay + the realization report\'s storage and acceptance − storage and acceptance per article − ads (WB Реклама) − tax − cost price × units − other costs × units. ' +
    (paidStorage ? 'Storage per article comes from "WB Paid storage"' : 'The "WB Paid storage" report is not loaded (it needs the Analytics category): storage comes from the realization report') +
    '; ' +
    (paidAcceptance ? 'acceptance from "WB Paid acceptance".' : 'acceptance from the realization report.') +
    ' Margin = profit ÷ sale amount; ROI = profit ÷ (cost price × units + other costs); DRR = ads ÷ sale amount. No profit until the cost price is filled in.',
  unitSettings: (s: { taxRegime: string; taxRate: number; otherCostPerUnit: number }) =>
    'Tax: ' + EN_REGIMES[s.taxRegime] + (s.taxRegime === 'none' ? '' : ', ' + s.taxRate + ' %') + '; other costs: ' + s.otherCostPerUnit + ' ₽/unit (sidebar → Settings).',
  reconTitle: 'Totals against the reports of the period (summed straight from the report sheets)',
  reconHeader: ['Figure', 'Sheet total, ₽', 'Per report, ₽', 'Difference, ₽'],
  reconBank: 'Total to pay (WB Реализация)',
  reconRealStorage: 'Storage (WB Реализация)',
  reconRealAcceptance: 'Acceptance (WB Реализация)',
  reconStorage: 'Storage per article (WB Платное хранение)',
  reconAcceptance: 'Acceptance per article (WB Платная приёмка)',
  reconAds: 'Ads (WB Реклама)',
  reconProfit: 'Profit from the reports\' totals',
  reconOk: (missing: number) => 'Reconciles to the kopeck.' + (missing ? ' Profit is not computed for all: ' + missing + ' article(s) have no cost price.' : ''),
  reconDiff: (what: string) => 'Does not reconcile: ' + what + ' ₽. Run "Refresh all"; if the difference stays, tell the developers.',
  reconNoReports: 'No reports loaded for the period yet.',
  overviewProfit: 'Profit, ₽',
  overviewDrr: 'DRR, %',
  overviewNoCost: 'Profit appears once every article sold has a cost price on the "WB Юнит-экономика" sheet.',
  splitHeader: ['Where revenue went', '₽'],
  split: { commission: 'WB commission', logistics: 'Logistics', storage: 'Storage and acceptance', wbOther: 'Penalties, deductions and other WB', ads: 'Ads', tax: 'Tax', cost: 'Cost price and other costs', profit: 'Profit' },
  weekHeader: ['Week from', 'Profit, ₽'],
  chartSplit: 'Where each ruble of revenue went',
  chartWeeks: 'Profit per week',
};

export function profitTexts(locale: Locale): typeof RU {
  return locale === 'ru' ? RU : EN;
}

/** What the sidebar shows for the profit settings (plain data: it crosses google.script.run). */
export function profitLabels(locale: Locale) {
  const t = profitTexts(locale);
  return { taxHeading: t.taxHeading, taxLabel: t.taxLabel, taxRegimes: t.taxRegimes, taxRateLabel: t.taxRateLabel, taxNote: t.taxNote, otherLabel: t.otherLabel };
}
export type ProfitLabels = ReturnType<typeof profitLabels>;
