import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { chromium } from "playwright-core";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Whether the browser tests can run: skip (with the reason) when Chromium is missing on a
 * developer machine; in CI (`CI=true`) a missing browser is a failure, not a skip.
 */
export function chromiumAvailability(): { run: boolean; reason: string } {
  if (existsSync(CHROMIUM)) return { run: true, reason: "" };
  if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing but CI=true: install Debian's chromium package (apt-get install -y chromium)`);
  return { run: false, reason: `skipped: ${CHROMIUM} is missing (apt-get install -y chromium); set CI=true to make this a failure` };
}

/** Where Debian's poppler-utils puts `pdftotext` (optional: the print check falls back to the printed DOM). */
export const PDFTOTEXT = "/usr/bin/pdftotext";

/** How a page lays out at one viewport width, and what its print (PDF) holds. */
export interface LayoutVisit {
  /** `document.scrollingElement.scrollWidth` and `clientWidth`: the page overflows sideways when the first is larger. */
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** Elements wider than the viewport that are not inside a scroll container (tag#id.class), for the failure message. */
  readonly overflowing: string[];
  /** Under print media at the width of an A4 page less its margins (703 px): wider than that is cut off on paper. */
  readonly print: { readonly scrollWidth: number; readonly clientWidth: number };
  /** The PDF printed with `page.pdf` (A4). */
  readonly pdf: Buffer;
  /** The PDF's text by `pdftotext -layout`, or null when poppler-utils is missing. */
  readonly pdfText: string | null;
  /** Under print media: per `section.rep`, its id, whether its table is rendered (non-zero size) and its visible text. */
  readonly printedReps: ReadonlyArray<{ readonly id: string; readonly visible: boolean; readonly text: string }>;
}

/** Opens `html` at `width` px, measures horizontal overflow, then prints it to PDF and reads the rep sections under print media. */
export async function layoutHtml(html: string, width: number): Promise<LayoutVisit> {
  const profile = mkdtempSync(join(tmpdir(), "sales-kpi-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: "load" });
    const measured = await page.evaluate(() => {
      const root = document.scrollingElement as Element;
      const limit = root.clientWidth;
      const overflowing: string[] = [];
      for (const element of Array.from(document.body.querySelectorAll("*"))) {
        if (element.closest(".scroll") !== null) continue;
        const box = element.getBoundingClientRect();
        if (box.right > limit + 0.5) overflowing.push(`${element.tagName.toLowerCase()}${element.id === "" ? "" : `#${element.id}`}.${element.getAttribute("class") ?? ""}`);
      }
      return { scrollWidth: root.scrollWidth, clientWidth: limit, overflowing: overflowing.slice(0, 10) };
    });
    await page.emulateMedia({ media: "print" });
    // A4 less the print CSS's 12 mm margins: 186 mm = 703 CSS px.
    await page.setViewportSize({ width: 703, height: 900 });
    const printWidth = await page.evaluate(() => {
      const root = document.scrollingElement as Element;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    const printedReps = await page.evaluate(() =>
      Array.from(document.querySelectorAll("section.rep")).map((section) => {
        const table = section.querySelector("table");
        const box = table?.getBoundingClientRect();
        return { id: section.id, visible: box !== undefined && box.width > 0 && box.height > 0, text: (section as HTMLElement).innerText };
      }),
    );
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    let pdfText: string | null = null;
    if (existsSync(PDFTOTEXT)) {
      const file = join(profile, "page.pdf");
      writeFileSync(file, pdf);
      const run = spawnSync(PDFTOTEXT, ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (run.status === 0) pdfText = run.stdout;
    }
    return { ...measured, print: printWidth, pdf, pdfText, printedReps };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** What a page did when it was opened. */
export interface PageVisit {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly repRows: number;
  readonly screenshot: Buffer;
}

/**
 * Opens `html` in headless Chromium from a fresh profile: collects console errors, page
 * errors and every network request, counts the rows of the reps table and takes a screenshot.
 */
export async function visitHtml(html: string): Promise<PageVisit> {
  const profile = mkdtempSync(join(tmpdir(), "sales-kpi-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1200, height: 900 },
  });
  try {
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    page.on("request", (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: "load" });
    const repRows = await page.locator("#reps tbody tr").count();
    const screenshot = await page.screenshot({ fullPage: true, type: "png" });
    return { consoleErrors, requests, repRows, screenshot };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The number of distinct pixel colours in a PNG (8-bit RGB or RGBA, non-interlaced, as
 * Chromium writes them), up to `limit`. A blank page has one.
 */
export function distinctColours(png: Buffer, limit = 64): number {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const colourType = body[9];
      if (body[8] !== 8 || body[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs are read here");
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
      if (channels === 0) throw new Error(`unexpected PNG colour type ${colourType}`);
    } else if (type === "IDAT") {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  let previous = new Uint8Array(stride);
  const colours = new Set<string>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const current = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (current[x - channels] as number) : 0;
      const up = previous[x] as number;
      const upLeft = x >= channels ? (previous[x - channels] as number) : 0;
      const byte = line[x] as number;
      let value: number;
      switch (filter) {
        case 0:
          value = byte;
          break;
        case 1:
          value = byte + left;
          break;
        case 2:
          value = byte + up;
          break;
        case 3:
          value = byte + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = byte + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter}`);
      }
      current[x] = value & 0xff;
    }
    for (let x = 0; x < stride; x += channels) {
      colours.add(`${current[x]},${current[x + 1]},${current[x + 2]}`);
      if (colours.size >= limit) return colours.size;
    }
    previous = current;
  }
  return colours.size;
}
