import { loadBundle } from '../tests/bundle/harness';
Error.stackTraceLimit = 200;
const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 80, articles: 30 } });
h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: [5, 2, 10, 13] }));
for (let i = 0; i < 4; i++) { h.call('syncAllNow'); h.rt.clock.advance(3600000); }
h.wb.freeze(h.rt.clock.now());
h.call('scheduledSync');
h.rt.clock.advance(120000);
const st = h.rt.stats;
function isSvc(x: any) { return x && typeof x === 'object' && typeof x._svc === 'string'; }
const wrapped = new WeakMap();
function wrap(o: any): any { if (!isSvc(o)) return o; if (wrapped.has(o)) return wrapped.get(o); const p = new Proxy(o, { get(t, k) { const v = Reflect.get(t, k); if (typeof v !== 'function' || typeof k !== 'string' || k[0] === '_') return v; return (...a: any[]) => { const b = { r: st.cellsRead, w: st.cellsWritten }; const res = v.apply(t, a.map((x: any) => (x && x.__inner) || x)); const dr = st.cellsRead - b.r, dw = st.cellsWritten - b.w; if (t._kind === 'spreadsheet') { const fr = (new Error().stack || '').split('\n').map((l) => l.trim().split(' ')[1]).filter((n) => n && /^[A-Za-z.]+$/.test(n) && !/^(Proxy|Object|get|apply|Array|wrap|Ctx|Reflect)/.test(n) && !/^(Svc|Range|Sheet|Spreadsheet)\./.test(n)).slice(0, 5).join(' < '); console.log(t._svc + '.' + String(k), dr || '', dw || '', fr); } if (isSvc(res)) return wrap(res); if (Array.isArray(res) && isSvc(res[0])) return res.map(wrap); return res; }; } }); wrapped.set(o, p); return p; }
h.scope.SpreadsheetApp = wrap(h.scope.SpreadsheetApp);
const t0 = h.rt.clock.now();
h.call('syncAllNow');
console.log('virtual', (h.rt.clock.now() - t0) / 1000, JSON.parse(h.rt.documentProperties()['wb.lastSync']).message);
for (const r of h.wb.requests.filter((r: any) => r.at >= t0)) console.log(new Date(r.at).toISOString().slice(11, 19), r.status, r.path, JSON.stringify(r.query));
