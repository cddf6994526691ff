// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by source
// file, top N. Not part of the suite: `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`.
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

const [file, topText = "25"] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
let total = 0;
for (const us of self.values()) total += us;
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
// The inspector's own dispatch (while the profile is taken and stopped) and idle time are not the figure's work.
const ignored = (frame: ProfileNode["callFrame"]) => frame.functionName === "(idle)" || (frame.functionName === "dispatch" && frame.url === "");
for (const [id, us] of self) {
  const frame = byId.get(id)?.callFrame;
  if (frame !== undefined && ignored(frame)) total -= us;
}
for (const [id, us] of self) {
  const frame = byId.get(id)?.callFrame;
  if (frame === undefined || ignored(frame)) continue;
  const where = frame.url.replace(/^.*\/(src|bench|node_modules)\//, "$1/") || "(native)";
  const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byFile.set(where, (byFile.get(where) ?? 0) + us);
}
const top = Number(topText);
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  }
};
show("self time by function", byFunction);
show("self time by file", byFile);
