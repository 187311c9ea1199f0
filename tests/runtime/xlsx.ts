/** Writes the fake spreadsheet to an .xlsx file with exceljs. */
import type ExcelJS from 'exceljs';
import { createRequire } from 'module';
import * as nodePath from 'path';
import { FORMULA_VALUE } from './grid';
import { isDateFormat, toExcelFormat } from './numfmt';
import type { FakeSpreadsheet } from './spreadsheet';
import { serialToWallMs } from './tz';

function argb(color: string): string | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? 'FF' + m[1].toUpperCase() : undefined;
}

/**
 * Loads exceljs lazily: a script bundled into a temp folder (scripts/run-ts.js) cannot
 * resolve it from there, so fall back to the project root.
 */
function loadExcelJs(): typeof ExcelJS {
  try {
    return require('exceljs');
  } catch {
    for (const base of [process.env.WB_SHEETS_ROOT, process.cwd()]) {
      if (!base) continue;
      try {
        return createRequire(nodePath.join(base, 'package.json'))('exceljs');
      } catch {
        /* next */
      }
    }
    throw new Error('toXlsx: the exceljs package cannot be found');
  }
}

export async function writeXlsx(ss: FakeSpreadsheet, path: string): Promise<void> {
  const Excel = loadExcelJs();
  const wb = new Excel.Workbook();
  wb.creator = 'WB Sheets offline runtime';
  for (const sheet of ss._sheets) {
    const frozen = sheet._frozenRows > 0 || sheet._frozenCols > 0;
    const ws = wb.addWorksheet(sheet._name, {
      state: sheet._hidden ? 'hidden' : 'visible',
      views: frozen ? [{ state: 'frozen', xSplit: sheet._frozenCols, ySplit: sheet._frozenRows }] : undefined,
    });
    sheet._rows.forEach((row, ri) => {
      if (!row) return;
      const n = Math.max(row.v.length, row.fx?.length ?? 0, row.f?.length ?? 0, row.st?.length ?? 0);
      for (let ci = 0; ci < n; ci++) {
        const v = row.v[ci];
        const fx = row.fx?.[ci];
        const fmt = row.f?.[ci] ?? '';
        const st = row.st?.[ci];
        if ((v === undefined || v === '') && fx === undefined && !fmt && !st) continue;
        const cell = ws.getCell(ri + 1, ci + 1);
        if (fx !== undefined) {
          const r = row.fr?.[ci];
          const result = typeof r === 'number' && fmt && isDateFormat(fmt) ? new Date(serialToWallMs(r)) : (r ?? FORMULA_VALUE);
          cell.value = { formula: fx.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
        }
        else if (typeof v === 'number' && fmt && isDateFormat(fmt)) cell.value = new Date(serialToWallMs(v));
        else if (v !== undefined && v !== '') cell.value = v;
        if (fmt) cell.numFmt = toExcelFormat(fmt);
        if (st?.fontWeight === 'bold' || st?.fontStyle === 'italic' || st?.fontColor) {
          cell.font = {
            bold: st.fontWeight === 'bold' || undefined,
            italic: st.fontStyle === 'italic' || undefined,
            color: st.fontColor && argb(st.fontColor) ? { argb: argb(st.fontColor)! } : undefined,
          };
        }
        if (st?.background && argb(st.background)) {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.background)! } };
        }
        if (st?.horizontalAlignment || st?.wrap) {
          const h = st.horizontalAlignment;
          cell.alignment = {
            horizontal: h === 'center' || h === 'left' || h === 'right' ? h : undefined,
            wrapText: st.wrap || undefined,
          };
        }
      }
    });
    for (const [c, px] of sheet._colWidths) ws.getColumn(c).width = Math.max(1, Math.round(px / 7));
  }
  await wb.xlsx.writeFile(path);
}
