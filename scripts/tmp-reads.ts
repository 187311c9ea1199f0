import { loadBundle } from '../tests/bundle/harness';
Error.stackTraceLimit = 200;
const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const h = loadBundle({ startTime: START, emulator: { ordersPerDay: 80, articles: 30 } });
h.call('saveKey', h.wb.makeKey({ type: 'personal', categories: [5] }));
h.call('syncAllNow');
h.rt.clock.advance(3600000);
h.wb.changeRandomRows(0.01, h.rt.clock.now());
let last = { r: 0, w: 0 };
const st = h.rt.stats;
const SA: any = h.scope.SpreadsheetApp;
// sample cells read after each call using a poller on the clock is hard; instead wrap Range via getActiveSpreadsheet chain is complex: poll stats in Proxy on all objects
function isSvc(x: any) { return x && typeof x === 'object' && typeof x._svc === 'string'; }
const wrapped = new WeakMap();
function wrap(o: any): any { if (!isSvc(o)) return o; if (wrapped.has(o)) return wrapped.get(o); const p = new Proxy(o, { get(t, k) { const v = Reflect.get(t, k); if (typeof v !== 'function' || typeof k !== 'string' || k[0] === '_') return v; return (...a: any[]) => { const b = { r: st.cellsRead, w: st.cellsWritten }; const res = v.apply(t, a.map((x: any) => (x && x.__inner) || x)); const dr = st.cellsRead - b.r, dw = st.cellsWritten - b.w; if (dr + dw > 2000) { const fr = (new Error().stack || '').split('\n').filter((l) => /Code\.js|eval|<anonymous>/.test(l) || /at [a-zA-Z]+ /.test(l)).map((l) => l.trim().split(' ')[1]).filter((n) => n && !/^(Proxy|Object|get|apply|Array|wrap)/.test(n)).slice(0, 7).join(' < '); console.log(String(k), 'read', dr, 'written', dw, fr); } if (isSvc(res)) return wrap(res); if (Array.isArray(res) && isSvc(res[0])) return res.map(wrap); return res; }; } }); wrapped.set(o, p); return p; }
h.scope.SpreadsheetApp = wrap(SA);
h.call('scheduledSync');
