/**
 * The real sidebar (dist/Sidebar.html) in headless Chromium, with a google.script.run
 * that calls into the built bundle running in the offline runtime against the emulator.
 */
import { chromium, Browser, Page } from 'playwright-core';
import { loadBundle, Harness, distFiles } from '../bundle/harness';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const RUN_SHIM = `
(() => {
  function runner(onOk, onFail) {
    return new Proxy({}, {
      get(_t, prop) {
        if (prop === 'withSuccessHandler') return (fn) => runner(fn, onFail);
        if (prop === 'withFailureHandler') return (fn) => runner(onOk, fn);
        if (prop === 'withUserObject') return () => runner(onOk, onFail);
        return (...args) => {
          window.__gasCall(String(prop), JSON.stringify(args)).then((text) => {
            const res = JSON.parse(text);
            if (res.error !== undefined) { if (onFail) onFail(new Error(res.error)); }
            else if (onOk) onOk(res.value);
          });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close() {} } } };
})();`;

let browser: Browser;
let page: Page;
let h: Harness;
const calls: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  if (browser) await browser.close();
});

beforeEach(async () => {
  h = loadBundle();
  calls.length = 0;
  page = await browser.newPage();
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => console.error('sidebar page error: ' + e.message));
  await page.exposeFunction('__gasCall', (name: string, argsJson: string) => {
    calls.push(name);
    // google.script.run copies arguments and results: JSON round trips model that.
    try {
      const value = h.call(name, ...JSON.parse(argsJson));
      return JSON.stringify({ value: value === undefined ? null : value });
    } catch (e) {
      return JSON.stringify({ error: (e as Error).message });
    }
  });
  await page.addInitScript(RUN_SHIM);
  h.call('showSidebar');
  const shown = h.rt.sidebars[h.rt.sidebars.length - 1];
  expect(shown.html).toBe(distFiles().html.Sidebar);
  // Served from an intercepted URL (no network): init scripts run on navigation, not on setContent.
  await page.route('http://sidebar.local/', (route) => route.fulfill({ body: shown.html, contentType: 'text/html; charset=utf-8' }));
  await page.goto('http://sidebar.local/');
  await page.waitForFunction("document.getElementById('key-save').textContent !== ''", undefined, { timeout: 10000 });
});

afterEach(async () => {
  await page.close();
});

test('refuses garbage and saves a pasted key with its status, then removes it', async () => {
  await page.getByTestId('wb-key-input').fill('hello, this is not a key');
  await page.getByTestId('wb-key-save').click();
  await page.getByText('Это не ключ API Wildberries', { exact: false }).waitFor();
  expect(Object.keys(h.rt.userProperties())).toHaveLength(0);

  const key = h.wb.makeKey({ type: 'personal', categories: [5] });
  await page.getByTestId('wb-key-input').fill('  "Bearer ' + key.slice(0, 50) + '\n' + key.slice(50) + '"  ');
  await page.getByTestId('wb-key-save').click();
  await page.getByText('Ключ сохранён', { exact: false }).first().waitFor();
  const status = await page.getByTestId('wb-key-status').innerText();
  expect(status).toContain('Персональный');
  expect(status).toContain('Статистика');
  expect(status).toContain('••••' + key.slice(-4));
  expect(await page.getByTestId('wb-key-input').inputValue()).toBe('');
  const html = await page.content();
  expect(html).not.toContain(key.slice(0, 40));
  expect(html).not.toContain(key.slice(40, 80));

  await page.getByTestId('wb-key-remove').first().click();
  await page.getByText('Ключ не сохранён.').waitFor();
  expect(Object.values(h.rt.userProperties()).join('')).not.toContain(key);
});

test('explains a key without the Statistics category', async () => {
  const key = h.wb.makeKey({ type: 'personal', categories: [2, 13] });
  await page.getByTestId('wb-key-input').fill(key);
  await page.getByTestId('wb-key-save').click();
  await page.getByText('нет категории «Статистика»', { exact: false }).first().waitFor();
  const matrix = await page.getByTestId('wb-report-matrix').innerText();
  expect(matrix).toMatch(/WB Заказы\s+✗\s+нужна категория «Статистика»/);
  expect(matrix).toMatch(/WB Остатки\s+✓•\s+доступно/);
});

test('refreshes from the sidebar and shows the result', async () => {
  await page.getByTestId('wb-key-input').fill(h.wb.makeKey({ type: 'personal', categories: [5] }));
  await page.getByTestId('wb-key-save').click();
  await page.getByText('Ключ сохранён', { exact: false }).first().waitFor();
  await page.getByTestId('wb-sync-now').click();
  await page.getByText('WB Заказы: новых', { exact: false }).waitFor({ timeout: 30000 });
  const status = await page.getByTestId('wb-sync-status').innerText();
  expect(status).toMatch(/WB Продажи: новых \d+/);
  expect(calls).toContain('syncAllNow');
  expect(h.rt.spreadsheet.getSheetByName('WB Заказы')).toBeTruthy();
});

test('sets a schedule and shows the next run', async () => {
  await page.getByTestId('wb-key-input').fill(h.wb.makeKey({ type: 'personal', categories: [5] }));
  await page.getByTestId('wb-key-save').click();
  await page.getByText('Ключ сохранён', { exact: false }).first().waitFor();
  await page.getByTestId('wb-schedule').selectOption('daily');
  await page.getByTestId('wb-schedule-hour').selectOption('8');
  await page.getByTestId('wb-schedule-save').click();
  await page.getByText('Расписание сохранено.').waitFor();
  expect(await page.getByTestId('wb-schedule-next').innerText()).toMatch(/Следующий запуск: около \d\d\.\d\d\.\d{4} 08:00 МСК/);
  expect(h.rt.triggers.filter((t) => t.handlerFunction === 'scheduledSync')).toHaveLength(1);
  await page.getByTestId('wb-schedule').selectOption('off');
  await page.getByTestId('wb-schedule-save').click();
  await page.getByText('обновление только вручную', { exact: false }).waitFor();
  expect(h.rt.triggers.filter((t) => t.handlerFunction === 'scheduledSync')).toHaveLength(0);
});

test('chooses how long raw rows are kept', async () => {
  const retention = page.getByTestId('wb-retention');
  expect(await retention.inputValue()).toBe('0');
  expect(await retention.locator('option').allInnerTexts()).toEqual(['все', '180 дней', '1 год', '2 года']);
  await retention.selectOption('365');
  await page.getByTestId('wb-settings-save').click();
  await page.getByText('Настройки сохранены.').waitFor();
  expect(JSON.parse(h.rt.documentProperties()['wb.settings']).retentionDays).toBe(365);
  expect(await page.getByTestId('wb-retention').inputValue()).toBe('365');
});
