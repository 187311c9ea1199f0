import { Harness } from '../bundle/harness';

export const ORDERS_RU = 'WB Заказы';
export const SALES_RU = 'WB Продажи';

const DAY_MS = 86400000;
/** The Moscow calendar day (days since 1970-01-01) of an instant. */
export const mskDay = (ms: number): number => Math.floor((ms + 3 * 3600000) / DAY_MS);
/** 'YYYY-MM-DD' of a day number. */
export const dayIso = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
/** The day number of WB's wall-clock text ('2026-11-27T10:00:00' → its day). */
export const dayOfText = (v: unknown): number => Math.floor(Date.parse(String(v).slice(0, 10) + 'T00:00:00Z') / DAY_MS);

/** Header + data rows of a sheet (read outside any execution). */
export function sheetTable(h: Harness, name: string): { header: string[]; rows: any[][] } {
  const sheet = h.rt.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error('no sheet ' + name);
  const values = sheet.getDataRange().getValues();
  return { header: values[0].map(String), rows: values.slice(1) };
}

export function column(h: Harness, name: string, header: string): any[] {
  const t = sheetTable(h, name);
  const i = t.header.indexOf(header);
  if (i < 0) throw new Error('no column ' + header + ' in ' + name);
  return t.rows.map((r) => r[i]);
}

export function connect(h: Harness, opts: Parameters<Harness['wb']['makeKey']>[0] = {}): string {
  const key = h.wb.makeKey({ type: 'personal', categories: [5], ...opts });
  const res = h.run('saveKey', key);
  if (!res.ok) throw new Error('key refused: ' + res.message);
  return key;
}

/** Emulator requests to a data path since an index. */
export function dataRequests(h: Harness, since = 0): { path: string; status: number }[] {
  return h.wb.requests.slice(since).filter((r) => r.path.startsWith('/api/'));
}

/** Every string the add-on could have left anywhere but user properties and request headers. */
export function everythingVisible(h: Harness): string {
  const parts: string[] = [];
  for (const sheet of h.rt.spreadsheet.getSheets()) {
    const range = sheet.getDataRange();
    parts.push(sheet.getName(), JSON.stringify(range.getValues()), JSON.stringify(range.getFormulas()));
    parts.push(JSON.stringify(sheet.getDeveloperMetadata().map((m: any) => [m.getKey(), m.getValue()])));
  }
  parts.push(JSON.stringify(h.rt.documentProperties()), JSON.stringify(h.rt.scriptProperties()));
  parts.push(JSON.stringify(h.rt.cacheDump()), JSON.stringify(h.rt.logs), JSON.stringify(h.rt.toasts));
  parts.push(JSON.stringify(h.rt.sidebars), JSON.stringify(h.rt.alerts));
  parts.push(JSON.stringify(h.rt.fetchLog.map((f) => [f.url, f.payload])));
  return parts.join('\n');
}

export function assertKeyAbsent(text: string, key: string): void {
  // Any 12-character window of the key's secret parts would be a leak.
  const secret = key.split('.').slice(1).join('.');
  for (let i = 0; i + 12 <= secret.length; i += 6) {
    const piece = secret.slice(i, i + 12);
    if (text.includes(piece)) throw new Error('key fragment leaked: ' + piece.slice(0, 3) + '…');
  }
}
