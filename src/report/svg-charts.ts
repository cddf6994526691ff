import type { Decimal } from "decimal.js";

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/**
 * An inline SVG sparkline of `values` (oldest first; null leaves a gap). Drawing coordinates
 * only: values are turned into screen positions, never into results.
 */
export function sparkline(values: readonly (Decimal | null)[], label: string, width = 96, height = 24): string {
  const numbers = values.map((value) => (value === null ? null : value.toNumber()));
  const present = numbers.filter((value): value is number => value !== null && Number.isFinite(value));
  const title = `<title>${escapeHtml(label)}</title>`;
  if (present.length === 0) {
    return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}<line x1="2" y1="${height / 2}" x2="${width - 2}" y2="${height / 2}" stroke="#ccc" stroke-dasharray="2 2"/></svg>`;
  }
  const min = Math.min(...present);
  const max = Math.max(...present);
  const step = numbers.length > 1 ? (width - 6) / (numbers.length - 1) : 0;
  const y = (value: number): number => (max === min ? height / 2 : height - 3 - ((value - min) / (max - min)) * (height - 6));
  const segments: string[][] = [];
  let current: string[] = [];
  numbers.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      if (current.length > 0) segments.push(current);
      current = [];
      return;
    }
    current.push(`${round(3 + index * step)},${round(y(value))}`);
  });
  if (current.length > 0) segments.push(current);
  const lines = segments
    .map((points) =>
      points.length === 1
        ? `<circle cx="${points[0]?.split(",")[0]}" cy="${points[0]?.split(",")[1]}" r="1.5" fill="#2563eb"/>`
        : `<polyline points="${points.join(" ")}" fill="none" stroke="#2563eb" stroke-width="1.5"/>`,
    )
    .join("");
  const lastIndex = numbers.length - 1;
  const last = numbers[lastIndex];
  const dot = last === null || last === undefined ? "" : `<circle cx="${round(3 + lastIndex * step)}" cy="${round(y(last))}" r="2" fill="#1e3a8a"/>`;
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}${lines}${dot}</svg>`;
}

/**
 * A horizontal bar for an attainment ratio (1 = 100% of target), with a line at 100 % (the
 * target). Bars are capped at 150% of target so one outlier does not flatten the rest. Never
 * colour alone: a met bar is solid blue, a bar short of target orange with diagonal stripes,
 * and the label (the `<title>` and the text beside it) says it in words.
 */
export function attainmentBar(ratio: Decimal | null, label: string, width = 160, height = 14): string {
  const cap = 1.5;
  const scale = (width - 2) / cap;
  const title = `<title>${escapeHtml(label)}</title>`;
  const target = round(1 + scale);
  const mark = `<line x1="${target}" y1="0" x2="${target}" y2="${height}" stroke="#111" stroke-width="1.5"/>`;
  const open = `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${title}`;
  if (ratio === null) {
    return `${open}<rect x="1" y="3" width="${width - 2}" height="${height - 6}" fill="#f1f1f1"/>${mark}</svg>`;
  }
  const value = Math.max(0, Math.min(cap, ratio.toNumber()));
  const met = value >= 1;
  const pattern = met
    ? ""
    : `<defs><pattern id="short" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#f59e0b"/><line x1="0" y1="0" x2="0" y2="4" stroke="#92400e" stroke-width="1.5"/></pattern></defs>`;
  const fill = met ? "#1d4ed8" : "url(#short)";
  return `${open}${pattern}<rect x="1" y="3" width="${width - 2}" height="${height - 6}" fill="#f1f1f1"/><rect x="1" y="3" width="${round(value * scale)}" height="${height - 6}" fill="${fill}"/>${mark}</svg>`;
}

/** One bar of {@link waterfallChart}: a level (opening, closing) or a movement between them. */
export interface WaterfallBar {
  readonly label: string;
  readonly value: number;
  readonly kind: "level" | "movement";
  /** The value as people read it ("+12,500 EUR"). */
  readonly text: string;
}

/** The least room the bars of a chart get, in drawing units. */
const MIN_BARS = 120;

/**
 * Room for the longest of `texts` at font size 12 (about 0.62 em a character in a sans-serif
 * face, digits included), so no label or amount is cut off at the chart's edge.
 */
function textSpace(texts: readonly string[]): number {
  return Math.ceil(Math.max(0, ...texts.map((text) => text.length)) * 12 * 0.62) + 12;
}

/**
 * A horizontal waterfall: one row per bar, levels drawn from zero, movements floating from
 * the running total (up solid blue, down orange with stripes, and the signed value in text),
 * so it fits a phone's width. Drawing coordinates only.
 */
export function waterfallChart(bars: readonly WaterfallBar[], title: string, minWidth = 420): string {
  const rowHeight = 22;
  const labelWidth = textSpace(bars.map((bar) => bar.label));
  const textWidth = textSpace(bars.map((bar) => bar.text));
  const width = Math.max(minWidth, labelWidth + textWidth + MIN_BARS);
  const barSpace = width - labelWidth - textWidth;
  let running = 0;
  const spans = bars.map((bar) => {
    if (bar.kind === "level") {
      running = bar.value;
      return { bar, from: Math.min(0, bar.value), to: Math.max(0, bar.value) };
    }
    const start = running;
    running += bar.value;
    return { bar, from: Math.min(start, running), to: Math.max(start, running) };
  });
  const low = Math.min(0, ...spans.map((span) => span.from));
  const high = Math.max(0, ...spans.map((span) => span.to));
  const scale = high === low ? 0 : barSpace / (high - low);
  const x = (value: number): number => labelWidth + (value - low) * scale;
  const height = bars.length * rowHeight + 4;
  const rows = spans
    .map(({ bar, from, to }, index) => {
      const top = 2 + index * rowHeight;
      const fill = bar.kind === "level" ? "#475569" : bar.value >= 0 ? "#1d4ed8" : "url(#down)";
      return (
        `<g><title>${escapeHtml(`${bar.label}: ${bar.text}`)}</title>` +
        `<text x="${labelWidth - 6}" y="${top + 15}" text-anchor="end" font-size="12">${escapeHtml(bar.label)}</text>` +
        `<rect x="${round(x(from))}" y="${top + 3}" width="${round(Math.max(1, (to - from) * scale))}" height="${rowHeight - 6}" fill="${fill}"/>` +
        `<text x="${labelWidth + barSpace + 6}" y="${top + 15}" font-size="12">${escapeHtml(bar.text)}</text></g>`
      );
    })
    .join("");
  const pattern = `<defs><pattern id="down" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#fdba74"/><line x1="0" y1="0" x2="0" y2="5" stroke="#9a3412" stroke-width="2"/></pattern></defs>`;
  return `<svg class="chart waterfall" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${pattern}${rows}</svg>`;
}

/** Fills of the stacked stages, dark to light, each with its own pattern so stages differ without colour. */
const STAGE_FILLS = ["#1e3a8a", "#2563eb", "#60a5fa", "#bfdbfe", "#0f766e", "#5eead4", "#a16207", "#fde68a"] as const;

/** One column of {@link stackedStagesChart}. */
export interface StackedColumn {
  readonly label: string;
  readonly parts: ReadonlyArray<{ readonly label: string; readonly value: number; readonly text: string }>;
  readonly totalText: string;
}

/**
 * The open pipeline by stage as stacked horizontal bars, one per instant, with a legend; each
 * segment carries its stage and value in a `<title>`, and odd stages a hatch so neighbouring
 * stages differ in print and without colour. Drawing coordinates only.
 */
export function stackedStagesChart(columns: readonly StackedColumn[], title: string, minWidth = 420): string {
  const rowHeight = 22;
  const labelWidth = textSpace(columns.map((column) => column.label));
  const textWidth = textSpace(columns.map((column) => column.totalText));
  const width = Math.max(minWidth, labelWidth + textWidth + MIN_BARS);
  const barSpace = width - labelWidth - textWidth;
  const stages = columns[0]?.parts.map((part) => part.label) ?? [];
  const max = Math.max(0, ...columns.map((column) => column.parts.reduce((sum, part) => sum + Math.max(0, part.value), 0)));
  const scale = max === 0 ? 0 : barSpace / max;
  const legendRows = Math.ceil(stages.length / 3);
  const legendTop = columns.length * rowHeight + 8;
  const height = legendTop + legendRows * 18 + 4;
  const fill = (index: number): string => (index % 2 === 1 ? `url(#stage${index})` : (STAGE_FILLS[index % STAGE_FILLS.length] as string));
  const defs = stages
    .map((_, index) =>
      index % 2 === 1
        ? `<pattern id="stage${index}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="${STAGE_FILLS[index % STAGE_FILLS.length]}"/><line x1="0" y1="0" x2="0" y2="4" stroke="#fff" stroke-width="1"/></pattern>`
        : "",
    )
    .join("");
  const rows = columns
    .map((column, row) => {
      const top = 2 + row * rowHeight;
      let x = labelWidth;
      const segments = column.parts
        .map((part, index) => {
          const w = Math.max(0, part.value) * scale;
          const out = w <= 0 ? "" : `<rect x="${round(x)}" y="${top + 3}" width="${round(w)}" height="${rowHeight - 6}" fill="${fill(index)}"><title>${escapeHtml(`${column.label} · ${part.label}: ${part.text}`)}</title></rect>`;
          x += w;
          return out;
        })
        .join("");
      return `<text x="${labelWidth - 6}" y="${top + 15}" text-anchor="end" font-size="12">${escapeHtml(column.label)}</text>${segments}<text x="${labelWidth + barSpace + 6}" y="${top + 15}" font-size="12">${escapeHtml(column.totalText)}</text>`;
    })
    .join("");
  const legend = stages
    .map((stage, index) => {
      const lx = 4 + (index % 3) * Math.floor((width - 8) / 3);
      const ly = legendTop + Math.floor(index / 3) * 18;
      return `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${fill(index)}" stroke="#333" stroke-width="0.5"/><text x="${lx + 16}" y="${ly + 10}" font-size="11">${escapeHtml(stage)}</text>`;
    })
    .join("");
  return `<svg class="chart stacked" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><defs>${defs}</defs>${rows}${legend}</svg>`;
}

/** A funnel as horizontal bars, one per step, widths proportional to the first step's count. */
export function funnelChart(steps: ReadonlyArray<{ readonly label: string; readonly count: number }>, width = 360, title = "Funnel"): string {
  const rowHeight = 22;
  const height = steps.length * rowHeight + 4;
  const first = steps[0]?.count ?? 0;
  const labelWidth = 120;
  const barSpace = width - labelWidth - 60;
  const rows = steps
    .map((step, index) => {
      const barWidth = first > 0 ? Math.max(1, (step.count / first) * barSpace) : 1;
      const top = 2 + index * rowHeight;
      const x = labelWidth + (barSpace - barWidth) / 2;
      return (
        `<text x="${labelWidth - 6}" y="${top + 15}" text-anchor="end" font-size="12">${escapeHtml(step.label)}</text>` +
        `<rect x="${round(x)}" y="${top + 2}" width="${round(barWidth)}" height="${rowHeight - 4}" fill="#60a5fa"/>` +
        `<text x="${labelWidth + barSpace + 6}" y="${top + 15}" font-size="12">${step.count}</text>`
      );
    })
    .join("");
  return `<svg class="funnel" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${escapeHtml(title)}</title>${rows}</svg>`;
}
