/** Words of profit (WB_PROFIT, WB_MARGIN, WB_ROI, the tax settings), Russian by default, English for other locales. */
import { Locale } from './i18n';

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
