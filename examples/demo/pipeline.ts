import type { SampleData } from "../../src/cli/sample-data.js";

/** Demo section for the pipeline KPIs: returns the text to print. */
export function pipelineDemo(sample: SampleData): string {
  void sample;
  return "";
}
