// Writes the JSON Schemas of the CLI's config file and mapping file into schemas/, where
// editors find them through `$schema` (the package ships them). Run `npm run schemas` after
// changing src/cli/config-file.ts or src/cli/mapping.ts; a test checks the files are current.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSON_SCHEMA_FILES } from "../src/cli/json-schemas.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const { file, text } of JSON_SCHEMA_FILES()) {
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
