// The "limit" of a measure pass (issue 15): a plain typed-array loop doing the same 1M-row
// group-by as `measureSeries` (activities: count and Σ quantity per owner × month) on Int32
// owner codes and Float64 instants/amounts, against the library's measure pass on the same
// prepared rows. Not part of the library; called from bench/run.ts and from side-by-side.
import * as library from "../src/index.js";
import type { KpiCalendar } from "../src/index.js";
import type { PreparedData as PreparedKpiData } from "../src/model/prepared.js";
import { forgetActivityCubes } from "../src/measure/activity-cube.js";

export interface LimitRow {
  readonly name: string;
  /** Median CPU time (the loops are single-threaded: steadier than wall time on a shared machine). */
  readonly ms: number;
  readonly wallMs: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

/** The side-by-side's rule: at least `runs` samples, and more for a fast loop (until 250 ms of samples, at most 15). */
function time(fn: () => unknown, runs: number): { ms: number; wallMs: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs || (spent < 250 && i < Math.max(runs, 15)); i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    const took = performance.now() - start;
    wall.push(took);
    spent += took;
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(cpu), wallMs: median(wall) };
}

/** Index of the last start ≤ ms (starts sorted), or -1. */
function bucketOf(starts: Float64Array, end: number, ms: number): number {
  if (!(ms < end) || !(ms >= (starts[0] as number))) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function limitBench(prepared: PreparedKpiData, calendar: KpiCalendar, from: string, to: string, runs: number): { rows: LimitRow[]; checked: string } {
  // The loops' arrays come from the prepared columns: reading `prepared.activities` would make a
  // million row objects, and their collection would land in the library's timing.
  const columns = prepared.activityColumns;
  const n = columns.length;
  const ownerCodes = new Map<string, number>();
  const owner = new Int32Array(n);
  const at = Float64Array.from(columns.at);
  const amount = Float64Array.from(columns.quantity);
  const comboCode = columns.comboOwner.map((name) => {
    let c = ownerCodes.get(name);
    if (c === undefined) ownerCodes.set(name, (c = ownerCodes.size));
    return c;
  });
  for (let i = 0; i < n; i++) owner[i] = comboCode[columns.combo[i] as number] as number;
  const fromMs = library.parseInstant(from, calendar);
  const toMs = library.parseInstant(to, calendar);
  const periods = library.periodsBetween(fromMs, toMs, "month", calendar);
  const p = periods.length;
  const starts = Float64Array.from(periods, (period) => period.startMs);
  starts[0] = Math.max(starts[0] as number, fromMs);
  const end = Math.min((periods[p - 1] as (typeof periods)[number]).endMs, toMs);
  const groups = ownerCodes.size;
  const month = new Int32Array(n);
  for (let i = 0; i < n; i++) month[i] = bucketOf(starts, end, at[i] as number);

  let counts = new Int32Array(groups * p);
  let sums = new Float64Array(groups * p);
  const searchLoop = () => {
    counts = new Int32Array(groups * p);
    sums = new Float64Array(groups * p);
    for (let i = 0; i < n; i++) {
      const b = bucketOf(starts, end, at[i] as number);
      if (b < 0) continue;
      const key = (owner[i] as number) * p + b;
      counts[key] = (counts[key] as number) + 1;
      sums[key] = (sums[key] as number) + (amount[i] as number);
    }
  };
  const codedLoop = () => {
    counts = new Int32Array(groups * p);
    sums = new Float64Array(groups * p);
    for (let i = 0; i < n; i++) {
      const b = month[i] as number;
      if (b < 0) continue;
      const key = (owner[i] as number) * p + b;
      counts[key] = (counts[key] as number) + 1;
      sums[key] = (sums[key] as number) + (amount[i] as number);
    }
  };
  // Month of each row by a lookup table indexed by the UTC hour number: local period
  // boundaries of whole-hour zones fall on whole hours, so one array read replaces the search.
  const HOUR = 3_600_000;
  const baseHour = Math.floor((starts[0] as number) / HOUR);
  const hourMonth = new Int8Array(Math.ceil(end / HOUR) - baseHour).fill(-1);
  for (let m = 0; m < p; m++) {
    const from = Math.ceil((starts[m] as number) / HOUR) - baseHour;
    const to = Math.ceil((m + 1 < p ? (starts[m + 1] as number) : end) / HOUR) - baseHour;
    hourMonth.fill(m, from, to);
  }
  const wholeHours = periods.every((period) => period.startMs % HOUR === 0) && fromMs % HOUR === 0 && toMs % HOUR === 0;
  const hourLoop = () => {
    counts = new Int32Array(groups * p);
    sums = new Float64Array(groups * p);
    const size = hourMonth.length;
    for (let i = 0; i < n; i++) {
      const h = Math.floor((at[i] as number) / HOUR) - baseHour;
      if (h < 0 || h >= size) continue;
      const b = hourMonth[h] as number;
      if (b < 0) continue;
      const key = (owner[i] as number) * p + b;
      counts[key] = (counts[key] as number) + 1;
      sums[key] = (sums[key] as number) + (amount[i] as number);
    }
  };
  // The same loop over the prepared row objects: owner by a string Map lookup, month by
  // binary search — what a measure pass does, without its filters and closures.
  let activities: PreparedKpiData["activities"] = [];
  const objectLoop = () => {
    counts = new Int32Array(groups * p);
    sums = new Float64Array(groups * p);
    for (let i = 0; i < n; i++) {
      const a = activities[i] as (typeof activities)[number];
      const b = bucketOf(starts, end, a.at);
      if (b < 0) continue;
      const key = (ownerCodes.get(a.owner) as number) * p + b;
      counts[key] = (counts[key] as number) + 1;
      sums[key] = (sums[key] as number) + a.quantity;
    }
  };
  // Cold: no cube memoised by an earlier run (the cube pass is the measure pass).
  const measure = () => {
    forgetActivityCubes(prepared.activityColumns);
    return library.measureSeries(prepared, { kind: "count", source: "activities" }, { from, to, grain: "month", groupBy: "owner" });
  };
  const searched = time(searchLoop, runs);
  const coded = time(codedLoop, runs);
  const hours = wholeHours ? time(hourLoop, runs) : undefined;
  const libraryPass = time(measure, runs);
  // Last: the row objects are made here, after every timing that does not read them.
  activities = prepared.activities;
  const objects = time(objectLoop, runs);
  const rows: LimitRow[] = [
    { name: "typed-array loop, month by binary search on the instant", ...searched },
    { name: "typed-array loop, month code precomputed", ...coded },
    ...(hours === undefined ? [] : [{ name: "typed-array loop, month by an hour-number lookup table", ...hours }]),
    { name: "row-object loop (Map lookup of owner, binary search), for scale", ...objects },
    { name: "library measureSeries (Σ quantity by owner per month)", ...libraryPass },
  ];
  // Every loop must give the library's numbers (Σ quantity per owner × month): each against
  // the binary-search loop, and that one against the library below.
  const others: Array<[string, () => void]> = [
    ["month-code", codedLoop],
    ["row-object", objectLoop],
    ...(wholeHours ? [["hour-table", hourLoop] as [string, () => void]] : []),
  ];
  for (const [name, loop] of others) {
    loop();
    const found = sums.slice();
    searchLoop();
    if (found.some((v, i) => v !== sums[i])) throw new Error(`the ${name} loop disagrees with the binary-search loop`);
  }
  const series = measure();
  let differ = 0;
  const index = new Map(periods.map((period, i) => [period.startMs, i]));
  for (const point of series.points) {
    const code = ownerCodes.get(point.group as string);
    const b = index.get(point.period.startMs);
    const loop = code === undefined || b === undefined ? 0 : (sums[code * p + b] as number);
    if (String(loop) !== point.value?.toString()) differ++;
  }
  return { rows, checked: differ === 0 ? `equal (${series.points.length} cells)` : `${differ} cells differ` };
}
