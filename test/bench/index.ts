/**
 * Benchmark runner: `npm run bench` runs every module below; `npm run bench -- engine` runs the named ones.
 * Add a benchmark by exporting a BenchmarkModule from its own file and listing it here.
 */
import { analyticsBenchmark } from "./analytics";
import { apiKeyAuthBenchmark } from "./api-key-auth";
import { editorBenchmark } from "./editor";
import { engineBenchmark } from "./engine";
import { leadImportBenchmark } from "./lead-import";
import { replayBenchmark } from "./replay";
import { runRoutingBenchmark } from "./routing";
import { webhooksBenchmark } from "./webhooks";

export interface BenchmarkModule {
  name: string;
  description: string;
  run(): Promise<void> | void;
}

const routingBenchmark: BenchmarkModule = {
  name: "routing",
  description:
    "HTTP routes/s and p50/p99 latency (autocannon) against the built app on PostgreSQL, beside pgbench TPS of a single-row update",
  run: runRoutingBenchmark,
};

const BENCHMARKS: BenchmarkModule[] = [
  engineBenchmark,
  routingBenchmark,
  editorBenchmark,
  replayBenchmark,
  analyticsBenchmark,
  leadImportBenchmark,
  webhooksBenchmark,
  apiKeyAuthBenchmark,
];

const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(", ")}. Available: ${BENCHMARKS.map((b) => b.name).join(", ")}`,
  );
  process.exit(1);
}
for (const bench of BENCHMARKS) {
  if (selected.length > 0 && !selected.includes(bench.name)) continue;
  console.log(`\n## ${bench.name}: ${bench.description}\n`);
  await bench.run();
}
