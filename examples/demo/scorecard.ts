import type { SampleData } from "../../src/cli/sample-data.js";

/** Demo section for the scorecard KPIs: returns the text to print. */
export function scorecardDemo(sample: SampleData): string {
  void sample;
  return "";
}
