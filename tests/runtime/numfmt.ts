/**
 * Sheets number formats: which patterns are dates, how a value is displayed,
 * and the Excel equivalent of a pattern.
 */
import { serialToWallMs, wallParts } from './tz';

/** What getNumberFormat() returns for a cell with the automatic format. */
export const AUTOMATIC_FORMAT_REPORTED = '0.###############';

export function normalizeFormat(fmt: unknown): string {
  const s = fmt === null || fmt === undefined ? '' : String(fmt);
  if (s === '' || s.toLowerCase() === 'general' || s === AUTOMATIC_FORMAT_REPORTED) return '';
  return s;
}

const dateCache = new Map<string, boolean>();

function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, (m) => m.slice(1, -1))
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
}

/** A pattern is a date/time pattern when it has d, y, h or s tokens, or m together with y. */
export function isDateFormat(fmt: string): boolean {
  if (fmt === '' || fmt === '@') return false;
  let r = dateCache.get(fmt);
  if (r === undefined) {
    const first = splitSections(fmt)[0];
    const s = stripLiterals(first).replace(/AM\/PM|A\/P/gi, 'h');
    r = /[dhs]/i.test(s) || /y/i.test(s) || (/m/i.test(s) && /[ydhs]/i.test(s));
    // scientific "0.00E+00" has no date letters; "General" was normalized away
    dateCache.set(fmt, r);
  }
  return r;
}

export function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQ = !inQ;
    if (ch === '\\' && !inQ && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === ';' && !inQ) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

// ---------------------------------------------------------------- locale bits

interface LocaleInfo {
  decimal: string;
  group: string;
  monthsShort: string[];
  monthsLong: string[];
  daysShort: string[];
  daysLong: string[];
  trueText: string;
  falseText: string;
}
const localeCache = new Map<string, LocaleInfo>();

export function toBcp47(locale: string): string {
  return (locale || 'en_US').replace('_', '-');
}

export function localeInfo(locale: string): LocaleInfo {
  let li = localeCache.get(locale);
  if (li) return li;
  const tag = toBcp47(locale);
  let nf: Intl.NumberFormat;
  try {
    nf = new Intl.NumberFormat(tag);
  } catch {
    nf = new Intl.NumberFormat('en-US');
  }
  const parts = nf.formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const mk = (opts: Intl.DateTimeFormatOptions, n: number, base: (i: number) => Date) => {
    const f = new Intl.DateTimeFormat(tag, { ...opts, timeZone: 'UTC' });
    return Array.from({ length: n }, (_, i) => f.format(base(i)));
  };
  const ru = /^ru/i.test(locale);
  li = {
    decimal,
    group,
    monthsShort: mk({ month: 'short' }, 12, (i) => new Date(Date.UTC(2021, i, 1))),
    monthsLong: mk({ month: 'long' }, 12, (i) => new Date(Date.UTC(2021, i, 1))),
    // 2021-01-03 was a Sunday
    daysShort: mk({ weekday: 'short' }, 7, (i) => new Date(Date.UTC(2021, 0, 3 + i))),
    daysLong: mk({ weekday: 'long' }, 7, (i) => new Date(Date.UTC(2021, 0, 3 + i))),
    trueText: ru ? 'ИСТИНА' : 'TRUE',
    falseText: ru ? 'ЛОЖЬ' : 'FALSE',
  };
  localeCache.set(locale, li);
  return li;
}

// ---------------------------------------------------------------- date tokens

type DTok =
  | { t: 'lit'; s: string }
  | { t: 'd' | 'm' | 'y' | 'h' | 's' | 'min'; n: number }
  | { t: 'ampm'; s: string }
  | { t: 'frac'; n: number }
  | { t: 'elapsed'; u: 'h' | 'm' | 's'; n: number };

function tokenizeDate(fmt: string): DTok[] {
  const toks: DTok[] = [];
  let i = 0;
  const lit = (s: string) => {
    const last = toks[toks.length - 1];
    if (last && last.t === 'lit') last.s += s;
    else toks.push({ t: 'lit', s });
  };
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '"') {
      const j = fmt.indexOf('"', i + 1);
      const end = j < 0 ? fmt.length : j;
      lit(fmt.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '\\') {
      lit(fmt[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '[') {
      const j = fmt.indexOf(']', i);
      const inner = fmt.slice(i + 1, j < 0 ? fmt.length : j);
      if (/^(h+|m+|s+)$/i.test(inner)) toks.push({ t: 'elapsed', u: inner[0].toLowerCase() as 'h', n: inner.length });
      else if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0]);
      i = j < 0 ? fmt.length : j + 1;
      continue;
    }
    const rest = fmt.slice(i);
    const ap = /^(AM\/PM|am\/pm|A\/P|a\/p)/i.exec(rest);
    if (ap) {
      toks.push({ t: 'ampm', s: ap[1] });
      i += ap[1].length;
      continue;
    }
    const lower = ch.toLowerCase();
    if ('dmyhs'.includes(lower)) {
      let j = i;
      while (j < fmt.length && fmt[j].toLowerCase() === lower) j++;
      toks.push({ t: lower as 'd', n: j - i });
      i = j;
      continue;
    }
    if (ch === '.' && /^\.0+/.test(rest)) {
      const prev = [...toks].reverse().find((t) => t.t !== 'lit');
      if (prev && (prev.t === 's' || (prev.t === 'elapsed' && prev.u === 's'))) {
        const n = /^\.(0+)/.exec(rest)![1].length;
        toks.push({ t: 'frac', n });
        i += n + 1;
        continue;
      }
    }
    if (ch === '_' || ch === '*') {
      if (ch === '_') lit(' ');
      i += 2;
      continue;
    }
    lit(ch);
    i++;
  }
  // month vs minute
  const sig = toks.map((t, k) => ({ t, k })).filter((x) => x.t.t !== 'lit');
  for (let q = 0; q < sig.length; q++) {
    const tok = sig[q].t;
    if (tok.t !== 'm' || tok.n > 2) continue;
    const prev = sig[q - 1]?.t;
    const next = sig[q + 1]?.t;
    const afterHour = prev && (prev.t === 'h' || (prev.t === 'elapsed' && prev.u === 'h'));
    const beforeSec = next && (next.t === 's' || (next.t === 'elapsed' && next.u === 's'));
    if (afterHour || beforeSec) toks[sig[q].k] = { t: 'min', n: tok.n };
  }
  return toks;
}

const tokCache = new Map<string, DTok[]>();

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatSerialAsDate(serial: number, fmt: string, locale: string): string {
  let toks = tokCache.get(fmt);
  if (!toks) {
    toks = tokenizeDate(splitSections(fmt)[0]);
    tokCache.set(fmt, toks);
  }
  const li = localeInfo(locale);
  const hasAmPm = toks.some((t) => t.t === 'ampm');
  const fracDigits = toks.find((t) => t.t === 'frac') as { n: number } | undefined;
  let wall = serialToWallMs(serial);
  if (!fracDigits) wall = Math.round(wall / 1000) * 1000;
  const p = wallParts(wall);
  let out = '';
  for (const t of toks) {
    switch (t.t) {
      case 'lit':
        out += t.s;
        break;
      case 'd':
        out += t.n === 1 ? String(p.day) : t.n === 2 ? pad(p.day, 2) : t.n === 3 ? li.daysShort[p.weekday] : li.daysLong[p.weekday];
        break;
      case 'm':
        out +=
          t.n === 1
            ? String(p.month)
            : t.n === 2
              ? pad(p.month, 2)
              : t.n === 3
                ? li.monthsShort[p.month - 1]
                : t.n === 5
                  ? li.monthsLong[p.month - 1][0]
                  : li.monthsLong[p.month - 1];
        break;
      case 'y':
        out += t.n <= 2 ? pad(p.year % 100, 2) : String(p.year);
        break;
      case 'h': {
        let h = p.hour;
        if (hasAmPm) h = h % 12 === 0 ? 12 : h % 12;
        out += t.n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 'min':
        out += t.n === 1 ? String(p.minute) : pad(p.minute, 2);
        break;
      case 's':
        out += t.n === 1 ? String(p.second) : pad(p.second, 2);
        break;
      case 'frac':
        out += li.decimal + pad(p.ms, 3).slice(0, t.n).padEnd(t.n, '0');
        break;
      case 'ampm': {
        const pm = p.hour >= 12;
        const s = t.s;
        if (s.length === 3) out += s[0] === 'a' ? (pm ? 'p' : 'a') : pm ? 'P' : 'A';
        else out += s[0] === 'a' ? (pm ? 'pm' : 'am') : pm ? 'PM' : 'AM';
        break;
      }
      case 'elapsed': {
        const totalMs = (serial * 86400000);
        const v = t.u === 'h' ? Math.floor(totalMs / 3600000) : t.u === 'm' ? Math.floor(totalMs / 60000) : Math.floor(totalMs / 1000);
        out += pad(v, t.n);
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- numbers

interface NumPattern {
  prefix: string;
  suffix: string;
  minInt: number;
  fracMin: number;
  fracMax: number;
  group: boolean;
  scale: number;
  percent: number;
  sci?: { minExp: number; sign: boolean };
  text: boolean; // contains @: show the value as text
  hasDigits: boolean;
}
const numCache = new Map<string, NumPattern>();

function parseNumSection(sec: string): NumPattern {
  let prefix = '';
  let suffix = '';
  let pattern = '';
  let percent = 0;
  let text = false;
  let seenDigit = false;
  let i = 0;
  const addLit = (s: string) => {
    if (seenDigit) suffix += s;
    else prefix += s;
  };
  while (i < sec.length) {
    const ch = sec[i];
    if (ch === '"') {
      const j = sec.indexOf('"', i + 1);
      const end = j < 0 ? sec.length : j;
      addLit(sec.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '\\') {
      addLit(sec[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '[') {
      const j = sec.indexOf(']', i);
      const inner = sec.slice(i + 1, j < 0 ? sec.length : j);
      if (inner.startsWith('$')) addLit(inner.slice(1).split('-')[0]);
      i = j < 0 ? sec.length : j + 1;
      continue;
    }
    if (ch === '_') {
      addLit(' ');
      i += 2;
      continue;
    }
    if (ch === '*') {
      i += 2;
      continue;
    }
    if ((ch === 'E' || ch === 'e') && (sec[i + 1] === '+' || sec[i + 1] === '-') && seenDigit) {
      pattern += 'E' + sec[i + 1];
      i += 2;
      continue;
    }
    if ('0#?'.includes(ch)) {
      if (suffix !== '') {
        // literal between digit placeholders: keep it out of the numeric pattern
        suffix = '';
      }
      seenDigit = true;
      pattern += ch;
      i++;
      continue;
    }
    if ((ch === ',' || ch === '.') && (seenDigit || /[0#?]/.test(sec.slice(i + 1)))) {
      if (!seenDigit && ch === '.') seenDigit = true;
      pattern += ch;
      i++;
      continue;
    }
    if (ch === '%') {
      percent++;
      addLit('%');
      i++;
      continue;
    }
    if (ch === '@') {
      text = true;
      i++;
      continue;
    }
    addLit(ch);
    i++;
  }
  let sci: NumPattern['sci'];
  let mant = pattern;
  const ei = pattern.indexOf('E');
  if (ei >= 0) {
    const expPart = pattern.slice(ei + 2);
    sci = { minExp: (expPart.match(/0/g) || []).length, sign: pattern[ei + 1] === '+' };
    mant = pattern.slice(0, ei);
  }
  const dot = mant.indexOf('.');
  let intPart = dot >= 0 ? mant.slice(0, dot) : mant;
  const fracPart = dot >= 0 ? mant.slice(dot + 1).replace(/,/g, '') : '';
  let scale = 1;
  while (intPart.endsWith(',')) {
    scale *= 1000;
    intPart = intPart.slice(0, -1);
  }
  return {
    prefix,
    suffix,
    minInt: (intPart.match(/0/g) || []).length,
    fracMin: (fracPart.match(/0/g) || []).length,
    fracMax: (fracPart.match(/[0#?]/g) || []).length,
    group: intPart.includes(','),
    scale,
    percent,
    sci,
    text,
    hasDigits: /[0#?]/.test(pattern),
  };
}

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep;
    out += int[i];
  }
  return out;
}

function fixedDigits(abs: number, p: NumPattern, li: LocaleInfo): string {
  let s = abs.toFixed(Math.min(p.fracMax, 100));
  let [int, frac = ''] = s.split('.');
  while (frac.length > p.fracMin && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && p.minInt === 0) int = '';
  int = int.padStart(p.minInt, '0');
  if (p.group) int = groupDigits(int, li.group);
  s = int + (frac ? li.decimal + frac : '');
  return s;
}

export function formatNumberWith(value: number, fmt: string, locale: string): string {
  const li = localeInfo(locale);
  const sections = splitSections(fmt);
  let sec = sections[0];
  let v = value;
  let sign = v < 0 ? '-' : '';
  if (v < 0 && sections.length >= 2 && sections[1] !== '') {
    sec = sections[1];
    v = -v;
    sign = '';
  } else if (v === 0 && sections.length >= 3 && sections[2] !== '') {
    sec = sections[2];
  }
  let p = numCache.get(sec);
  if (!p) {
    p = parseNumSection(sec);
    numCache.set(sec, p);
  }
  if (!p.hasDigits) {
    if (p.text) return p.prefix + String(value) + p.suffix;
    return p.prefix + p.suffix || autoNumber(value, locale);
  }
  let abs = Math.abs(v) * Math.pow(100, p.percent) / p.scale;
  let body: string;
  if (p.sci) {
    if (abs === 0) body = fixedDigits(0, p, li) + 'E' + (p.sci.sign ? '+' : '') + '0'.padStart(p.sci.minExp, '0');
    else {
      const [m, e] = abs.toExponential(Math.min(p.fracMax, 100)).split('e');
      const exp = Number(e);
      const mantissa = fixedDigits(Number(m), { ...p, group: false }, li);
      body = mantissa + 'E' + (exp < 0 ? '-' : p.sci.sign ? '+' : '') + String(Math.abs(exp)).padStart(p.sci.minExp, '0');
    }
  } else {
    body = fixedDigits(abs, p, li);
    abs = Number(abs.toFixed(Math.min(p.fracMax, 100)));
  }
  if (abs === 0) sign = '';
  return sign + p.prefix + body + p.suffix;
}

/** Display of a number in the automatic format. */
export function autoNumber(value: number, locale: string): string {
  const li = localeInfo(locale);
  if (!isFinite(value)) return '#NUM!';
  const abs = Math.abs(value);
  let s: string;
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [m, e] = value.toExponential(5).split('e');
    s = String(Number(m)) + 'E' + (Number(e) < 0 ? '-' : '+') + String(Math.abs(Number(e))).padStart(2, '0');
  } else if (Number.isInteger(value)) s = String(value);
  else s = String(Number(value.toPrecision(15)));
  return s.replace('.', li.decimal);
}

/** What getDisplayValue() shows for a stored value under a number format. */
export function displayValue(v: string | number | boolean, fmt: string, locale: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') {
    const li = localeInfo(locale);
    return v ? li.trueText : li.falseText;
  }
  if (fmt === '' || fmt === '@') return autoNumber(v, locale);
  if (isDateFormat(fmt)) return formatSerialAsDate(v, fmt, locale);
  return formatNumberWith(v, fmt, locale);
}

/** The Excel number format equivalent to a Sheets pattern. */
export function toExcelFormat(fmt: string): string {
  if (fmt === '') return 'General';
  if (!isDateFormat(fmt)) return fmt;
  // Excel's date codes are the same letters; normalize case outside literals so
  // Sheets' "dd.MM.yyyy HH:mm" becomes "dd.mm.yyyy hh:mm".
  let out = '';
  let inQ = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQ = !inQ;
    if (!inQ && ch === '\\') {
      out += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (!inQ && /AM\/PM|A\/P/i.test(fmt.slice(i, i + 5)) && (ch === 'A' || ch === 'a')) {
      const m = /^(AM\/PM|A\/P)/i.exec(fmt.slice(i))!;
      out += m[1].toUpperCase();
      i += m[1].length - 1;
      continue;
    }
    out += !inQ && 'DMYHS'.includes(ch) ? ch.toLowerCase() : ch;
  }
  return out;
}
