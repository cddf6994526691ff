#!/usr/bin/env bash
# Packs the library and checks it from a separate consumer project, as a user would get it:
# `import` and `require` both work at run time, and the types resolve with skipLibCheck off
# under `nodenext` and `bundler` module resolution, for `sales-kpi`, `sales-kpi/schemas` and
# `sales-kpi/sql` (which runs without its optional peers @duckdb/node-api and pg installed);
# and the `sales-kpi` command that npm links from `bin` runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" 2>/dev/null | tail -n 1)"
cd "$work"
cat > package.json <<'JSON'
{ "name": "consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
zod_version="$(node -p "require('$root/node_modules/zod/package.json').version")"
ts_version="$(node -p "require('$root/node_modules/typescript/package.json').version")"
types_version="$(node -p "require('$root/node_modules/@types/node/package.json').version")"
npm install --silent --no-audit --no-fund "./$tarball" "zod@$zod_version" "typescript@$ts_version" "@types/node@$types_version" >/dev/null 2>&1
cat > esm.mts <<'TS'
import { KpiDecimal, ratio, periodOf, resolveCalendar, prepareKpiData, type Ratio, type KpiPeriod } from "sales-kpi";
import { DealSchema, PipelineSchema } from "sales-kpi/schemas";
import { z } from "zod";
import { createRequire } from "node:module";
import { createTablesSql, sqlEngine, type SqlExecute } from "sales-kpi/sql";
const r: Ratio = ratio(1, 4);
const p: KpiPeriod = periodOf(Date.UTC(2026, 2, 31, 21, 30), "month", resolveCalendar({ timeZone: "Europe/Amsterdam" }));
if (r.value?.toString() !== "0.25" || p.label !== "2026-03") throw new Error("esm: wrong values");
if (!(new KpiDecimal(1) instanceof KpiDecimal) || typeof DealSchema.parse !== "function" || typeof PipelineSchema.parse !== "function") throw new Error("esm: exports");
prepareKpiData({ activities: [{ owner: "a", type: "call", at: "2026-01-01" }] });
// The ESM types re-export the CommonJS declarations (one set for both): the library's schemas
// still compose with the consumer's own zod schemas, and their inferred types line up.
const Wrapped = z.object({ deal: DealSchema, note: z.string() });
const wrapped: z.infer<typeof Wrapped> = Wrapped.parse({ deal: { id: "d1", owner: "a", stage: "won", createdAt: "2026-01-01", closedAt: "2026-01-02" }, note: "x" });
if (wrapped.deal.id !== "d1") throw new Error("esm: schema composition");
// One copy of the library: what `require` gives is what `import` gives (no dual package hazard).
const required = createRequire(import.meta.url)("sales-kpi") as typeof import("sales-kpi");
if (required.KpiDecimal !== KpiDecimal || required.KpiInputError === undefined) throw new Error("esm: a second copy of the library");
// The minified build keeps names: an error's class and a function read as their own in a stack trace or a log.
if (required.KpiInputError.name !== "KpiInputError" || required.KpiDefinitionError.name !== "KpiDefinitionError" || prepareKpiData.name !== "prepareKpiData") throw new Error("esm: minified names");
const noDatabase: SqlExecute = async () => [];
const explained = sqlEngine({ dialect: "snowflake", execute: noDatabase }).explain({ kind: "count", source: "activities" }, { from: "2026-01-01", to: "2026-02-01", grain: "month" });
if (createTablesSql("duckdb").length !== 6 || explained.statements.length === 0) throw new Error("esm: sales-kpi/sql");
console.log("esm ok");
TS
cat > cjs.cts <<'TS'
import kpi = require("sales-kpi");
import schemas = require("sales-kpi/schemas");
import sql = require("sales-kpi/sql");
const r: kpi.Ratio = kpi.ratio(1, 4);
if (r.value?.toString() !== "0.25" || typeof schemas.DealSchema.parse !== "function") throw new Error("cjs: wrong values");
if (sql.createTablesSql("postgres").length !== 6) throw new Error("cjs: sales-kpi/sql");
console.log("cjs ok");
TS
base='"strict": true, "skipLibCheck": false, "noEmit": false, "outDir": "out", "target": "ES2022", "types": ["node"]'
echo "{ \"compilerOptions\": { $base, \"module\": \"NodeNext\", \"moduleResolution\": \"NodeNext\" }, \"files\": [\"esm.mts\", \"cjs.cts\"] }" > tsconfig.nodenext.json
echo "{ \"compilerOptions\": { $base, \"noEmit\": true, \"module\": \"ESNext\", \"moduleResolution\": \"Bundler\" }, \"files\": [\"esm.mts\"] }" > tsconfig.bundler.json
npx tsc -p tsconfig.nodenext.json
npx tsc -p tsconfig.bundler.json
node out/esm.mjs
node out/cjs.cjs
# The `sales-kpi` command as npm links it from the package's `bin`.
./node_modules/.bin/sales-kpi --help | grep -q "sales-kpi" || { echo "sales-kpi --help: no usage"; exit 1; }
./node_modules/.bin/sales-kpi demo --format json > demo.json
node -e 'const card = JSON.parse(require("fs").readFileSync("demo.json", "utf8")); if (!Array.isArray(card.reps) || card.reps.length === 0) throw new Error("sales-kpi demo: no reps");'
echo "sales-kpi bin ok"
echo "consumer check: import, require, types (nodenext, bundler) and the sales-kpi bin ok"
