/**
 * Bench of the hourly refresh for a small seller (issue 11): what a refresh costs in
 * SpreadsheetApp calls when nothing changed at WB, and after WB changed a few rows,
 * beside the lower bound a correct refresh cannot go under. Prints markdown.
 *
 *   npm run build && node scripts/run-ts.js scripts/bench-refresh.ts
 */
import { Harness, loadBundle } from '../tests/bundle/harness';

const START = Date.UTC(2026, 10, 27, 7, 0, 0);
const HOUR = 3600000;

function isSvc(x: unknown): boolean {
  return x !== null && typeof x === 'object' && typeof (x as { _svc?: unknown })._svc === 'string' && (x as { _ctx?: unknown })._ctx !== undefined;
}

/** Counts SpreadsheetApp calls by method and by the sheet they touch. */
class Counter {
  byPhase: Record<string, Record<string, number>> = {};
  trace = false;
  private wrappers = new WeakMap<object, object>();
  private inners = new WeakMap<object, object>();
  constructor(h: Harness) {
    h.scope.SpreadsheetApp = this.wrap(h.scope.SpreadsheetApp);
  }
  reset(): void {
    this.trace = true;
    this.byPhase = {};
  }
  private wrap(inner: any): any {
    if (!isSvc(inner)) return inner;
    const known = this.wrappers.get(inner);
    if (known) return known;
    const self = this;
    const w = new Proxy(inner, {
      get(t, p) {
        const v = Reflect.get(t, p);
        if (typeof v !== 'function' || typeof p !== 'string' || p.charCodeAt(0) === 95) return v;
        return (...args: unknown[]) => {
          const tt = t as any;
          if (tt._kind === 'spreadsheet') {
            const sheet = tt._svc === 'Sheet' ? String(tt._name) : tt._svc === 'Range' && tt._sheet ? String(tt._sheet._name) : '(spreadsheet)';
            const m = (self.byPhase[sheet] = self.byPhase[sheet] || {});
            const k = tt._svc + '.' + p;
            m[k] = (m[k] || 0) + 1;
            if (process.env.TRACE === sheet && self.trace) console.log(k, new Error().stack!.split('\n').slice(2, 12).filter((l) => /Code.js/.test(l)).map((l) => l.trim()).join(' < '));
          }
          const r = v.apply(t, args.map((a) => (a !== null && typeof a === 'object' && self.inners.get(a)) || a));
          if (isSvc(r)) return self.wrap(r);
          if (Array.isArray(r) && r.length > 0 && isSvc(r[0])) return r.map((x) => self.wrap(x));
          return r;
        };
      },
    });
    this.wrappers.set(inner, w);
    this.inners.set(w, inner);
    return w;
  }
}

function measure(h: Harness, c: Counter, label: string, fn: () => any): void {
  c.reset();
  h.rt.stats.reset();
  const t0 = h.rt.clock.now();
  const res = fn();
  const s = h.rt.stats;
  console.log(`\n### ${label}\ncalls ${s.spreadsheetCalls}, virtual ${((h.rt.clock.now() - t0) / 1000).toFixed(2)} s, cells written ${s.cellsWritten}, read ${s.cellsRead}, fetches ${s.fetchCount}`);
  console.log(String(res && res.message).replace(/\n/g, ' / '));
  for (const [phase, m] of Object.entries(c.byPhase)) {
    const n = Object.values(m).reduce((a, b) => a + b, 0);
    console.log(`  ${phase}: ${n} — ` + Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => k + '×' + v).join(', '));
  }
}

const perDay = Number(process.env.PER_DAY || 80);
const h = loadBundle({ startTime: START, emulator: { ordersPerDay: perDay, articles: 30 } });
const c = new Counter(h);
const key = h.wb.makeKey({ type: 'personal', categories: [5] });
h.call('saveKey', key);
measure(h, c, 'backfill', () => h.call('syncAllNow'));
h.rt.clock.advance(2 * 60000);
measure(h, c, 'no change (menu)', () => h.call('syncAllNow'));
h.rt.clock.advance(2 * 60000);
measure(h, c, 'no change (scheduled)', () => h.call(process.env.SCHED || 'scheduledSync'));
h.rt.clock.advance(HOUR);
measure(h, c, 'one hour later (scheduled)', () => h.call(process.env.SCHED || 'scheduledSync'));
h.rt.clock.advance(2 * 60000);
measure(h, c, 'no change (scheduled)', () => h.call(process.env.SCHED || 'scheduledSync'));
