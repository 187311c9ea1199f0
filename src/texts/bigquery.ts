/** Texts of BigQuery storage (sidebar «Хранилище», run log, check button), Russian and English. */
import type { Locale } from './i18n';

const RU = {
  sectionTitle: 'Хранилище',
  modeOff: 'Только в листах',
  modeBigQuery: 'BigQuery (ваш проект Google Cloud)',
  project: 'ID проекта',
  dataset: 'Набор данных (создадим, если нет)',
  location: 'Расположение',
  keepRaw: 'Хранить сырые строки и в таблице',
  keepRawHint: (days: number) => 'Если выключить, листы заказов, продаж, реализации, отзывов, воронки и поиска хранят только последние ' + days + ' дн.; все строки — в BigQuery, а «WB Дни», формулы WB_ и сводка считаются по всем дням.',
  save: 'Сохранить',
  check: 'Проверить',
  saved: 'Хранилище сохранено.',
  savedOff: 'BigQuery выключен: сырые строки хранятся только в листах.',
  badProject: 'Укажите ID проекта Google Cloud (6–30 латинских строчных букв, цифр и дефисов, например my-shop-123).',
  badDataset: 'Имя набора данных: латинские буквы, цифры и подчёркивания.',
  needScope: 'Разрешите доступ к BigQuery в окне Google, затем нажмите «Сохранить» ещё раз.',
  checkOk: (project: string, dataset: string, location: string, exists: boolean) => 'Проект ' + project + ' доступен. ' + (exists ? 'Набор данных ' + dataset + ' есть (' + location + ').' : 'Набор данных ' + dataset + ' будет создан при первом обновлении (' + location + ').'),
  checkLocationDiffers: (dataset: string, actual: string, chosen: string) => 'Набор данных ' + dataset + ' уже есть в расположении ' + actual + ', а выбрано ' + chosen + ': будем писать в ' + actual + '.',
  checkApiOff: (project: string) => 'В проекте ' + project + ' не включён BigQuery API. Включите его: console.cloud.google.com → API и сервисы → Библиотека → BigQuery API → Включить.',
  checkNoProject: (project: string) => 'Проект ' + project + ' не найден. Проверьте ID проекта (не название!) в console.cloud.google.com.',
  checkNoPermission: (project: string) => 'У вашего аккаунта нет прав на BigQuery в проекте ' + project + '. Нужны роли «BigQuery Data Editor» и «BigQuery Job User» (IAM и администрирование → IAM).',
  checkSandbox: 'Если у проекта нет платёжного аккаунта (песочница BigQuery), загрузка работает бесплатно, но BigQuery удаляет разделы старше 60 дней — строки с датой старше 60 дней исчезнут. Чтобы хранить всё, подключите платёжный аккаунт.',
  checkExpires: (dataset: string, days: number) =>
    'В наборе данных ' + dataset + ' задан срок хранения ' + days + ' дн.: BigQuery удаляет таблицы и разделы старше него, строки с более ранней датой исчезнут. Такой срок ставит песочница BigQuery (проект без платёжного аккаунта). Чтобы хранить всё, подключите платёжный аккаунт и снимите срок в свойствах набора данных (console.cloud.google.com → BigQuery → набор ' + dataset + ' → Edit details).',
  checkKeepsAll: (dataset: string) => 'Срок хранения в наборе данных ' + dataset + ' не задан: строки хранятся, пока вы их не удалите.',
  checkQuota: 'BigQuery отказал из‑за квоты; попробуйте позже.',
  checkOther: (detail: string) => 'BigQuery ответил ошибкой: ' + detail,
  loadFailed: (title: string, why: string) => title + ': строки не записаны в BigQuery (' + why + '); курсор не сдвинут, в следующий раз загрузим снова.',
  loadQuota: (title: string) => title + ': BigQuery отказал по квоте, ничего не записано; продолжим при следующем обновлении.',
  loadAccess: (title: string) => title + ': нет доступа к BigQuery (проверьте проект и права в «Хранилище» → «Проверить»), ничего не записано.',
  loadWaiting: (title: string) => title + ': задание загрузки в BigQuery ещё выполняется; проверим его при следующем обновлении.',
  sheetBehind: (title: string) => 'лист обновлён, BigQuery догонит при следующем обновлении',
};

const EN: typeof RU = {
  sectionTitle: 'Storage',
  modeOff: 'Sheets only',
  modeBigQuery: 'BigQuery (your Google Cloud project)',
  project: 'Project ID',
  dataset: 'Dataset (created if missing)',
  location: 'Location',
  keepRaw: 'Keep raw rows in the spreadsheet too',
  keepRawHint: (days: number) => 'When off, the orders, sales, realization, reviews, funnel and search sheets keep the last ' + days + ' days only; every row is in BigQuery, and WB Дни, the WB_ formulas and the dashboard still count every day.',
  save: 'Save',
  check: 'Check',
  saved: 'Storage saved.',
  savedOff: 'BigQuery is off: raw rows are kept in the sheets only.',
  badProject: 'Enter a Google Cloud project ID (6–30 lowercase letters, digits and hyphens, e.g. my-shop-123).',
  badDataset: 'A dataset name holds letters, digits and underscores only.',
  needScope: 'Allow BigQuery access in Google\'s window, then press Save again.',
  checkOk: (project, dataset, location, exists) => 'Project ' + project + ' is reachable. ' + (exists ? 'Dataset ' + dataset + ' exists (' + location + ').' : 'Dataset ' + dataset + ' will be created on the first refresh (' + location + ').'),
  checkLocationDiffers: (dataset, actual, chosen) => 'Dataset ' + dataset + ' already exists in ' + actual + ', not ' + chosen + ': rows will go to ' + actual + '.',
  checkApiOff: (project) => 'The BigQuery API is not enabled in project ' + project + '. Enable it: console.cloud.google.com → APIs & Services → Library → BigQuery API → Enable.',
  checkNoProject: (project) => 'Project ' + project + ' was not found. Check the project ID (not its name) in console.cloud.google.com.',
  checkNoPermission: (project) => 'Your account has no BigQuery permission in project ' + project + '. It needs the roles BigQuery Data Editor and BigQuery Job User (IAM & Admin → IAM).',
  checkSandbox: 'If the project has no billing account (BigQuery sandbox), loads are free, but BigQuery deletes partitions older than 60 days, so rows dated more than 60 days ago disappear. Link a billing account to keep everything.',
  checkExpires: (dataset, days) =>
    'Dataset ' + dataset + ' has an expiration of ' + days + ' days: BigQuery deletes tables and partitions older than that, so rows dated earlier disappear. The BigQuery sandbox (a project without a billing account) sets it. To keep everything, link a billing account and clear the expiration in the dataset\'s details (console.cloud.google.com → BigQuery → dataset ' + dataset + ' → Edit details).',
  checkKeepsAll: (dataset) => 'Dataset ' + dataset + ' has no expiration: rows stay until you delete them.',
  checkQuota: 'BigQuery refused for quota; try again later.',
  checkOther: (detail) => 'BigQuery answered with an error: ' + detail,
  loadFailed: (title, why) => title + ': rows were not written to BigQuery (' + why + '); the cursor did not move, they will be loaded again next time.',
  loadQuota: (title) => title + ': BigQuery refused for quota, nothing was written; the next refresh goes on.',
  loadAccess: (title) => title + ': no access to BigQuery (check the project and permissions in Storage → Check), nothing was written.',
  loadWaiting: (title) => title + ': the BigQuery load job is still running; the next refresh checks it.',
  sheetBehind: () => 'sheet updated, BigQuery catches up on the next refresh',
};

export function bqTexts(locale: Locale): typeof RU {
  return locale === 'en' ? EN : RU;
}
