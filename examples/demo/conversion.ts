import type { SampleData } from "../../src/cli/sample-data.js";

/** Demo section for the conversion KPIs: returns the text to print. */
export function conversionDemo(sample: SampleData): string {
  void sample;
  return "";
}
