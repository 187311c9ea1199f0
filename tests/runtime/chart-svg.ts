/**
 * Draws an embedded chart as SVG from its data ranges and options, close to how Google
 * Sheets draws it: line, area, column, bar, combo (columns + lines, a second value axis
 * with series.N.targetAxisIndex = 1), pie and donut; title, axis titles, value gridlines,
 * category labels (thinned out when crowded), legend (right / top / bottom / left /
 * none), options.colors and series.N.color, isStacked, curveType 'function', pointSize,
 * lineWidth, vAxis.viewWindow / minValue / maxValue, vAxis.format (a Sheets number
 * format or 'short' / 'percent'), backgroundColor, pieHole. Other chart types are drawn
 * as lines. Text is measured approximately (Arial metrics), which is enough for a picture.
 */
import { ChartData, chartData, chartHeight, chartWidth, legendPosition, seriesColor, seriesKind } from './chart-data';
import { ChartState, getOption } from './charts';
import { formatNumberWith } from './numfmt';

const FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";
const TEXT = '#444444';
const GRID = '#e3e3e3';
const BASE = '#9e9e9e';

function x(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** Approximate width of a text in Arial at `size` px. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) {
    if (/[ilI.,:;'|!\u00a0 ]/.test(ch)) w += 0.28;
    else if (/[mwMWЖШЩЮжшщю]/.test(ch)) w += 0.85;
    else if (/[A-ZА-ЯЁ0-9₽%]/.test(ch)) w += 0.64;
    else w += 0.53;
  }
  return w * size;
}

function clip(s: string, width: number, size: number): string {
  if (textWidth(s, size) <= width) return s;
  let out = s;
  while (out.length > 1 && textWidth(out + '…', size) > width) out = out.slice(0, -1);
  return out + '…';
}

function n(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

export function niceScale(lo: number, hi: number, count = 5, forceMin?: number, forceMax?: number): Scale {
  let min = forceMin ?? lo;
  let max = forceMax ?? hi;
  if (!isFinite(min) || !isFinite(max)) [min, max] = [0, 1];
  if (min === max) {
    if (min === 0) max = 1;
    else if (min > 0) min = 0;
    else max = 0;
  }
  const raw = (max - min) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  const a = forceMin ?? Math.floor(min / step + 1e-9) * step;
  const b = forceMax ?? Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = a; v <= b + step * 1e-6; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return { min: a, max: b, ticks };
}

/** Formats a value-axis label. */
export function axisLabel(v: number, format: unknown, seriesFormat: string, locale: string, step: number): string {
  if (format === 'percent') return formatNumberWith(v, '0%', locale);
  if (format === 'short') {
    const ru = /^ru/i.test(locale);
    const abs = Math.abs(v);
    const units: [number, string][] = ru
      ? [
          [1e9, ' млрд'],
          [1e6, ' млн'],
          [1e3, ' тыс.'],
        ]
      : [
          [1e9, 'B'],
          [1e6, 'M'],
          [1e3, 'K'],
        ];
    for (const [u, s] of units) if (abs >= u) return formatNumberWith(v / u, '0.#', locale) + s;
    return formatNumberWith(v, '0.#', locale);
  }
  if (typeof format === 'string' && format !== '' && !/^(decimal|scientific|long|none|currency)$/i.test(format)) return formatNumberWith(v, format, locale);
  const decimals = step >= 1 || step === 0 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  const base = decimals ? '#,##0.' + '0'.repeat(decimals) : '#,##0';
  // keep the series' percent / currency look when the cells have one
  if (/%/.test(seriesFormat)) return formatNumberWith(v, decimals ? '0.' + '0'.repeat(Math.max(0, decimals - 2)) + '%' : '0%', locale);
  const m = /(\s*"[^"]*"|\s*[₽$€])\s*$/.exec(seriesFormat.split(';')[0]);
  return formatNumberWith(v, base + (m ? m[1] : ''), locale);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function legendItems(data: ChartData, state: ChartState): { label: string; color: string; kind: string }[] {
  const o = state.options;
  const type = state.type ?? 'LINE';
  if (type === 'PIE') {
    return (data.domain?.labels ?? data.series[0]?.values.map((_, i) => String(i + 1)) ?? []).map((label, i) => ({ label, color: seriesColor(o, i), kind: 'pie' }));
  }
  return data.series.map((s, i) => ({ label: s.name, color: seriesColor(o, i), kind: seriesKind(type, o, i) }));
}

function drawLegend(items: { label: string; color: string; kind: string }[], box: Box, vertical: boolean): string {
  let out = '';
  const size = 12;
  if (vertical) {
    let y = box.y + 8;
    for (const it of items) {
      if (y + 16 > box.y + box.h) break;
      out += swatch(it, box.x, y);
      out += `<text x="${n(box.x + 20)}" y="${n(y + 10)}" font-size="${size}" fill="${TEXT}">${x(clip(it.label, box.w - 22, size))}</text>`;
      y += 20;
    }
  } else {
    const widths = items.map((it) => 20 + Math.min(textWidth(it.label, size), 160) + 14);
    const total = widths.reduce((a, b) => a + b, 0);
    let cx = box.x + Math.max(0, (box.w - total) / 2);
    items.forEach((it, i) => {
      if (cx + widths[i] > box.x + box.w + 1) return;
      out += swatch(it, cx, box.y + 4);
      out += `<text x="${n(cx + 20)}" y="${n(box.y + 14)}" font-size="${size}" fill="${TEXT}">${x(clip(it.label, 160, size))}</text>`;
      cx += widths[i];
    });
  }
  return out;
}

function swatch(it: { color: string; kind: string }, x0: number, y0: number): string {
  if (it.kind === 'line') return `<line x1="${n(x0)}" y1="${n(y0 + 6)}" x2="${n(x0 + 14)}" y2="${n(y0 + 6)}" stroke="${it.color}" stroke-width="3" stroke-linecap="round"/>`;
  if (it.kind === 'pie') return `<circle cx="${n(x0 + 6)}" cy="${n(y0 + 6)}" r="6" fill="${it.color}"/>`;
  return `<rect x="${n(x0)}" y="${n(y0)}" width="12" height="12" rx="2" fill="${it.color}"/>`;
}

function smoothPath(pts: [number, number][]): string {
  if (pts.length < 3) return 'M' + pts.map((p) => `${n(p[0])},${n(p[1])}`).join('L');
  let d = `M${n(pts[0][0])},${n(pts[0][1])}`;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[i - 1] ?? pts[i];
    const p1 = pts[i];
    const p2 = pts[i + 1];
    const p3 = pts[i + 2] ?? p2;
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += `C${n(c1[0])},${n(c1[1])} ${n(c2[0])},${n(c2[1])} ${n(p2[0])},${n(p2[1])}`;
  }
  return d;
}

/** The chart as a standalone <svg> element, width × height as the chart's options say. */
export function chartSvg(state: ChartState, locale: string): string {
  const W = chartWidth(state);
  const H = chartHeight(state);
  const o = state.options;
  const type = state.type ?? 'LINE';
  const data = chartData(state, locale);
  const bgOpt = getOption(o, 'backgroundColor');
  const bg = typeof bgOpt === 'string' ? bgOpt : typeof (bgOpt as { fill?: unknown })?.fill === 'string' ? (bgOpt as { fill: string }).fill : '#ffffff';
  let body = '';
  const title = getOption(o, 'title');
  let top = 14;
  if (typeof title === 'string' && title !== '') {
    body += `<text x="16" y="28" font-size="16" fill="#202124">${x(clip(title, W - 32, 16))}</text>`;
    top = 44;
  }
  const items = legendItems(data, state);
  let legend = legendPosition(o);
  if (!items.length) legend = 'none';
  const plot: Box = { x: 16, y: top, w: W - 32, h: H - top - 12 };
  if (legend === 'right' || legend === 'left') {
    const lw = Math.min(Math.max(...items.map((it) => textWidth(it.label, 12))) + 34, W * 0.3);
    const lb: Box = { x: legend === 'right' ? W - lw - 8 : 12, y: plot.y + 4, w: lw, h: plot.h - 4 };
    body += drawLegend(items, lb, true);
    plot.w -= lw + 4;
    if (legend === 'left') plot.x += lw + 4;
  } else if (legend === 'top' || legend === 'bottom') {
    const lb: Box = { x: plot.x, y: legend === 'top' ? plot.y - 4 : H - 28, w: plot.w, h: 20 };
    body += drawLegend(items, lb, false);
    if (legend === 'top') plot.y += 22;
    plot.h -= 24;
  }
  if (type === 'PIE') body += drawPie(data, state, plot);
  else body += drawAxes(data, state, plot, locale);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">` +
    `<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" fill="${x(bg)}" stroke="#dadce0"/>${body}</svg>`
  );
}

function drawPie(data: ChartData, state: ChartState, plot: Box): string {
  const o = state.options;
  const vals = (data.series[0]?.values ?? []).map((v) => (v !== null && v > 0 ? v : 0));
  const total = vals.reduce((a, b) => a + b, 0);
  const r = Math.max(10, Math.min(plot.w, plot.h) / 2 - 6);
  const cx = plot.x + plot.w / 2;
  const cy = plot.y + plot.h / 2;
  const hole = Math.max(0, Math.min(0.9, Number(getOption(o, 'pieHole') ?? 0) || 0));
  if (!total) return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="#eeeeee"/>`;
  let out = '';
  let a = -Math.PI / 2;
  vals.forEach((v, i) => {
    if (!v) return;
    const frac = v / total;
    const b = a + frac * 2 * Math.PI;
    const color = seriesColor(o, i);
    if (frac >= 0.9999) out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${color}"/>`;
    else {
      const large = b - a > Math.PI ? 1 : 0;
      out +=
        `<path d="M${n(cx)},${n(cy)}L${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}` +
        `A${n(r)},${n(r)} 0 ${large} 1 ${n(cx + r * Math.cos(b))},${n(cy + r * Math.sin(b))}Z" fill="${color}" stroke="#ffffff" stroke-width="1"/>`;
    }
    if (frac >= 0.05) {
      const m = (a + b) / 2;
      const lr = hole ? r * (1 + hole) / 2 : r * 0.65;
      out += `<text x="${n(cx + lr * Math.cos(m))}" y="${n(cy + lr * Math.sin(m) + 4)}" font-size="12" fill="#ffffff" text-anchor="middle">${(frac * 100).toFixed(1).replace('.', ',').replace(',0', '')}%</text>`;
    }
    a = b;
  });
  if (hole) out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * hole)}" fill="#ffffff"/>`;
  return out;
}

function drawAxes(data: ChartData, state: ChartState, plot: Box, locale: string): string {
  const o = state.options;
  const type = state.type ?? 'LINE';
  const horizontal = type === 'BAR';
  const ns = data.series.length;
  const count = Math.max(data.domain?.labels.length ?? 0, ...data.series.map((s) => s.values.length), 0);
  const labels = data.domain ? data.domain.labels : Array.from({ length: count }, (_, i) => String(i + 1));
  const kinds = data.series.map((_, i) => seriesKind(type, o, i));
  const axisOf = data.series.map((_, i) => (Number(getOption(o, `series.${i}.targetAxisIndex`) ?? 0) === 1 ? 1 : 0));
  const stackedOpt = getOption(o, 'isStacked');
  const stacked = stackedOpt === true || stackedOpt === 'absolute' || stackedOpt === 'relative';
  const percent = stackedOpt === 'percent';
  // value extents per axis
  const ext = [
    { lo: Infinity, hi: -Infinity },
    { lo: Infinity, hi: -Infinity },
  ];
  const stackPos: number[][] = [Array(count).fill(0), Array(count).fill(0)];
  const stackNeg: number[][] = [Array(count).fill(0), Array(count).fill(0)];
  const base: { lo: number; hi: number }[][] = data.series.map(() => []);
  const totals = Array.from({ length: count }, (_, i) => data.series.reduce((s, ser, k) => s + (kinds[k] !== 'line' ? Math.abs(ser.values[i] ?? 0) : 0), 0));
  data.series.forEach((ser, k) => {
    const ax = axisOf[k];
    for (let i = 0; i < count; i++) {
      let v = ser.values[i];
      if (v === null || v === undefined) continue;
      if (percent && kinds[k] !== 'line') v = totals[i] ? v / totals[i] : 0;
      if ((stacked || percent) && kinds[k] !== 'line') {
        const arr = v >= 0 ? stackPos[ax] : stackNeg[ax];
        const lo = arr[i];
        arr[i] += v;
        base[k][i] = { lo, hi: arr[i] };
        ext[ax].lo = Math.min(ext[ax].lo, arr[i], lo);
        ext[ax].hi = Math.max(ext[ax].hi, arr[i], lo);
      } else {
        base[k][i] = { lo: 0, hi: v };
        ext[ax].lo = Math.min(ext[ax].lo, v);
        ext[ax].hi = Math.max(ext[ax].hi, v);
      }
    }
  });
  const axisOpt = (ax: number): Record<string, unknown> => {
    const a = (horizontal ? getOption(o, 'hAxis') : getOption(o, 'vAxis')) as Record<string, unknown> | undefined;
    const list = getOption(o, `vAxes.${ax}`) as Record<string, unknown> | undefined;
    return ax === 0 ? { ...(list ?? {}), ...(a ?? {}) } : { ...(list ?? {}) };
  };
  const scales = [0, 1].map((ax) => {
    const a = axisOpt(ax);
    const vw = (a.viewWindow ?? {}) as { min?: number; max?: number };
    let lo = ext[ax].lo;
    let hi = ext[ax].hi;
    if (!isFinite(lo)) [lo, hi] = [0, 1];
    if (kinds.some((k, i) => axisOf[i] === ax && k !== 'line') || lo > 0) lo = Math.min(lo, 0);
    const fMin = typeof vw.min === 'number' ? vw.min : typeof a.minValue === 'number' ? Math.min(a.minValue, lo) : undefined;
    const fMax = typeof vw.max === 'number' ? vw.max : typeof a.maxValue === 'number' ? Math.max(a.maxValue, hi) : undefined;
    return niceScale(lo, hi, horizontal ? 4 : 5, fMin, fMax);
  });
  const fmtOf = (ax: number) => (percent ? 'percent' : axisOpt(ax).format);
  const sFmt = (ax: number) => data.series.find((_, i) => axisOf[i] === ax)?.format ?? '';
  const step = (s: Scale) => (s.ticks.length > 1 ? s.ticks[1] - s.ticks[0] : 1);
  const tickText = [0, 1].map((ax) => scales[ax].ticks.map((t) => axisLabel(t, fmtOf(ax), sFmt(ax), locale, step(scales[ax]))));
  const secondary = axisOf.includes(1);
  const hTitle = getOption(o, 'hAxis.title');
  const vTitle = getOption(o, 'vAxis.title') ?? getOption(o, 'vAxes.0.title');
  const v2Title = getOption(o, 'vAxes.1.title');
  let out = '';
  const size = 12;
  // margins
  const catTitle = horizontal ? vTitle : hTitle;
  const valTitle = horizontal ? hTitle : vTitle;
  let left = plot.x;
  let right = plot.x + plot.w;
  let bottom = plot.y + plot.h;
  const topY = plot.y + 4;
  if (horizontal) {
    const lw = Math.min(Math.max(0, ...labels.map((l) => textWidth(l, size))) + 10, plot.w * 0.35);
    if (typeof catTitle === 'string' && catTitle) left += 20;
    left += lw;
    right -= Math.max(0, ...tickText[0].map((t) => textWidth(t, size))) / 2 + 2;
    bottom -= 22;
    if (typeof valTitle === 'string' && valTitle) bottom -= 20;
  } else {
    left += Math.max(0, ...tickText[0].map((t) => textWidth(t, size))) + 10;
    if (typeof valTitle === 'string' && valTitle) left += 20;
    if (secondary) right -= Math.max(0, ...tickText[1].map((t) => textWidth(t, size))) + 10 + (typeof v2Title === 'string' && v2Title ? 20 : 0);
    bottom -= 22;
    if (typeof catTitle === 'string' && catTitle) bottom -= 20;
  }
  const pw = Math.max(10, right - left);
  const ph = Math.max(10, bottom - topY);
  const valPos = (ax: number, v: number) => {
    const s = scales[ax];
    const f = (Math.max(s.min, Math.min(s.max, v)) - s.min) / (s.max - s.min || 1);
    return horizontal ? left + f * pw : bottom - f * ph;
  };
  const band = (horizontal ? ph : pw) / Math.max(1, count);
  const catPos = (i: number) => (horizontal ? topY + (i + 0.5) * band : left + (i + 0.5) * band);
  // gridlines and value labels
  scales[0].ticks.forEach((t, k) => {
    const p = valPos(0, t);
    if (horizontal) {
      out += `<line x1="${n(p)}" y1="${n(topY)}" x2="${n(p)}" y2="${n(bottom)}" stroke="${t === 0 ? BASE : GRID}"/>`;
      out += `<text x="${n(p)}" y="${n(bottom + 16)}" font-size="${size}" fill="${TEXT}" text-anchor="middle">${x(tickText[0][k])}</text>`;
    } else {
      out += `<line x1="${n(left)}" y1="${n(p)}" x2="${n(left + pw)}" y2="${n(p)}" stroke="${t === 0 ? BASE : GRID}"/>`;
      out += `<text x="${n(left - 6)}" y="${n(p + 4)}" font-size="${size}" fill="${TEXT}" text-anchor="end">${x(tickText[0][k])}</text>`;
    }
  });
  if (secondary && !horizontal) {
    scales[1].ticks.forEach((t, k) => {
      const p = valPos(1, t);
      out += `<text x="${n(left + pw + 6)}" y="${n(p + 4)}" font-size="${size}" fill="${TEXT}">${x(tickText[1][k])}</text>`;
    });
  }
  // category labels, thinned out so they do not overlap
  const maxLabel = Math.max(1, ...labels.map((l) => textWidth(l, size)));
  const every = horizontal ? Math.max(1, Math.ceil(16 / band)) : Math.max(1, Math.ceil((maxLabel + 8) / band));
  labels.forEach((l, i) => {
    if (i % every !== 0) return;
    const p = catPos(i);
    if (horizontal) out += `<text x="${n(left - 6)}" y="${n(p + 4)}" font-size="${size}" fill="${TEXT}" text-anchor="end">${x(clip(l, left - plot.x - 8, size))}</text>`;
    else out += `<text x="${n(p)}" y="${n(bottom + 16)}" font-size="${size}" fill="${TEXT}" text-anchor="middle">${x(clip(l, band * every - 4, size))}</text>`;
  });
  // axis titles
  if (typeof catTitle === 'string' && catTitle) {
    if (horizontal) out += `<text transform="translate(${n(plot.x + 12)},${n(topY + ph / 2)}) rotate(-90)" font-size="${size}" font-style="italic" fill="#222" text-anchor="middle">${x(catTitle)}</text>`;
    else out += `<text x="${n(left + pw / 2)}" y="${n(bottom + 36)}" font-size="${size}" font-style="italic" fill="#222" text-anchor="middle">${x(catTitle)}</text>`;
  }
  if (typeof valTitle === 'string' && valTitle) {
    if (horizontal) out += `<text x="${n(left + pw / 2)}" y="${n(bottom + 36)}" font-size="${size}" font-style="italic" fill="#222" text-anchor="middle">${x(valTitle)}</text>`;
    else out += `<text transform="translate(${n(plot.x + 12)},${n(topY + ph / 2)}) rotate(-90)" font-size="${size}" font-style="italic" fill="#222" text-anchor="middle">${x(valTitle)}</text>`;
  }
  if (secondary && !horizontal && typeof v2Title === 'string' && v2Title) {
    out += `<text transform="translate(${n(plot.x + plot.w - 8)},${n(topY + ph / 2)}) rotate(90)" font-size="${size}" font-style="italic" fill="#222" text-anchor="middle">${x(v2Title)}</text>`;
  }
  // bars first (lines and areas on top)
  const barSeries = data.series.map((_, k) => k).filter((k) => kinds[k] === 'bars');
  const groupW = band * 0.618;
  barSeries.forEach((k, j) => {
    const color = seriesColor(o, k);
    const ax = axisOf[k];
    const slot = stacked || percent ? groupW : groupW / barSeries.length;
    for (let i = 0; i < count; i++) {
      const b = base[k][i];
      if (!b) continue;
      const c0 = catPos(i) - groupW / 2 + (stacked || percent ? 0 : j * slot);
      const p1 = valPos(ax, b.lo);
      const p2 = valPos(ax, b.hi);
      if (horizontal) out += `<rect x="${n(Math.min(p1, p2))}" y="${n(c0)}" width="${n(Math.max(0.5, Math.abs(p2 - p1)))}" height="${n(Math.max(1, slot - 1))}" fill="${color}"/>`;
      else out += `<rect x="${n(c0)}" y="${n(Math.min(p1, p2))}" width="${n(Math.max(1, slot - 1))}" height="${n(Math.max(0.5, Math.abs(p2 - p1)))}" fill="${color}"/>`;
    }
  });
  const curve = getOption(o, 'curveType') === 'function';
  data.series.forEach((_, k) => {
    const kind = kinds[k];
    if (kind === 'bars') return;
    const color = seriesColor(o, k);
    const ax = axisOf[k];
    const lw = Number(getOption(o, `series.${k}.lineWidth`) ?? getOption(o, 'lineWidth') ?? 2);
    const ps = Number(getOption(o, `series.${k}.pointSize`) ?? getOption(o, 'pointSize') ?? 0);
    // contiguous runs of points (a null breaks the line)
    const runs: [number, number, number][][] = [];
    let cur: [number, number, number][] = [];
    for (let i = 0; i < count; i++) {
      const b = base[k][i];
      if (!b) {
        if (cur.length) runs.push(cur);
        cur = [];
        continue;
      }
      const c = catPos(i);
      const hi = valPos(ax, b.hi);
      const lo = valPos(ax, b.lo);
      cur.push(horizontal ? [hi, c, lo] : [c, hi, lo]);
    }
    if (cur.length) runs.push(cur);
    for (const run of runs) {
      const pts = run.map((p) => [p[0], p[1]] as [number, number]);
      if (kind === 'area') {
        const back = run
          .slice()
          .reverse()
          .map((p) => (horizontal ? `${n(p[2])},${n(p[1])}` : `${n(p[0])},${n(p[2])}`));
        out += `<path d="M${pts.map((p) => `${n(p[0])},${n(p[1])}`).join('L')}L${back.join('L')}Z" fill="${color}" fill-opacity="0.3"/>`;
      }
      const d = curve ? smoothPath(pts) : 'M' + pts.map((p) => `${n(p[0])},${n(p[1])}`).join('L');
      if (pts.length > 1 && lw > 0) out += `<path d="${d}" fill="none" stroke="${color}" stroke-width="${lw}" stroke-linejoin="round" stroke-linecap="round"/>`;
      if (ps > 0 || pts.length === 1) for (const p of pts) out += `<circle cx="${n(p[0])}" cy="${n(p[1])}" r="${n(Math.max(ps, 4) / 2)}" fill="${color}"/>`;
    }
  });
  return out;
}
