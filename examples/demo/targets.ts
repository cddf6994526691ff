import type { SampleData } from "../../src/cli/sample-data.js";

/** Demo section for the targets KPIs: returns the text to print. */
export function targetsDemo(sample: SampleData): string {
  void sample;
  return "";
}
