// Writes the bundled sample data set to examples/data/sample.json.
// Run with `npm run sample-data`. The data is generated, deterministically, by
// `generateSampleData()` (src/cli/sample-data.ts); nothing is copied from elsewhere.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSampleData } from "../../src/cli/sample-data.js";

const target = fileURLToPath(new URL("./sample.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(generateSampleData())}\n`);
process.stdout.write(`wrote ${target}\n`);
