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

/**
 * Units of an article sold by WB net of returns, from the synced sales sheet.
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
 * Money from an article's WB sales minus returns, from the synced sales sheet.
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
