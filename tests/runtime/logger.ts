/** Logger and console, recording every line. */
import { isDateLike } from './clock';
import { Ctx, Svc } from './context';

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: number;
}

export class LogBook {
  readonly lines: string[] = [];
  readonly entries: LogEntry[] = [];
  add(level: LogEntry['level'], message: string, at: number): void {
    this.lines.push(message);
    this.entries.push({ level, message, at });
  }
}

function show(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error || (x && typeof x === 'object' && 'stack' in x && 'message' in x)) {
    const e = x as Error;
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  if (isDateLike(x)) return String(x);
  if (x !== null && typeof x === 'object') {
    try {
      return JSON.stringify(x);
    } catch {
      return String(x);
    }
  }
  return String(x);
}

function substitute(fmt: string, args: unknown[]): { text: string; rest: unknown[] } {
  let k = 0;
  const text = fmt.replace(/%[sdifjo%]/g, (m) => {
    if (m === '%%') return '%';
    if (k >= args.length) return m;
    const a = args[k++];
    if (m === '%d' || m === '%i') return String(Math.trunc(Number(a)));
    if (m === '%f') return String(Number(a));
    return show(a);
  });
  return { text, rest: args.slice(k) };
}

export class FakeLogger extends Svc {
  constructor(
    ctx: Ctx,
    readonly _book: LogBook,
  ) {
    super(ctx, 'logger', 'Logger');
  }
  private _mine: string[] = [];
  log(data: unknown, ...values: unknown[]): FakeLogger {
    const msg = typeof data === 'string' && values.length ? substitute(data, values).text : show(data);
    this._mine.push(msg);
    this._book.add('log', msg, this._ctx.clock.now());
    return this;
  }
  getLog(): string {
    return this._mine.join('\n');
  }
  clear(): void {
    this._mine = [];
  }
}

export class FakeConsole extends Svc {
  constructor(
    ctx: Ctx,
    readonly _book: LogBook,
  ) {
    super(ctx, 'logger', 'console');
  }
  private _rec(level: LogEntry['level'], args: unknown[]): void {
    let parts: string[];
    if (typeof args[0] === 'string' && args.length > 1 && /%[sdifjo%]/.test(args[0])) {
      const { text, rest } = substitute(args[0], args.slice(1));
      parts = [text, ...rest.map(show)];
    } else parts = args.map(show);
    this._book.add(level, parts.join(' '), this._ctx.clock.now());
  }
  log(...args: unknown[]): void {
    this._rec('log', args);
  }
  info(...args: unknown[]): void {
    this._rec('info', args);
  }
  warn(...args: unknown[]): void {
    this._rec('warn', args);
  }
  error(...args: unknown[]): void {
    this._rec('error', args);
  }
  debug(...args: unknown[]): void {
    this._rec('debug', args);
  }
  time(_label?: string): void {}
  timeEnd(_label?: string): void {}
}
