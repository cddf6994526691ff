import type { SampleData } from "../../src/cli/sample-data.js";

/** Demo section for the measures KPIs: returns the text to print. */
export function measuresDemo(sample: SampleData): string {
  void sample;
  return "";
}
