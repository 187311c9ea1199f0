/** A1 notation helpers. */

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface A1Ref {
  sheetName?: string;
  /** undefined = open (whole column / to the end). */
  r1?: number;
  c1?: number;
  r2?: number;
  c2?: number;
}

/** Splits "'My sheet'!A1:B2" into sheet name and range part. */
export function splitSheet(a1: string): { sheetName?: string; ref: string } {
  const s = a1.trim();
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { ref: s };
  let name = s.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: s.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses a range reference; returns undefined when it is not valid A1. */
export function parseA1(a1: string): A1Ref | undefined {
  const { sheetName, ref } = splitSheet(a1);
  if (ref === '') return undefined;
  const parts = ref.split(':');
  if (parts.length > 2) return undefined;
  const cells = parts.map((p) => CELL.exec(p.trim()));
  if (cells.some((m) => !m || (!m[1] && !m[2]))) return undefined;
  const [a, b] = cells as RegExpExecArray[];
  const out: A1Ref = { sheetName };
  out.c1 = a[1] ? lettersToColumn(a[1]) : undefined;
  out.r1 = a[2] ? Number(a[2]) : undefined;
  if (!b) {
    if (out.c1 === undefined || out.r1 === undefined) return undefined; // "A" or "1" alone
    out.c2 = out.c1;
    out.r2 = out.r1;
  } else {
    out.c2 = b[1] ? lettersToColumn(b[1]) : undefined;
    out.r2 = b[2] ? Number(b[2]) : undefined;
    // whole rows "1:3": columns open; whole columns "A:C": rows open
    if (out.r1 === 0 || out.r2 === 0) return undefined;
  }
  return out;
}

export function cellA1(row: number, col: number): string {
  return columnToLetters(col) + row;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
