/**
 * The sidebar page's own text, for when a call that must return the state returned
 * nothing: there are no server labels then, so the page picks the language from the
 * browser. Kept apart from i18n.ts so the page does not carry every server text.
 */
export const SIDEBAR_NO_ANSWER = {
  ru: 'Дополнение не вернуло данные. Закройте боковую панель и откройте её снова: Расширения → WB Sheets → Настройки и ключ API.',
  en: 'The add-on returned no data. Close the sidebar and open it again: Extensions → WB Sheets → Settings and API key.',
};
