/**
 * The sidebar's script (runs in the browser, bundled into Sidebar.html). It renders
 * the server's state and calls the server through google.script.run. It never holds
 * a key after sending it: the input is cleared on save. Every text goes through
 * textContent, so nothing from WB can become markup.
 */
import type { SaveKeyResponse, SidebarServer, SidebarState, SyncResponse } from '../contract';
import type { SyncSettings } from '../../sync/settings';
import { SIDEBAR_NO_ANSWER } from './texts';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: Error) => void): Runner;
  [name: string]: unknown;
}
declare const google: { script: { run: Runner } };

/** Calls whose empty answer is normal (no refresh running); any other call owes its state. */
const MAY_BE_EMPTY: (keyof SidebarServer)[] = ['getProgress'];

function call<K extends keyof SidebarServer>(name: K, ...args: Parameters<SidebarServer[K]>): Promise<ReturnType<SidebarServer[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => {
        // A state the transport could not carry may arrive as nothing: say so instead of rendering nothing.
        if (v == null && MAY_BE_EMPTY.indexOf(name) < 0) reject(new Error(SIDEBAR_NO_ANSWER[state ? state.locale : /^en/i.test(navigator.language) ? 'en' : 'ru']));
        else resolve(v as ReturnType<SidebarServer[K]>);
      })
      .withFailureHandler((e) => reject(e));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;
let state: SidebarState | null = null;

function el(tag: string, text?: string, cls?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function message(container: HTMLElement, level: string, text: string): void {
  container.appendChild(el('div', text, 'msg ' + level));
}

function renderKeys(s: SidebarState): void {
  const L = s.labels;
  const status = $('key-status');
  status.textContent = '';
  if (!s.keys.length) status.appendChild(el('p', L.noKey, 'muted'));
  for (const k of s.keys) {
    const box = el('div', undefined, 'key');
    const dl = el('dl');
    const row = (name: string, value: string) => {
      dl.appendChild(el('dt', name));
      dl.appendChild(el('dd', value));
    };
    row('', k.masked);
    row(L.type, k.typeLabel);
    row(L.categories, k.categories.join(', ') || '—');
    row(L.expires, k.expiresOn || '—');
    row(L.daysLeft, k.daysLeft === null ? '—' : String(Math.max(0, k.daysLeft)));
    row(L.sandbox, k.sandbox ? L.yes : L.no);
    row(L.readOnly, k.readOnly ? L.yes : L.no);
    box.appendChild(dl);
    for (const m of k.messages) message(box, m.level, m.text);
    const remove = el('button', L.remove, 'small') as HTMLButtonElement;
    remove.setAttribute('data-testid', 'wb-key-remove');
    remove.addEventListener('click', () => removeKey(k.slot));
    box.appendChild(remove);
    status.appendChild(box);
  }
}

function renderMatrix(s: SidebarState): void {
  const L = s.labels;
  const matrix = $('matrix');
  matrix.textContent = '';
  const table = el('table');
  const head = el('tr');
  head.appendChild(el('th', L.report));
  s.keys.forEach((k) => head.appendChild(el('th', k.masked)));
  head.appendChild(el('th', ''));
  table.appendChild(head);
  for (const r of s.matrix) {
    const tr = el('tr');
    tr.setAttribute('data-report', r.id);
    tr.appendChild(el('td', r.title));
    r.byKey.forEach((serves, i) => tr.appendChild(el('td', serves ? (s.keys[i].slot === r.slot ? '✓•' : '✓') : '✗', 'mark')));
    const note = el('td');
    note.appendChild(el('div', r.note, r.ok ? '' : 'muted'));
    if (r.next) note.appendChild(el('div', r.next, 'muted'));
    tr.appendChild(note);
    table.appendChild(tr);
  }
  matrix.appendChild(table);
}

function render(s: SidebarState): void {
  state = s;
  const L = s.labels;
  $('keys-heading').textContent = L.keysHeading;
  ($('key-input') as HTMLTextAreaElement).placeholder = L.keyPlaceholder;
  $('key-save').textContent = s.keys.length ? L.addKey : L.save;
  $('matrix-heading').textContent = L.matrixHeading;
  $('sync-heading').textContent = L.syncHeading;
  $('sync-now').textContent = L.syncNow;
  $('settings-heading').textContent = L.settingsHeading;
  $('period-label').textContent = L.periodLabel + ': ';
  const period = $('period') as HTMLSelectElement;
  period.options[0].textContent = L.weekly;
  period.options[1].textContent = L.daily;
  period.value = s.settings.realizationPeriod;
  $('period-note').textContent = L.periodNote;
  $('all-fields-label').textContent = L.allFields;
  ($('all-fields') as HTMLInputElement).checked = s.settings.realizationAllFields;
  $('retention-label').textContent = L.retentionLabel + ': ';
  const retention = $('retention') as HTMLSelectElement;
  for (const o of Array.from(retention.options)) o.textContent = L.retentionChoices[o.value];
  retention.value = String(s.settings.retentionDays || 0);
  $('retention-note').textContent = L.retentionNote;
  const P = s.profitLabels;
  $('tax-heading').textContent = P.taxHeading;
  $('tax-label').textContent = P.taxLabel + ': ';
  const regime = $('tax-regime') as HTMLSelectElement;
  for (const o of Array.from(regime.options)) o.textContent = P.taxRegimes[o.value];
  regime.value = s.settings.taxRegime;
  $('tax-rate-label').textContent = P.taxRateLabel + ': ';
  const rate = $('tax-rate') as HTMLInputElement;
  rate.value = String(s.settings.taxRate);
  rate.disabled = s.settings.taxRegime === 'none';
  $('tax-note').textContent = P.taxNote;
  $('other-label').textContent = P.otherLabel + ': ';
  ($('other-cost') as HTMLInputElement).value = String(s.settings.otherCostPerUnit);
  $('settings-save').textContent = L.saveSettings;

  renderStorage(s);
  renderSchedule(s);
  const banners = $('banners');
  banners.textContent = '';
  for (const b of s.banners) message(banners, 'warn', b);
  renderKeys(s);
  renderMatrix(s);

  const sync = $('sync-status');
  sync.textContent = '';
  if (s.lastSync) {
    sync.appendChild(el('div', L.lastSync + ': ' + s.lastSync.at + ' (' + (s.lastSync.scheduled ? L.scheduled : L.manual) + ')', 'muted'));
    message(sync, s.lastSync.ok ? 'ok' : 'error', s.lastSync.message);
  } else {
    sync.appendChild(el('div', L.lastSync + ': ' + L.never, 'muted'));
  }
}

const MODES = ['off', 'every1', 'every2', 'every4', 'every6', 'every12', 'daily'];

function renderSchedule(s: SidebarState): void {
  const L = s.labels;
  $('schedule-heading').textContent = L.scheduleHeading;
  const select = $('schedule') as HTMLSelectElement;
  if (!select.options.length) {
    for (const m of MODES) select.appendChild(new Option('', m));
    const hours = $('schedule-hour') as HTMLSelectElement;
    for (let h = 0; h < 24; h++) hours.appendChild(new Option((h < 10 ? '0' : '') + h + ':00', String(h)));
    select.addEventListener('change', () => showHour());
  }
  MODES.forEach((m, i) => (select.options[i].textContent = L.scheduleModes[m]));
  select.value = s.schedule.active ? s.schedule.mode : 'off';
  ($('schedule-hour') as HTMLSelectElement).value = String(s.schedule.hour);
  $('at-label').textContent = L.scheduleAt;
  $('schedule-save').textContent = L.scheduleSave;
  $('schedule-next').textContent = L.nextRun + ': ' + s.schedule.next;
  showHour();
}

function showHour(): void {
  $('hour-wrap').style.display = ($('schedule') as HTMLSelectElement).value === 'daily' ? '' : 'none';
}

function busy(on: boolean): void {
  document.querySelectorAll('button').forEach((b) => ((b as HTMLButtonElement).disabled = on));
}

function fail(target: HTMLElement, e: Error): void {
  busy(false);
  target.textContent = '';
  message(target, 'error', (state ? state.labels.failed + ': ' : '') + (e && e.message ? e.message : String(e)));
}

function removeKey(slot: string): void {
  if (state && !window.confirm(state.labels.removeConfirm)) return;
  busy(true);
  call('removeKey', slot)
    .then((s) => {
      busy(false);
      $('key-feedback').textContent = '';
      render(s);
    })
    .catch((e) => fail($('key-feedback'), e));
}

$('key-save').addEventListener('click', () => {
  const input = $('key-input') as HTMLTextAreaElement;
  const raw = input.value;
  const feedback = $('key-feedback');
  feedback.textContent = state ? state.labels.saving : '';
  busy(true);
  call('saveKey', raw)
    .then((r: SaveKeyResponse) => {
      busy(false);
      feedback.textContent = '';
      if (r.ok) input.value = '';
      message(feedback, r.ok ? 'ok' : 'error', r.message);
      render(r.state);
    })
    .catch((e) => fail(feedback, e));
});

$('sync-now').addEventListener('click', () => {
  const sync = $('sync-status');
  sync.textContent = '';
  message(sync, 'info', state ? state.labels.syncing : '…');
  busy(true);
  // google.script.run calls run in parallel: poll the refresh's progress while it works.
  const progress = $('sync-progress');
  const timer = window.setInterval(() => {
    call('getProgress')
      .then((p) => {
        progress.textContent = p ? p.message : '';
      })
      .catch(() => undefined);
  }, 2000);
  const stop = () => {
    window.clearInterval(timer);
    progress.textContent = '';
  };
  call('syncAllNow')
    .then((r: SyncResponse) => {
      stop();
      busy(false);
      render(r.state);
      if (r.busy) message($('sync-status'), 'warn', r.message);
    })
    .catch((e) => {
      stop();
      fail(sync, e);
    });
});

// A regime just picked gets its usual rate from the server on save: the old rate is not its.
$('tax-regime').addEventListener('change', () => {
  const regime = ($('tax-regime') as HTMLSelectElement).value;
  const rate = $('tax-rate') as HTMLInputElement;
  rate.disabled = regime === 'none';
  rate.value = regime === state?.settings.taxRegime ? String(state.settings.taxRate) : '';
});

/** «Хранилище»: the storage choice as saved; the fields show only with BigQuery chosen. */
function renderStorage(s: SidebarState): void {
  const v = s.storage;
  const L = v.labels;
  $('storage-heading').textContent = L.heading;
  $('storage-off-label').textContent = L.modeOff;
  $('storage-bq-label').textContent = L.modeBigQuery;
  $('storage-project-label').textContent = L.project + ': ';
  $('storage-dataset-label').textContent = L.dataset + ': ';
  $('storage-location-label').textContent = L.location + ': ';
  $('storage-keep-label').textContent = L.keepRaw;
  $('storage-keep-hint').textContent = L.keepRawHint;
  $('storage-save').textContent = L.save;
  $('storage-check').textContent = L.check;
  ($(v.settings.mode === 'bigquery' ? 'storage-bq' : 'storage-off') as HTMLInputElement).checked = true;
  ($('storage-project') as HTMLInputElement).value = v.settings.project;
  ($('storage-dataset') as HTMLInputElement).value = v.settings.dataset;
  const location = $('storage-location') as HTMLSelectElement;
  location.textContent = '';
  for (const l of v.locations) {
    const o = el('option', l) as HTMLOptionElement;
    o.value = l;
    location.appendChild(o);
  }
  location.value = v.settings.location;
  ($('storage-keep') as HTMLInputElement).checked = v.settings.keepRawInSheets;
  showStorageFields();
}

function showStorageFields(): void {
  $('storage-fields').style.display = ($('storage-bq') as HTMLInputElement).checked ? '' : 'none';
}

function storageChoice() {
  return {
    mode: ($('storage-bq') as HTMLInputElement).checked ? ('bigquery' as const) : ('off' as const),
    project: ($('storage-project') as HTMLInputElement).value.trim(),
    dataset: ($('storage-dataset') as HTMLInputElement).value.trim(),
    location: ($('storage-location') as HTMLSelectElement).value,
    keepRawInSheets: ($('storage-keep') as HTMLInputElement).checked,
  };
}

$('storage-off').addEventListener('change', showStorageFields);
$('storage-bq').addEventListener('change', showStorageFields);

$('storage-save').addEventListener('click', () => {
  busy(true);
  call('saveStorage', storageChoice())
    .then((r) => {
      busy(false);
      // A refused choice stays on screen as the seller typed it, to be corrected.
      if (r.ok) render(r.state);
      message($('storage-status'), r.ok ? 'ok' : 'error', r.message);
    })
    .catch((e) => fail($('storage-status'), e));
});

$('storage-check').addEventListener('click', () => {
  busy(true);
  call('checkStorage', storageChoice())
    .then((r) => {
      busy(false);
      message($('storage-status'), r.ok ? 'ok' : 'error', r.message);
    })
    .catch((e) => fail($('storage-status'), e));
});

$('settings-save').addEventListener('click', () => {
  busy(true);
  const settings = {
    realizationPeriod: ($('period') as HTMLSelectElement).value === 'daily' ? ('daily' as const) : ('weekly' as const),
    realizationAllFields: ($('all-fields') as HTMLInputElement).checked,
    retentionDays: Number(($('retention') as HTMLSelectElement).value) || 0,
    taxRegime: ($('tax-regime') as HTMLSelectElement).value as SyncSettings['taxRegime'],
    // A regime just picked brings its usual rate (the server sets it when no rate comes).
    ...(($('tax-regime') as HTMLSelectElement).value === state?.settings.taxRegime ? { taxRate: Number(($('tax-rate') as HTMLInputElement).value) || 0 } : {}),
    otherCostPerUnit: Number(($('other-cost') as HTMLInputElement).value) || 0,
  };
  call('saveSettings', settings)
    .then((s) => {
      busy(false);
      render(s);
      message($('key-feedback'), 'ok', s.labels.settingsSaved);
    })
    .catch((e) => fail($('key-feedback'), e));
});

$('schedule-save').addEventListener('click', () => {
  busy(true);
  const schedule = {
    mode: ($('schedule') as HTMLSelectElement).value as SidebarState['schedule']['mode'],
    hour: Number(($('schedule-hour') as HTMLSelectElement).value),
  };
  call('saveSchedule', schedule)
    .then((s) => {
      busy(false);
      render(s);
      message($('sync-status'), 'ok', s.labels.scheduleSaved);
    })
    .catch((e) => fail($('sync-status'), e));
});

call('getSidebarState')
  .then(render)
  .catch((e) => fail($('key-feedback'), e));
