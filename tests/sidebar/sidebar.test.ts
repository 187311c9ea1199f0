/**
 * The real sidebar (dist/Sidebar.html) in headless Chromium, with a google.script.run
 * that calls into the built bundle running in the offline runtime against the emulator.
 */
import { chromium, Browser, Page } from 'playwright-core';
import { loadBundle, Harness, distFiles } from '../bundle/harness';
import { illegalMember } from '../runtime/script-run';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * google.script.run as Apps Script runs it: asynchronous, and strict about what
 * crosses. The client's arguments are checked in the page (where Apps Script fails
 * them), the server's result in Node; an illegal value anywhere calls the failure
 * handler with an error and never the success handler.
 */
const RUN_SHIM = `
(() => {
  const illegalMember = ${illegalMember.toString()};
  function runner(onOk, onFail, user) {
    return new Proxy({}, {
      get(_t, prop) {
        if (prop === 'withSuccessHandler') return (fn) => runner(fn, onFail, user);
        if (prop === 'withFailureHandler') return (fn) => runner(onOk, fn, user);
        if (prop === 'withUserObject') return (o) => runner(onOk, onFail, o);
        return (...args) => {
          const fail = (message) => { if (onFail) onFail(new Error(message), user); };
          for (let i = 0; i < args.length; i++) {
            const bad = illegalMember(args[i], 'arguments[' + i + ']');
            if (bad) { Promise.resolve().then(() => fail('Failed due to illegal value in property: ' + bad)); return; }
          }
          window.__gasCall(String(prop), JSON.stringify(args)).then((text) => {
            const res = JSON.parse(text);
            if (res.error !== undefined) fail(res.error);
            else if (onOk) onOk(res.value, user);
          });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close() {} } } };
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
  // A Russian seller's browser: the page's own texts follow navigator.language.
  page = await browser.newPage({ locale: 'ru-RU' });
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => console.error('sidebar page error: ' + e.message));
  await page.exposeFunction('__gasCall', (name: string, argsJson: string) => {
    calls.push(name);
    // The arguments passed the page's check, so JSON carries them faithfully; h.run checks the result.
    try {
      return JSON.stringify({ value: h.run(name, ...JSON.parse(argsJson)) });
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

/** Waits (up to 10 s) until the server side shows what a click in the page asked for. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
}

test('sets the tax regime, its rate and other costs per unit for profit', async () => {
  const regime = page.getByTestId('wb-tax-regime');
  expect(await regime.inputValue()).toBe('none');
  expect(await regime.locator('option').allInnerTexts()).toEqual(['не учитывать', 'УСН «доходы»', 'УСН «доходы − расходы»', 'ОСНО (только НДС)', 'свой % от дохода']);
  expect(await page.getByTestId('wb-tax-rate').isDisabled()).toBe(true);
  // A regime just picked brings its usual rate; other costs typed with kopecks.
  await regime.selectOption('usn6');
  await page.getByTestId('wb-other-cost').fill('35.5');
  await page.getByTestId('wb-settings-save').click();
  await page.getByText('Настройки сохранены.').waitFor();
  let saved = JSON.parse(h.rt.documentProperties()['wb.settings']);
  expect([saved.taxRegime, saved.taxRate, saved.otherCostPerUnit]).toEqual(['usn6', 6, 35.5]);
  expect(await page.getByTestId('wb-tax-rate').inputValue()).toBe('6');
  // A regional rate for the same regime is kept; a new regime starts at its own rate.
  await page.getByTestId('wb-tax-rate').fill('4');
  await page.getByTestId('wb-settings-save').click();
  await until(() => JSON.parse(h.rt.documentProperties()['wb.settings']).taxRate === 4);
  await regime.selectOption('usn15');
  await page.getByTestId('wb-settings-save').click();
  await until(() => JSON.parse(h.rt.documentProperties()['wb.settings']).taxRegime === 'usn15');
  await page.waitForFunction("document.getElementById('tax-rate').value === '15'");
  saved = JSON.parse(h.rt.documentProperties()['wb.settings']);
  expect([saved.taxRate, saved.otherCostPerUnit, saved.retentionDays]).toEqual([15, 35.5, 0]);
  expect(await page.getByTestId('wb-tax-rate').inputValue()).toBe('15');
  expect(await page.getByTestId('wb-other-cost').inputValue()).toBe('35.5');
});

test('«Хранилище»: BigQuery asks for its permission only when turned on, saves, and «Проверить» says what it found', async () => {
  expect(await page.getByTestId('wb-storage-off').isChecked()).toBe(true);
  expect(await page.getByTestId('wb-storage-project').isVisible()).toBe(false);
  await page.getByTestId('wb-storage-bigquery').check();
  expect(await page.getByTestId('wb-storage-project').isVisible()).toBe(true);
  expect(await page.getByTestId('wb-storage-dataset').inputValue()).toBe('wb_sheets');
  expect(await page.getByTestId('wb-storage-keep-raw').isChecked()).toBe(true);
  expect(await page.getByTestId('wb-storage-location').locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['EU', 'US', 'asia-northeast1']));

  // A project name instead of its id: refused in words, nothing asked, nothing saved.
  await page.getByTestId('wb-storage-project').fill('Мой магазин');
  await page.getByTestId('wb-storage-save').click();
  await page.getByText('Укажите ID проекта Google Cloud', { exact: false }).waitFor();
  expect(h.rt.authPrompts).toHaveLength(0);

  // A valid id: Google's consent prompt for the BigQuery scope ends that execution; nothing is saved yet.
  h.rt.bigquery.addProject('my-shop-123', { billing: false });
  await page.getByTestId('wb-storage-project').fill('my-shop-123');
  await page.getByTestId('wb-storage-location').selectOption('asia-northeast1');
  await page.getByTestId('wb-storage-keep-raw').uncheck();
  await page.getByTestId('wb-storage-save').click();
  await page.waitForFunction("document.getElementById('storage-status').textContent !== ''", undefined, { timeout: 10000 });
  expect(h.rt.authPrompts.map((p) => p.scopes)).toEqual([['https://www.googleapis.com/auth/bigquery']]);
  expect(h.rt.documentProperties()['wb.storage']).toBeUndefined();

  // Allowed: saved as chosen.
  h.rt.grantScopes(['https://www.googleapis.com/auth/bigquery']);
  await page.getByTestId('wb-storage-save').click();
  await page.getByText('Хранилище сохранено.').waitFor();
  expect(JSON.parse(h.rt.documentProperties()['wb.storage'])).toEqual({ mode: 'bigquery', project: 'my-shop-123', dataset: 'wb_sheets', location: 'asia-northeast1', keepRawInSheets: false });
  expect(await page.getByTestId('wb-storage-location').inputValue()).toBe('asia-northeast1');

  await page.getByTestId('wb-storage-check').click();
  await page.getByText('Проект my-shop-123 доступен', { exact: false }).waitFor();
  expect(await page.getByTestId('wb-storage-status').innerText()).toContain('старше 60 дней');

  // The API switched off in the project: the check says how to enable it.
  h.rt.bigquery.setProject('my-shop-123', { apiEnabled: false });
  await page.getByTestId('wb-storage-check').click();
  await page.getByText('не включён BigQuery API', { exact: false }).waitFor();
});

/** Calls a server function from the page as the client would; resolves to 'ok:<json>' or 'fail:<message>'. */
function callFromPage(name: string, argExpr = ''): Promise<string> {
  return page.evaluate(
    `new Promise((resolve) => google.script.run
      .withSuccessHandler((v, u) => resolve('ok:' + JSON.stringify(v) + ':' + u))
      .withFailureHandler((e, u) => resolve('fail:' + e.message + ':' + u))
      .withUserObject('me')
      .${name}(${argExpr}))`,
  ) as Promise<string>;
}

test('a Date or a function crossing google.script.run fails the call, as in Apps Script', async () => {
  const received: unknown[] = [];
  h.scope.echoForTest = (x: unknown) => {
    received.push(x);
    return { echo: x ?? null };
  };
  h.scope.dateForTest = () => ({ state: { at: new Date(0) } });
  h.scope.labelsForTest = () => ({ labels: { nextRunAbout: (w: string) => 'около ' + w } });
  expect(await callFromPage('echoForTest', "{ mode: 'daily', hour: 8 }")).toBe('ok:{"echo":{"mode":"daily","hour":8}}:me');
  // A result holding a Date or a function anywhere reaches the failure handler, never half-copied.
  expect(await callFromPage('dateForTest')).toBe('fail:Failed due to illegal value in property: result.state.at: Date object:me');
  expect(await callFromPage('labelsForTest')).toBe('fail:Failed due to illegal value in property: result.labels.nextRunAbout: function:me');
  // An illegal argument fails in the page: the server never runs.
  expect(await callFromPage('echoForTest', '{ when: new Date() }')).toBe('fail:Failed due to illegal value in property: arguments[0].when: Date object:me');
  expect(await callFromPage('echoForTest', '[1, () => 2]')).toBe('fail:Failed due to illegal value in property: arguments[0][1]: function:me');
  expect(received).toHaveLength(1);
  expect(calls.filter((c) => c === 'echoForTest')).toHaveLength(1);
});

test('the whole state arrives: keys, report matrix, schedule and last refresh are filled in', async () => {
  const key = h.wb.makeKey({ type: 'personal', categories: [5] });
  h.run('saveKey', key);
  h.run('saveSchedule', { mode: 'every2' });
  h.run('syncAllNow');
  await page.reload();
  await page.getByText('Следующий запуск: около', { exact: false }).waitFor();
  expect(await page.getByTestId('wb-key-status').innerText()).toContain('••••' + key.slice(-4));
  expect(await page.getByTestId('wb-report-matrix').innerText()).toMatch(/WB Продажи\s+✓•\s+доступно\s+следующее обновление не раньше \d\d\.\d\d\.\d{4} \d\d:\d\d МСК/);
  expect(await page.getByTestId('wb-schedule').inputValue()).toBe('every2');
  expect(await page.getByTestId('wb-sync-status').innerText()).toMatch(/Последнее обновление: \d\d\.\d\d\.\d{4} \d\d:\d\d МСК \(вручную\)/);
  expect(await page.locator('#key-feedback').innerText()).toBe('');
});

test('a state that arrives empty is reported in words, not left as a blank sidebar', async () => {
  // What a seller saw when the state could not cross: the success handler with nothing.
  h.scope.getSidebarState = () => null;
  await page.reload();
  await page.getByText('Дополнение не вернуло данные.', { exact: false }).waitFor();
  expect(await page.locator('#key-feedback').innerText()).toContain('Расширения → WB Sheets → Настройки и ключ API');
  expect(await page.locator('#key-feedback').innerText()).not.toContain('Cannot read properties');
  // A refresh's progress is legitimately empty: polling it never shows an error.
  expect(await callFromPage('getProgress')).toBe('ok:null:me');
});
