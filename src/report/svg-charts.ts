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
 * A horizontal bar for an attainment ratio (1 = 100% of target), with a mark at 100%.
 * Bars are capped at 150% of target so one outlier does not flatten the rest.
 */
export function attainmentBar(ratio: Decimal | null, label: string, width = 160, height = 14): string {
  const cap = 1.5;
  const scale = (width - 2) / cap;
  const title = `<title>${escapeHtml(label)}</title>`;
  const target = round(1 + scale);
  const mark = `<line x1="${target}" y1="0" x2="${target}" y2="${height}" stroke="#111" stroke-width="1"/>`;
  if (ratio === null) {
    return `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}<rect x="1" y="3" width="${width - 2}" height="${height - 6}" fill="#f1f1f1"/>${mark}</svg>`;
  }
  const value = Math.max(0, Math.min(cap, ratio.toNumber()));
  const fill = value >= 1 ? "#16a34a" : value >= 0.9 ? "#d97706" : "#dc2626";
  return `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}<rect x="1" y="3" width="${width - 2}" height="${height - 6}" fill="#f1f1f1"/><rect x="1" y="3" width="${round(value * scale)}" height="${height - 6}" fill="${fill}"/>${mark}</svg>`;
}

/** A funnel as horizontal bars, one per step, widths proportional to the first step's count. */
export function funnelChart(steps: ReadonlyArray<{ readonly label: string; readonly count: number }>, width = 360): string {
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
  return `<svg class="funnel" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>Funnel</title>${rows}</svg>`;
}
