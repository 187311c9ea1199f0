/**
 * The sidebar's script (runs in the browser, bundled into Sidebar.html). It renders
 * the server's state and calls the server through google.script.run. It never holds
 * the key after sending it: the input is cleared on save.
 */
import type { SaveKeyResponse, SidebarServer, SidebarState, SyncResponse } from '../contract';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: Error) => void): Runner;
  [name: string]: unknown;
}
declare const google: { script: { run: Runner } };

function call<K extends keyof SidebarServer>(name: K, ...args: Parameters<SidebarServer[K]>): Promise<ReturnType<SidebarServer[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as ReturnType<SidebarServer[K]>))
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

function render(s: SidebarState): void {
  state = s;
  const L = s.labels;
  $('key-heading').textContent = L.keyHeading;
  ($('key-input') as HTMLTextAreaElement).placeholder = L.keyPlaceholder;
  $('key-save').textContent = L.save;
  $('key-remove').textContent = L.remove;
  $('sync-heading').textContent = L.syncHeading;
  $('sync-now').textContent = L.syncNow;

  const status = $('key-status');
  status.textContent = '';
  if (!s.key) {
    status.appendChild(el('p', L.noKey, 'muted'));
    $('key-remove').classList.add('hidden');
  } else {
    const k = s.key;
    $('key-remove').classList.remove('hidden');
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
    status.appendChild(dl);
    status.appendChild(el('div', L.reports, 'muted'));
    const ul = el('ul');
    for (const r of k.reports) ul.appendChild(el('li', (r.available ? '✓ ' : '✗ ') + r.title + ' — ' + r.note));
    status.appendChild(ul);
    for (const m of k.messages) message(status, m.level, m.text);
  }

  const sync = $('sync-status');
  sync.textContent = '';
  if (s.lastSync) {
    sync.appendChild(el('div', L.lastSync + ': ' + s.lastSync.at, 'muted'));
    message(sync, s.lastSync.ok ? 'ok' : 'error', s.lastSync.message);
  } else {
    sync.appendChild(el('div', L.lastSync + ': ' + L.never, 'muted'));
  }
}

function busy(on: boolean): void {
  for (const id of ['key-save', 'key-remove', 'sync-now']) ($(id) as HTMLButtonElement).disabled = on;
}

function fail(target: HTMLElement, e: Error): void {
  busy(false);
  target.textContent = '';
  message(target, 'error', (state ? state.labels.failed + ': ' : '') + (e && e.message ? e.message : String(e)));
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

$('key-remove').addEventListener('click', () => {
  if (state && !window.confirm(state.labels.removeConfirm)) return;
  busy(true);
  call('removeKey')
    .then((s) => {
      busy(false);
      $('key-feedback').textContent = '';
      render(s);
    })
    .catch((e) => fail($('key-feedback'), e));
});

$('sync-now').addEventListener('click', () => {
  const sync = $('sync-status');
  sync.textContent = '';
  message(sync, 'info', state ? state.labels.syncing : '…');
  busy(true);
  call('syncAllNow')
    .then((r: SyncResponse) => {
      busy(false);
      render(r.state);
      if (r.busy) message($('sync-status'), 'warn', r.message);
    })
    .catch((e) => fail(sync, e));
});

call('getSidebarState')
  .then(render)
  .catch((e) => fail($('key-feedback'), e));
