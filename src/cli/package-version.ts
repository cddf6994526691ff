import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The version of the installed package, read at run time from the nearest `package.json`
 * named `sales-kpi` above this file (`dist/cli.js` → `../package.json`; in the repository,
 * `src/cli/` → `../../package.json`). Read at run time so the version a user sees is the
 * version npm installed, whatever built the bundle.
 */
export function packageVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const file = join(folder, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (json.name === "sales-kpi" && typeof json.version === "string") return json.version;
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return "unknown";
}
