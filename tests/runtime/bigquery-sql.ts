/**
 * The GoogleSQL subset the offline BigQuery runs, translated to DuckDB.
 *
 * BigQuery speaks GoogleSQL; the fake runs DuckDB. Where the two dialects agree the text
 * passes through; where they differ in spelling but not meaning it is translated; anything
 * else is REFUSED with invalidQuery, so the add-on's SQL cannot lean on DuckDB's kindness.
 * docs/bigquery-sql-subset.md is the seller-facing copy of this list; the test
 * "SQL subset" in tests/runtime/bigquery.test.ts exercises each construct.
 *
 * Accepted:
 * - One query: SELECT ... or WITH name AS (SELECT ...) [, ...] SELECT ...; a trailing `;`.
 * - Tables as `project.dataset.table` in backticks (all three parts), columns as plain
 *   identifiers or `name` in backticks, aliases with or without AS.
 * - SELECT [DISTINCT], `* EXCEPT (a, b)`, FROM, [LEFT|RIGHT|FULL|INNER|CROSS] JOIN ... ON/USING,
 *   WHERE, GROUP BY, HAVING, ORDER BY [ASC|DESC] (NULLs first ascending, as BigQuery), LIMIT,
 *   OFFSET, UNION ALL, subqueries, IN (...), EXISTS, BETWEEN, LIKE, IS [NOT] NULL, CASE,
 *   AND/OR/NOT, arithmetic, comparison, `||`.
 * - Literals: numbers, 'single-quoted strings' (no backslash escapes, no doubled quotes),
 *   TRUE/FALSE/NULL, DATE 'YYYY-MM-DD', DATETIME '...', TIMESTAMP '...' (UTC unless an
 *   offset is given), NUMERIC '...'.
 * - CAST / SAFE_CAST (x AS STRING|INT64|FLOAT64|NUMERIC|BOOL|DATE|DATETIME|TIMESTAMP).
 * - Functions: COUNT, COUNTIF, SUM, MIN, MAX, AVG, ANY_VALUE, ROW_NUMBER() / RANK() OVER
 *   (PARTITION BY ... ORDER BY ...), COALESCE, IFNULL, IF, NULLIF, ABS, ROUND, LOWER, UPPER,
 *   LENGTH, TRIM, SUBSTR, CONCAT, SAFE_DIVIDE, DATE(ts) / DATE(ts, 'Zone') / DATE(y, m, d),
 *   DATETIME(ts, 'Zone'), DATE_TRUNC(date, WEEK|ISOWEEK|MONTH|YEAR), DATE_ADD / DATE_SUB
 *   (date, INTERVAL n DAY|WEEK|MONTH), DATE_DIFF(a, b, DAY), EXTRACT(YEAR|MONTH|DAY|HOUR FROM x),
 *   CURRENT_DATE(), CURRENT_TIMESTAMP() (the runtime's virtual clock).
 *
 * Refused (invalidQuery): double-quoted text (a string in GoogleSQL, an identifier in DuckDB),
 * `::` casts, `#` comments, query parameters (@x, $1, ?), backslash escapes, raw/bytes/triple-
 * quoted strings, bare UNION (GoogleSQL wants ALL or DISTINCT), INTERSECT/EXCEPT set
 * operations, DML and DDL, unqualified or two-part table names in backticks, any function
 * not listed above (DuckDB-only ones such as strftime, list_value, epoch), DuckDB-only
 * syntax (EXCLUDE, QUALIFY, ILIKE, GLOB, PIVOT, SAMPLE, ASOF/ANTI/SEMI/POSITIONAL joins,
 * lists and structs in brackets/braces, lambdas, FROM-first queries).
 *
 * Known differences the subset does not hide: AVG and SAFE_DIVIDE of NUMERIC return FLOAT64
 * here (NUMERIC in BigQuery); DuckDB coerces a string literal compared with a number where
 * GoogleSQL refuses (keep literals typed).
 */

export class SqlRefused extends Error {}

type TokKind = 'ws' | 'comment' | 'str' | 'bq' | 'num' | 'id' | 'op';
interface Tok {
  k: TokKind;
  t: string;
}

/** A table reference found in the query. */
export interface TableRef {
  project: string;
  dataset: string;
  table: string;
}

export interface Translated {
  sql: string;
  tables: TableRef[];
}

const TYPES: Record<string, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  NUMERIC: 'DECIMAL(38,9)',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  DATETIME: 'TIMESTAMP',
  TIMESTAMP: 'TIMESTAMPTZ',
};

/** Same name and meaning in both engines. */
const PLAIN_FUNCTIONS = new Set([
  'COUNT', 'COUNTIF', 'SUM', 'MIN', 'MAX', 'AVG', 'ANY_VALUE', 'ROW_NUMBER', 'RANK',
  'COALESCE', 'IFNULL', 'IF', 'NULLIF', 'ABS', 'ROUND', 'LOWER', 'UPPER', 'LENGTH', 'TRIM', 'SUBSTR',
]);
/** Translated below. */
const SPECIAL_FUNCTIONS = new Set([
  'CAST', 'SAFE_CAST', 'CONCAT', 'SAFE_DIVIDE', 'DATE', 'DATETIME', 'DATE_TRUNC', 'DATE_ADD', 'DATE_SUB',
  'DATE_DIFF', 'EXTRACT', 'CURRENT_DATE', 'CURRENT_TIMESTAMP',
]);
/** Keywords that may stand before '(' without being a function call. */
const KEYWORDS_BEFORE_PAREN = new Set([
  'IN', 'EXISTS', 'OVER', 'AS', 'FROM', 'JOIN', 'USING', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE',
  'ON', 'SELECT', 'WHERE', 'EXCEPT', 'ALL', 'DISTINCT', 'WITH', 'BY', 'HAVING', 'CASE', 'END', 'IS',
  'BETWEEN', 'LIKE', 'LIMIT', 'OFFSET', 'UNION', 'ASC', 'DESC', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS', 'OUTER',
]);
const REFUSED_WORDS = new Set([
  'EXCLUDE', 'QUALIFY', 'ILIKE', 'GLOB', 'SIMILAR', 'PIVOT', 'UNPIVOT', 'SAMPLE', 'TABLESAMPLE', 'ASOF',
  'ANTI', 'SEMI', 'POSITIONAL', 'INTERSECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'DROP',
  'ALTER', 'TRUNCATE', 'REPLACE', 'COLUMNS', 'LAMBDA', 'PRAGMA', 'ATTACH', 'COPY', 'EXPORT', 'INSTALL', 'LOAD',
  'SET', 'CALL', 'DECLARE', 'EXECUTE', 'BEGIN', 'COMMIT', 'ROLLBACK',
]);
const DML = /^(INSERT|UPDATE|DELETE|MERGE)$/;
/** GoogleSQL's reserved keywords: never a bare name (a column called one needs backticks). */
const GSQL_RESERVED = new Set(
  ('ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT ' +
    'DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL ' +
    'GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP ' +
    'MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE ' +
    'RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION UNNEST USING WHEN ' +
    'WHERE WINDOW WITH WITHIN').split(' '),
);
/** The keywords of the subset's grammar, emitted as they are; every other bare word is a name. */
const SUBSET_KEYWORDS = new Set(
  ('SELECT FROM WHERE GROUP BY HAVING ORDER ASC DESC LIMIT OFFSET WITH AS DISTINCT ALL JOIN LEFT RIGHT FULL INNER ' +
    'CROSS OUTER ON USING AND OR NOT IN EXISTS BETWEEN LIKE IS NULL TRUE FALSE CASE WHEN THEN ELSE END OVER PARTITION ' +
    'NULLS FIRST LAST').split(' '),
);
const ID_PART = /^[A-Za-z0-9_-]+$/;

function refuse(msg: string): never {
  throw new SqlRefused(msg);
}

export function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j])) j++;
      out.push({ k: 'ws', t: sql.slice(i, j) });
      i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      let j = sql.indexOf('\n', i);
      if (j < 0) j = n;
      out.push({ k: 'comment', t: sql.slice(i, j) });
      i = j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      if (j < 0) refuse('Syntax error: Unclosed comment');
      out.push({ k: 'comment', t: sql.slice(i, j + 2) });
      i = j + 2;
    } else if (c === '#') {
      refuse('`#` comments are GoogleSQL only (DuckDB does not read them): use -- instead');
    } else if (c === '"') {
      refuse('Double-quoted text is a string in GoogleSQL but an identifier in DuckDB: use single quotes for strings and backticks for names');
    } else if (c === "'") {
      if (sql.startsWith("'''", i)) refuse('Triple-quoted strings are outside the SQL subset');
      let j = i + 1;
      while (j < n && sql[j] !== "'") {
        if (sql[j] === '\\') refuse('Backslash escapes in strings are outside the SQL subset');
        j++;
      }
      if (j >= n) refuse('Syntax error: Unclosed string literal');
      if (sql[j + 1] === "'") refuse("Doubled quotes inside a string are outside the SQL subset (GoogleSQL does not read '' as a quote)");
      out.push({ k: 'str', t: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '`') {
      const j = sql.indexOf('`', i + 1);
      if (j < 0) refuse('Syntax error: Unclosed identifier literal');
      out.push({ k: 'bq', t: sql.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))!;
      out.push({ k: 'num', t: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      out.push({ k: 'id', t: m[0] });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      if (two === '::') refuse('`::` casts are DuckDB only: use CAST(x AS type)');
      if (two === '->' || two === '=>') refuse(`\`${two}\` is outside the SQL subset`);
      if (['<=', '>=', '<>', '!=', '||'].includes(two)) {
        out.push({ k: 'op', t: two });
        i += 2;
        continue;
      }
      if ('@$?[]{}:'.includes(c)) refuse(`\`${c}\` (parameters, arrays, structs) is outside the SQL subset`);
      if (!'(),.;*+-/<>=%'.includes(c)) refuse(`Syntax error: Unexpected character "${c}"`);
      out.push({ k: 'op', t: c });
      i++;
    }
  }
  return out;
}

/** Options for one translation. */
export interface TranslateOptions {
  /** DuckDB expression for "now" (a TIMESTAMPTZ), so views see the clock at query time. */
  nowExpr: string;
  /** The DuckDB identifier (quoted) of a table reference. */
  tableName(ref: TableRef): string;
}

/** Checks `sql` against the subset and returns DuckDB SQL with the tables it reads. */
export function translate(sql: string, opts: TranslateOptions): Translated {
  const all = tokenize(sql);
  const toks = all.filter((t) => t.k !== 'ws' && t.k !== 'comment');
  while (toks.length && toks[toks.length - 1].t === ';') toks.pop();
  if (toks.some((t) => t.k === 'op' && t.t === ';')) refuse('Only one statement per query is supported');
  if (!toks.length) refuse('Syntax error: Unexpected end of script');
  const first = toks[0].t.toUpperCase();
  if (toks[0].k === 'id' && DML.test(first)) throw new DmlRefused(first);
  if (!(toks[0].k === 'id' && (first === 'SELECT' || first === 'WITH')) && toks[0].t !== '(') {
    refuse(`Only SELECT queries (optionally starting WITH) are in the SQL subset, not ${toks[0].t}`);
  }
  const tables: TableRef[] = [];
  const p = new Emitter(toks, opts, tables);
  const out = p.seq(toks.length);
  return { sql: out, tables };
}

/** DML is refused in its own way: BigQuery's sandbox has a specific text for it. */
export class DmlRefused extends SqlRefused {
  constructor(readonly verb: string) {
    super(`${verb} statements are outside the SQL subset`);
  }
}

class Emitter {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly opts: TranslateOptions,
    private readonly tables: TableRef[],
  ) {}

  private peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  private up(t: Tok | undefined): string {
    return t ? t.t.toUpperCase() : '';
  }
  private isOp(t: Tok | undefined, s: string): boolean {
    return !!t && t.k === 'op' && t.t === s;
  }

  /** Index of the ')' matching the '(' at `open`. */
  private close(open: number): number {
    let depth = 0;
    for (let j = open; j < this.toks.length; j++) {
      if (this.isOp(this.toks[j], '(')) depth++;
      else if (this.isOp(this.toks[j], ')') && --depth === 0) return j;
    }
    return refuse('Syntax error: Unclosed parenthesis');
  }

  /** Top-level comma-separated token ranges inside (open, close). */
  private args(open: number, close: number): [number, number][] {
    const out: [number, number][] = [];
    let depth = 0;
    let start = open + 1;
    for (let j = open + 1; j < close; j++) {
      const t = this.toks[j];
      if (this.isOp(t, '(')) depth++;
      else if (this.isOp(t, ')')) depth--;
      else if (depth === 0 && this.isOp(t, ',')) {
        out.push([start, j]);
        start = j + 1;
      }
    }
    if (start < close) out.push([start, close]);
    return out;
  }

  /** Emits tokens [this.i, end) translated. */
  seq(end: number): string {
    const parts: string[] = [];
    while (this.i < end) parts.push(this.one(end));
    return parts.join(' ');
  }

  private range(a: number, b: number): string {
    const save = this.i;
    this.i = a;
    const s = this.seq(b);
    this.i = save;
    return s;
  }

  private one(end: number): string {
    const t = this.toks[this.i];
    const u = t.t.toUpperCase();
    if (t.k === 'str' || t.k === 'num') {
      this.i++;
      return t.t;
    }
    if (t.k === 'bq') {
      this.i++;
      return this.backticked(t.t);
    }
    if (t.k === 'op') {
      this.i++;
      return t.t;
    }
    // identifier or keyword
    if (REFUSED_WORDS.has(u)) {
      if (DML.test(u)) throw new DmlRefused(u);
      refuse(`${t.t} is outside the SQL subset`);
    }
    const next = this.peek(1);
    const prev = this.up(this.peek(-1));
    if ((prev === 'FROM' || prev === 'JOIN') && this.isOp(next, '.')) {
      refuse(`Table name ${t.t}.${this.peek(2)?.t ?? ''} must be \`project.dataset.table\` in backticks in the SQL subset`);
    }
    if (next?.k === 'str' && /^(R|B|RB|BR)$/.test(u)) refuse('Raw and bytes string literals are outside the SQL subset');
    if (u === 'UNION') {
      const n2 = this.up(next);
      if (n2 !== 'ALL') refuse(n2 === 'DISTINCT' ? 'UNION DISTINCT is outside the SQL subset: use UNION ALL' : 'Syntax error: Expected keyword ALL or keyword DISTINCT but got ' + (next?.t ?? 'end of script'));
      this.i += 2;
      return 'UNION ALL';
    }
    if (u === 'EXCEPT') {
      if (!this.isOp(this.peek(-1), '*')) refuse('EXCEPT as a set operation is outside the SQL subset');
      if (!this.isOp(next, '(')) refuse('Syntax error: Expected "(" after EXCEPT');
      this.i++;
      return 'EXCLUDE';
    }
    // typed literals
    if ((u === 'DATE' || u === 'DATETIME' || u === 'TIMESTAMP' || u === 'NUMERIC') && next?.k === 'str') {
      this.i += 2;
      if (u === 'DATE') return `DATE ${next.t}`;
      if (u === 'DATETIME') return `TIMESTAMP ${next.t}`;
      if (u === 'TIMESTAMP') return `TIMESTAMPTZ ${next.t}`;
      return `CAST(${next.t} AS DECIMAL(38,9))`;
    }
    if (u === 'INTERVAL') return this.interval();
    if (this.isOp(next, '(') && !KEYWORDS_BEFORE_PAREN.has(u)) return this.call(u, end);
    this.i++;
    if (SUBSET_KEYWORDS.has(u)) return u;
    if (GSQL_RESERVED.has(u)) refuse(`Syntax error: Unexpected keyword ${u} (a name that is a reserved keyword needs backticks; other uses are outside the SQL subset)`);
    // a name: quoted so that DuckDB's own keywords (which GoogleSQL allows as names) stay names
    return `"${t.t}"`;
  }

  private backticked(name: string): string {
    if (name.includes('.')) {
      const parts = name.split('.');
      if (parts.length !== 3 || parts.some((x) => !x || !ID_PART.test(x))) {
        refuse(`Table name "${name}" must be \`project.dataset.table\` in the SQL subset`);
      }
      const ref = { project: parts[0], dataset: parts[1], table: parts[2] };
      this.tables.push(ref);
      return this.opts.tableName(ref);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) refuse(`Identifier \`${name}\` is outside the SQL subset`);
    return `"${name}"`;
  }

  private interval(): string {
    const n = this.peek(1);
    const unit = this.up(this.peek(2));
    if (!n || n.k !== 'num' || !/^\d+$/.test(n.t)) refuse('INTERVAL needs an integer count in the SQL subset');
    if (!['DAY', 'WEEK', 'MONTH', 'HOUR', 'MINUTE', 'SECOND'].includes(unit)) refuse(`INTERVAL ... ${unit} is outside the SQL subset`);
    this.i += 3;
    if (unit === 'WEEK') return `INTERVAL ${Number(n.t) * 7} DAY`;
    return `INTERVAL ${n.t} ${unit}`;
  }

  private call(u: string, _end: number): string {
    const open = this.i + 1;
    const close = this.close(open);
    const args = this.args(open, close);
    const arg = (k: number) => this.range(args[k][0], args[k][1]);
    const word = (k: number) => {
      const [a, b] = args[k];
      return b - a === 1 && this.toks[a].k === 'id' ? this.toks[a].t.toUpperCase() : '';
    };
    const need = (min: number, max = min) => {
      if (args.length < min || args.length > max) refuse(`Number of arguments does not match for function ${u}`);
    };
    let out: string;
    if (PLAIN_FUNCTIONS.has(u)) {
      const inner = this.range(open + 1, close);
      out = `${u}(${inner})`;
      this.i = close + 1;
      if ((u === 'ROW_NUMBER' || u === 'RANK') && this.up(this.peek()) !== 'OVER') refuse(`${u} needs OVER (...)`);
      return out;
    }
    if (!SPECIAL_FUNCTIONS.has(u)) refuse(`Function not found: ${this.toks[this.i].t} (outside the SQL subset)`);
    switch (u) {
      case 'CAST':
      case 'SAFE_CAST': {
        // CAST(expr AS TYPE): the last two tokens before ')' are AS and the type
        const asAt = close - 2;
        if (this.up(this.toks[asAt]) !== 'AS' || this.toks[close - 1].k !== 'id') refuse(`${u} needs (expression AS type)`);
        const ty = this.toks[close - 1].t.toUpperCase();
        if (!TYPES[ty]) refuse(`Type ${this.toks[close - 1].t} is outside the SQL subset`);
        out = `${u === 'CAST' ? 'CAST' : 'TRY_CAST'}(${this.range(open + 1, asAt)} AS ${TYPES[ty]})`;
        break;
      }
      case 'CONCAT':
        if (!args.length) refuse('CONCAT needs arguments');
        // GoogleSQL's CONCAT is NULL when any argument is; DuckDB's concat skips NULLs, its || does not
        out = `(${args.map((_, k) => `(${arg(k)})`).join(' || ')})`;
        break;
      case 'SAFE_DIVIDE':
        need(2);
        out = `((${arg(0)}) / NULLIF((${arg(1)}), 0))`;
        break;
      case 'DATE':
        need(1, 3);
        if (args.length === 1) out = `CAST((${arg(0)}) AS DATE)`;
        else if (args.length === 2) {
          if (args[1][1] - args[1][0] !== 1 || this.toks[args[1][0]].k !== 'str') refuse('DATE(x, zone) needs the zone as a string literal');
          out = `CAST(timezone(${arg(1)}, (${arg(0)})) AS DATE)`;
        } else out = `make_date(${arg(0)}, ${arg(1)}, ${arg(2)})`;
        break;
      case 'DATETIME':
        need(2);
        if (args[1][1] - args[1][0] !== 1 || this.toks[args[1][0]].k !== 'str') refuse('DATETIME(ts, zone) needs the zone as a string literal');
        out = `timezone(${arg(1)}, (${arg(0)}))`;
        break;
      case 'DATE_TRUNC': {
        need(2);
        const part = word(1);
        const x = arg(0);
        if (part === 'ISOWEEK') out = `CAST(date_trunc('week', (${x})) AS DATE)`;
        // GoogleSQL's WEEK starts on Sunday, DuckDB's week on Monday
        else if (part === 'WEEK') out = `CAST(date_trunc('week', (${x}) + INTERVAL 1 DAY) - INTERVAL 1 DAY AS DATE)`;
        else if (part === 'MONTH' || part === 'YEAR' || part === 'DAY') out = `CAST(date_trunc('${part.toLowerCase()}', (${x})) AS DATE)`;
        else out = refuse(`DATE_TRUNC part ${this.range(args[1][0], args[1][1])} is outside the SQL subset`);
        break;
      }
      case 'DATE_ADD':
      case 'DATE_SUB': {
        need(2);
        if (this.up(this.toks[args[1][0]]) !== 'INTERVAL') refuse(`${u} needs INTERVAL n DAY|WEEK|MONTH`);
        const unit = this.up(this.toks[args[1][1] - 1]);
        if (!['DAY', 'WEEK', 'MONTH'].includes(unit)) refuse(`${u} with ${unit} is outside the SQL subset`);
        out = `CAST((${arg(0)}) ${u === 'DATE_ADD' ? '+' : '-'} ${arg(1)} AS DATE)`;
        break;
      }
      case 'DATE_DIFF': {
        need(3);
        if (word(2) !== 'DAY') refuse('DATE_DIFF is in the SQL subset with DAY only');
        out = `date_diff('day', (${arg(1)}), (${arg(0)}))`;
        break;
      }
      case 'EXTRACT': {
        const part = this.up(this.toks[open + 1]);
        if (this.up(this.toks[open + 2]) !== 'FROM') refuse('EXTRACT needs (part FROM expression)');
        // DAYOFWEEK and WEEK count differently in the two engines
        if (!['YEAR', 'MONTH', 'DAY', 'HOUR'].includes(part)) refuse(`EXTRACT(${part} ...) is outside the SQL subset`);
        out = `EXTRACT(${part} FROM ${this.range(open + 3, close)})`;
        break;
      }
      case 'CURRENT_DATE':
        need(0);
        out = `CAST(${this.opts.nowExpr} AS DATE)`;
        break;
      case 'CURRENT_TIMESTAMP':
        need(0);
        out = `(${this.opts.nowExpr})`;
        break;
      default:
        out = refuse(`Function ${u} is outside the SQL subset`);
    }
    this.i = close + 1;
    return out;
  }
}
