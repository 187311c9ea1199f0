/**
 * A parser for the part of the Sheets formula language the runtime evaluates: literals,
 * cell and range references (also on other sheets), arithmetic, and function calls.
 * It is used only for formulas that call a custom function of the loaded script; every
 * other formula stays unevaluated (see grid.ts FORMULA_VALUE).
 *
 * Separators: in a comma-decimal spreadsheet locale (ru_RU, de_DE, ...) a formula typed
 * by the seller separates arguments with ';' and writes decimals with ','
 * (=WB_REVENUE("A"; 1,5)). A formula written in the en_US syntax (',' between arguments,
 * '.' decimals) is read as such when it holds no ';' outside strings.
 */
import { lettersToColumn } from './a1';

export type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'empty' }
  | { k: 'ref'; ref: RefSpec }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node };

/** A reference as written; open ends (A:A, 2:2, A2:A) are undefined. */
export interface RefSpec {
  sheet?: string;
  r1?: number;
  c1?: number;
  r2?: number;
  c2?: number;
  /** written as one cell (A1), not as a range (A1:A1) */
  single: boolean;
}

export class FormulaSyntaxError extends Error {}
/** The formula uses something the runtime does not evaluate (named ranges, array literals...). */
export class FormulaUnsupported extends Error {}

export interface ParseOptions {
  /** the spreadsheet locale writes decimals with a comma */
  commaDecimal: boolean;
}

/** Whether the formula separates arguments with ';' (a character outside strings and quoted sheet names). */
function usesSemicolons(src: string): boolean {
  let q: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (q) {
      if (ch === q) {
        if (src[i + 1] === q) i++;
        else q = null;
      }
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === ';') return true;
  }
  return false;
}

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const COL = String.raw`\$?[A-Za-z]{1,3}`;
const ROW = String.raw`\$?\d+`;
const PART = `(${CELL}|${COL}|${ROW})`;
const REF_RE = new RegExp(String.raw`(?:'((?:[^']|'')+)'!|([\p{L}\p{N}_.]+)!)?` + PART + `(?::${PART})?`, 'uy');
const AFTER_REF = /[\p{L}\p{N}_(.!$]/u;
const IDENT_RE = /[\p{L}_][\p{L}\p{N}_.]*/uy;

interface Part {
  r?: number;
  c?: number;
}

function part(text: string): Part {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(text)!;
  return { c: m[1] ? lettersToColumn(m[1]) : undefined, r: m[2] ? Number(m[2]) : undefined };
}

class Parser {
  private i = 0;
  private readonly sep: string;
  private readonly decimal: string;

  constructor(
    private readonly s: string,
    opts: ParseOptions,
  ) {
    const semi = usesSemicolons(s);
    this.sep = semi ? ';' : ',';
    this.decimal = semi && opts.commaDecimal ? ',' : '.';
  }

  parse(): Node {
    this.ws();
    const n = this.expr();
    this.ws();
    if (this.i < this.s.length) throw new FormulaSyntaxError(`Formula parse error at "${this.s.slice(this.i, this.i + 10)}"`);
    return n;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private peek(str: string): boolean {
    this.ws();
    return this.s.startsWith(str, this.i);
  }

  private eat(str: string): boolean {
    if (this.peek(str)) {
      this.i += str.length;
      return true;
    }
    return false;
  }

  private expr(): Node {
    let a = this.concat();
    for (;;) {
      const op = ['<=', '>=', '<>', '=', '<', '>'].find((o) => this.peek(o));
      if (!op) return a;
      this.i += op.length;
      a = { k: 'bin', op, a, b: this.concat() };
    }
  }

  private concat(): Node {
    let a = this.additive();
    while (this.eat('&')) a = { k: 'bin', op: '&', a, b: this.additive() };
    return a;
  }

  private additive(): Node {
    let a = this.term();
    for (;;) {
      if (this.eat('+')) a = { k: 'bin', op: '+', a, b: this.term() };
      else if (this.eat('-')) a = { k: 'bin', op: '-', a, b: this.term() };
      else return a;
    }
  }

  private term(): Node {
    let a = this.power();
    for (;;) {
      if (this.eat('*')) a = { k: 'bin', op: '*', a, b: this.power() };
      else if (this.eat('/')) a = { k: 'bin', op: '/', a, b: this.power() };
      else return a;
    }
  }

  private power(): Node {
    let a = this.unary();
    while (this.eat('^')) a = { k: 'bin', op: '^', a, b: this.unary() };
    return a;
  }

  private unary(): Node {
    if (this.eat('-')) return { k: 'neg', a: this.unary() };
    if (this.eat('+')) return this.unary();
    let a = this.primary();
    while (this.eat('%')) a = { k: 'pct', a };
    return a;
  }

  private primary(): Node {
    this.ws();
    const s = this.s;
    const ch = s[this.i];
    if (ch === undefined) throw new FormulaSyntaxError('Formula parse error: unexpected end');
    if (ch === '"') return this.string();
    if (ch === '(') {
      this.i++;
      const n = this.expr();
      if (!this.eat(')')) throw new FormulaSyntaxError('Formula parse error: missing )');
      return n;
    }
    if (ch === '{') throw new FormulaUnsupported('array literals are not evaluated by the offline runtime');
    if (ch === '#') throw new FormulaUnsupported('error literals are not evaluated by the offline runtime');
    const ref = this.ref();
    if (ref) return ref;
    if (/[\d.,]/.test(ch)) return this.number();
    IDENT_RE.lastIndex = this.i;
    const m = IDENT_RE.exec(s);
    if (!m) throw new FormulaSyntaxError(`Formula parse error at "${s.slice(this.i, this.i + 10)}"`);
    this.i += m[0].length;
    const name = m[0];
    if (this.peek('(')) {
      this.i++;
      return { k: 'call', name, args: this.args() };
    }
    const up = name.toUpperCase();
    if (up === 'TRUE' || up === 'ИСТИНА') return { k: 'bool', v: true };
    if (up === 'FALSE' || up === 'ЛОЖЬ') return { k: 'bool', v: false };
    throw new FormulaUnsupported(`named ranges are not evaluated by the offline runtime (${name})`);
  }

  private args(): Node[] {
    const out: Node[] = [];
    if (this.eat(')')) return out;
    for (;;) {
      this.ws();
      if (this.peek(this.sep) || this.peek(')')) out.push({ k: 'empty' });
      else out.push(this.expr());
      if (this.eat(this.sep)) continue;
      if (this.eat(')')) return out;
      throw new FormulaSyntaxError(`Formula parse error at "${this.s.slice(this.i, this.i + 10)}"`);
    }
  }

  private string(): Node {
    let out = '';
    let i = this.i + 1;
    for (;;) {
      if (i >= this.s.length) throw new FormulaSyntaxError('Formula parse error: unterminated string');
      const ch = this.s[i];
      if (ch === '"') {
        if (this.s[i + 1] === '"') {
          out += '"';
          i += 2;
          continue;
        }
        this.i = i + 1;
        return { k: 'str', v: out };
      }
      out += ch;
      i++;
    }
  }

  private number(): Node {
    const d = this.decimal === ',' ? ',' : '\\.';
    const re = new RegExp(`(\\d+(${d}\\d*)?|${d}\\d+)([eE][+-]?\\d+)?`, 'y');
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) throw new FormulaSyntaxError(`Formula parse error at "${this.s.slice(this.i, this.i + 10)}"`);
    this.i += m[0].length;
    return { k: 'num', v: Number(m[0].replace(',', '.')) };
  }

  private ref(): Node | null {
    REF_RE.lastIndex = this.i;
    const m = REF_RE.exec(this.s);
    if (!m) return null;
    const end = this.i + m[0].length;
    if (end < this.s.length && AFTER_REF.test(this.s[end])) return null;
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    const a = part(m[3]);
    if (m[4] === undefined) {
      if (a.r === undefined || a.c === undefined) return null;
      this.i = end;
      return { k: 'ref', ref: { sheet, r1: a.r, c1: a.c, r2: a.r, c2: a.c, single: true } };
    }
    const b = part(m[4]);
    const full = (p: Part) => p.r !== undefined && p.c !== undefined;
    const colOnly = (p: Part) => p.r === undefined;
    const rowOnly = (p: Part) => p.c === undefined;
    let spec: RefSpec;
    if (full(a) && full(b)) spec = { sheet, r1: a.r, c1: a.c, r2: b.r, c2: b.c, single: false };
    else if (colOnly(a) && colOnly(b)) spec = { sheet, c1: a.c, c2: b.c, single: false };
    else if (rowOnly(a) && rowOnly(b)) spec = { sheet, r1: a.r, r2: b.r, single: false };
    else if (full(a) && colOnly(b)) spec = { sheet, r1: a.r, c1: a.c, c2: b.c, single: false };
    else if (full(a) && rowOnly(b)) spec = { sheet, r1: a.r, c1: a.c, r2: b.r, single: false };
    else return null;
    if (spec.r1 === 0 || spec.r2 === 0) return null;
    this.i = end;
    return { k: 'ref', ref: spec };
  }
}

/** Parses a formula ("=..."). Throws FormulaSyntaxError or FormulaUnsupported. */
export function parseFormula(formula: string, opts: ParseOptions): Node {
  const body = formula.replace(/^\s*=/, '');
  return new Parser(body, opts).parse();
}

/** Names of every function the expression calls. */
export function calledNames(n: Node, out: string[] = []): string[] {
  switch (n.k) {
    case 'call':
      out.push(n.name);
      n.args.forEach((a) => calledNames(a, out));
      break;
    case 'neg':
    case 'pct':
      calledNames(n.a, out);
      break;
    case 'bin':
      calledNames(n.a, out);
      calledNames(n.b, out);
      break;
    default:
      break;
  }
  return out;
}

/** Every reference in the expression. */
export function refsOf(n: Node, out: RefSpec[] = []): RefSpec[] {
  switch (n.k) {
    case 'ref':
      out.push(n.ref);
      break;
    case 'call':
      n.args.forEach((a) => refsOf(a, out));
      break;
    case 'neg':
    case 'pct':
      refsOf(n.a, out);
      break;
    case 'bin':
      refsOf(n.a, out);
      refsOf(n.b, out);
      break;
    default:
      break;
  }
  return out;
}
