/** The built dist/ as clasp pushes it: manifest, one script bundle, the sidebar, custom-function help. */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { parse } from 'acorn';
import { DIST, distFiles, loadBundle } from './harness';
import { WB_HOSTS } from '../../src/wb/endpoints';

const { scripts, html, manifest } = distFiles();
const code = scripts['Code.js'];

describe('dist/', () => {
  it('holds the manifest, one script and the sidebar', () => {
    expect(fs.readdirSync(DIST).sort()).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
    expect(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../.clasp.json'), 'utf8')).rootDir).toBe('dist');
  });

  it('asks for the minimal scopes and may call only WB hosts', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes.sort()).toEqual([
      // BigQuery (issue 14): requested with ScriptApp.requireScopes only when the seller turns storage on
      'https://www.googleapis.com/auth/bigquery',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(manifest.urlFetchWhitelist.sort()).toEqual(WB_HOSTS.map((h) => 'https://' + h + '/').sort());
  });

  it('declares the BigQuery advanced service (v2) as the global BigQuery', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }]);
  });

  it('is ES2020 script code without modules', () => {
    expect(() => parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('uses none of the web APIs Apps Script lacks', () => {
    for (const api of ['setTimeout', 'setInterval', 'atob(', 'btoa(', 'new URL(', 'URLSearchParams', 'TextDecoder', 'TextEncoder', 'process.', 'require(']) {
      expect(code).not.toContain(api);
    }
    // A bare fetch() (not UrlFetchApp.fetch, not a method such as client.prefetch).
    expect(code).not.toMatch(/(^|[^.\w$])fetch\(/m);
  });

  it('declares every entry point as a top-level function', () => {
    const context: Record<string, unknown> = {};
    vm.createContext(context);
    vm.runInContext(code, context); // loading must not touch any service
    for (const name of ['onOpen', 'onInstall', 'showSidebar', 'getSidebarState', 'saveKey', 'removeKey', 'saveSettings', 'saveSchedule', 'getProgress', 'scheduledSync', 'syncAllNow', 'syncOrdersNow', 'syncSalesNow', 'syncStocksNow', 'syncSuppliesNow', 'syncRealizationNow', 'buildDashboardNow', 'WB_SALES', 'WB_REVENUE', 'WB_ORDERS', 'WB_RETURNS', 'WB_STOCK', 'WB_PAYOUT', 'WB_COSTS', 'WB_SUMMARY', 'WB_RATING', 'WB_REVIEWS', 'WB_UNANSWERED', 'WB_FUNNEL', 'WB_POSITION', 'WB_VISIBILITY']) {
      expect(code).toMatch(new RegExp('^function ' + name + '\\(', 'm'));
      expect(typeof context[name]).toBe('function');
    }
  });

  it('keeps the @customfunction JSDoc block on each custom function stub', () => {
    for (const name of ['WB_SALES', 'WB_REVENUE', 'WB_ORDERS', 'WB_RETURNS', 'WB_STOCK', 'WB_PAYOUT', 'WB_COSTS', 'WB_SUMMARY', 'WB_RATING', 'WB_REVIEWS', 'WB_UNANSWERED', 'WB_FUNNEL', 'WB_POSITION', 'WB_VISIBILITY']) {
      const m = new RegExp('/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ' + name + '\\(').exec(code);
      expect(m).not.toBeNull();
      const block = (m as RegExpExecArray)[1];
      expect(block).toContain('@customfunction');
      // Sheets shows the text before the first tag as the function's description.
      expect(block.replace(/^[\s*]+/, '')).toMatch(/^[A-Z][a-z ]/);
      expect(block).toMatch(name === 'WB_SUMMARY' ? /@param \{[^}]+\} \[from\]/ : /@param \{[^}]+\} article/);
      expect(block).toMatch(/@return/);
    }
  });

  it('the sidebar is one self-contained HTML file', () => {
    expect(Object.keys(html)).toEqual(['Sidebar']);
    expect(html.Sidebar).not.toMatch(/<script[^>]+src=/);
    expect(html.Sidebar).not.toMatch(/<link[^>]+stylesheet/);
    expect(html.Sidebar).toContain('google.script.run');
  });

  it('the loaded bundle delegates custom functions to the real implementation', () => {
    const h = loadBundle();
    expect(() => h.formula('WB_SALES', 'X')).toThrow(/ещё не загружен/);
  });
});
