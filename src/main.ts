/**
 * The add-on's entry points: the only file that touches `global`. Each is a one-line
 * delegate; gas-webpack-plugin turns every `global.NAME` assignment into a top-level
 * function in the pushed file, carrying the comment above it (kept through esbuild by
 * `@preserve` with legalComments: 'inline'), so Sheets sees the @customfunction help.
 */
import * as app from './ui/controller';

declare const global: Record<string, unknown>;

/** Builds the add-on menu (Extensions → WB Sheets). */
global.onOpen = (e?: unknown) => app.onOpen();

/** Runs when the add-on is installed: shows the menu at once. */
global.onInstall = (e?: unknown) => app.onOpen();

/** Opens the sidebar: API key, status and refresh. */
global.showSidebar = () => app.showSidebar();

/** Sidebar: current key status and last refresh. */
global.getSidebarState = () => app.getSidebarState();

/** Sidebar: validates and saves a pasted key. */
global.saveKey = (raw: string) => app.saveKey(raw);

/** Sidebar: removes a saved key by its slot. */
global.removeKey = (slot: string) => app.removeKey(slot);

/** Sidebar: sets this user's refresh schedule for this document (one trigger). */
global.saveSchedule = (schedule: Record<string, unknown>) => app.saveSchedule(schedule);

/** The schedule's time-driven trigger: refreshes every report. */
global.scheduledSync = (e?: unknown) => app.scheduledSync();

/** Sidebar: saves the document's settings. */
global.saveSettings = (settings: Record<string, unknown>) => app.saveSettings(settings);
global.saveStorage = (settings: Record<string, unknown>) => app.saveStorage(settings);
global.checkStorage = (settings: Record<string, unknown>) => app.checkStorage(settings);

/** Sidebar: what a refresh running now is doing (polled while it runs). */
global.getProgress = () => app.getProgress();

/** Menu and sidebar: refreshes every report. */
global.syncAllNow = () => app.syncAllNow();

/** Menu: refreshes orders. */
global.syncOrdersNow = () => app.syncOrdersNow();

/** Menu: refreshes sales and returns. */
global.syncSalesNow = () => app.syncSalesNow();

/** Menu: refreshes the stock snapshot. */
global.syncStocksNow = () => app.syncStocksNow();

/** Menu: refreshes supplies. */
global.syncSuppliesNow = () => app.syncSuppliesNow();

/** Menu: refreshes the realization report. */
global.syncRealizationNow = () => app.syncRealizationNow();
/** Menu: refreshes advertising (campaign statistics and charges). */
global.syncAdsNow = () => app.syncAdsNow();
/** Menu: refreshes paid storage and paid acceptance per article. */
global.syncPaidNow = () => app.syncPaidNow();

/** Menu: builds (or rebuilds) the dashboard sheets: overview with charts, unit economics, stock forecast, ABC. */
global.buildDashboardNow = () => app.buildDashboardNow();

/**
 * Units of an article sold by WB net of returns, from the synced sales (daily totals).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to today.
 * @return {number} Units sold minus units returned.
 * @preserve
 * @customfunction
 */
global.WB_SALES = (article: unknown, from?: unknown, to?: unknown) => app.WB_SALES(article, from, to);

/**
 * Money from an article's WB sales minus returns, from the synced sales (daily totals).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY.
 * @param {Date|string} [to] Last day, inclusive (Moscow time).
 * @param {string} [price] WB price field: priceWithDisc (default), finishedPrice, forPay or totalPrice.
 * @return {number} Rubles, exact to the kopeck.
 * @preserve
 * @customfunction
 */
global.WB_REVENUE = (article: unknown, from?: unknown, to?: unknown, price?: unknown) => app.WB_REVENUE(article, from, to, price);

/**
 * Units of an article ordered on WB, cancellations excluded (by order day).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Ordered units minus cancelled ones.
 * @preserve
 * @customfunction
 */
global.WB_ORDERS = (article: unknown, from?: unknown, to?: unknown) => app.WB_ORDERS(article, from, to);

/**
 * Units of an article buyers returned (by return day).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Returned units.
 * @preserve
 * @customfunction
 */
global.WB_RETURNS = (article: unknown, from?: unknown, to?: unknown) => app.WB_RETURNS(article, from, to);

/**
 * Units of an article on WB's warehouses now, from the latest stock snapshot.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {string} [warehouse] Warehouse name as in the stock sheet; omitted: all warehouses.
 * @return {number} Units available.
 * @preserve
 * @customfunction
 */
global.WB_STOCK = (article: unknown, warehouse?: unknown) => app.WB_STOCK(article, warehouse);

/**
 * Money WB pays the seller for an article's sales minus returns, per the realization (finance) report.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day (operation date).
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Rubles, exact to the kopeck.
 * @preserve
 * @customfunction
 */
global.WB_PAYOUT = (article: unknown, from?: unknown, to?: unknown) => app.WB_PAYOUT(article, from, to);

/**
 * What WB charged for an article per the realization (finance) report: commission, logistics, storage, acceptance, penalties, deductions, or all.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @param {string} [kind] комиссия, логистика, хранение, приёмка, штрафы, удержания or все (also commission, logistics, storage, acceptance, penalties, deductions, all); omitted: all.
 * @return {number} Rubles, exact to the kopeck.
 * @preserve
 * @customfunction
 */
global.WB_COSTS = (article: unknown, from?: unknown, to?: unknown, kind?: unknown) => app.WB_COSTS(article, from, to, kind);

/**
 * Advertising of an article for a period (WB Реклама): spend in rubles, or views, clicks, orders, CTR %, CPC (rubles a click), ДРР % (spend ÷ revenue).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @param {string} [metric] расход, показы, клики, заказы, CTR, CPC or ДРР (also spend, views, clicks, orders, DRR); omitted: расход.
 * @return {number} The metric for the period.
 * @preserve
 * @customfunction
 */
global.WB_ADS = (article: unknown, from?: unknown, to?: unknown, metric?: unknown) => app.WB_ADS(article, from, to, metric);

/**
 * Profit of an article for a period: WB's total to pay without its storage and acceptance lines − paid storage − paid acceptance − ad spend − tax − cost price × units − other costs × units (cost prices from WB Юнит-экономика, tax and other costs from the sidebar settings).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Rubles, exact to the kopeck.
 * @preserve
 * @customfunction
 */
global.WB_PROFIT = (article: unknown, from?: unknown, to?: unknown) => app.WB_PROFIT(article, from, to);

/**
 * Margin of an article for a period: profit (WB_PROFIT) ÷ revenue (sale amount net of returns, «WB реализовал») × 100.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Percent; empty without revenue.
 * @preserve
 * @customfunction
 */
global.WB_MARGIN = (article: unknown, from?: unknown, to?: unknown) => app.WB_MARGIN(article, from, to);

/**
 * Return on investment of an article for a period: profit (WB_PROFIT) ÷ (cost price × units + other costs × units) × 100.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article, WB article (nmId) or barcode; a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Percent; empty when nothing was invested.
 * @preserve
 * @customfunction
 */
global.WB_ROI = (article: unknown, from?: unknown, to?: unknown) => app.WB_ROI(article, from, to);

/**
 * A table per article for the period: orders, sales, returns, buyout %, revenue, payout, WB costs, stock and days of stock left. Spills a header row and a row per article.
 *
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {Array<Array<string|number>>} Header row and one row per article, by revenue.
 * @preserve
 * @customfunction
 */
global.WB_SUMMARY = (from?: unknown, to?: unknown) => app.WB_SUMMARY(from, to);

/**
 * Average stars of an article's buyer reviews written in the period, from the synced reviews (daily totals).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time): a date cell, YYYY-MM-DD or DD.MM.YYYY. Omitted: from the first review.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Average stars (1 to 5); empty when no review was written in the period.
 * @preserve
 * @customfunction
 */
global.WB_RATING = (article: unknown, from?: unknown, to?: unknown) => app.WB_RATING(article, from, to);

/**
 * Number of buyer reviews of an article written in the period, optionally only those with the given stars.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time). Omitted: from the first review.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @param {string|number} [stars] Stars to count: 1 to 5, a range "1-3" or a list "4,5"; omitted: all.
 * @return {number} Reviews.
 * @preserve
 * @customfunction
 */
global.WB_REVIEWS = (article: unknown, from?: unknown, to?: unknown, stars?: unknown) => app.WB_REVIEWS(article, from, to, stars);

/**
 * Buyer reviews of an article still without the seller's answer.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty or omitted means all articles.
 * @return {number} Reviews without an answer.
 * @preserve
 * @customfunction
 */
global.WB_UNANSWERED = (article?: unknown) => app.WB_UNANSWERED(article);

/**
 * The card funnel of an article over the period, from WB's sales funnel by day: views, add-to-cart, orders, buyouts (as WB books them, on the order day) or a conversion.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time). Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @param {string} [metric] просмотры (views, default), корзина (cart), заказы (orders), сумма заказов (order sum), выкупы (buyouts), сумма выкупов (buyout sum), просмотр→корзина (view→cart), корзина→заказ (cart→order), заказ→выкуп (order→buyout).
 * @return {number} Units, rubles, or percent for a conversion.
 * @preserve
 * @customfunction
 */
global.WB_FUNNEL = (article: unknown, from?: unknown, to?: unknown, metric?: unknown) => app.WB_FUNNEL(article, from, to, metric);

/**
 * Average position of an article in WB's search over the period's days, from WB's search report (1 = top).
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time). Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Average position; empty without data.
 * @preserve
 * @customfunction
 */
global.WB_POSITION = (article: unknown, from?: unknown, to?: unknown) => app.WB_POSITION(article, from, to);

/**
 * Average visibility of an article in WB's search over the period's days, in percent, from WB's search report.
 *
 * @param {string|number|Array<Array<string|number>>} article Seller article or WB article (nmId); a range gives a range; empty means all articles.
 * @param {Date|string} [from] First day, inclusive (Moscow time). Omitted: from the first synced day.
 * @param {Date|string} [to] Last day, inclusive (Moscow time). Omitted: up to the last synced day.
 * @return {number} Visibility, %; empty without data.
 * @preserve
 * @customfunction
 */
global.WB_VISIBILITY = (article: unknown, from?: unknown, to?: unknown) => app.WB_VISIBILITY(article, from, to);
