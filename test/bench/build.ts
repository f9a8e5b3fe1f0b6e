/** Benchmarks that drive the built app share one way to make sure `next build` output is current enough. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

/** Newest modification time (ms) of the app's source files, ignoring generated and vendored trees. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else if (/\.(tsx?|css|sql|js|mjs)$/.test(entry)) {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const name of [
    "app",
    "components",
    "server",
    "engine",
    "drizzle",
    "instrumentation.ts",
    "next.config.js",
  ]) {
    const entry = path.join(REPO_ROOT, name);
    if (existsSync(entry)) visit(entry);
  }
  return newest;
}

const BUILD_ID = path.join(REPO_ROOT, ".next", "BUILD_ID");
const ROUTES_MANIFEST = path.join(REPO_ROOT, ".next", "app-path-routes-manifest.json");
const BUILD_WAIT_MS = 180_000;

/** Why the current build cannot be used, or null when it serves `requiredRoute`. */
function buildProblem(requiredRoute: string): string | null {
  if (!existsSync(BUILD_ID)) return "no production build (.next/BUILD_ID is missing)";
  if (!existsSync(ROUTES_MANIFEST) || !readFileSync(ROUTES_MANIFEST, "utf8").includes(requiredRoute))
    return `the production build predates ${requiredRoute}`;
  return null;
}

function runNextBuild(): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, "node_modules", ".bin", "next"), ["build"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, log }));
  });
}

/** Makes sure a production build that serves `requiredRoute` exists, building it when it does not. */
export async function ensureBuild(requiredRoute: string): Promise<void> {
  const problem = buildProblem(requiredRoute);
  if (problem === null) {
    if (newestSourceMtime() > statSync(BUILD_ID).mtimeMs) {
      console.log("Note: sources changed after the last `next build`; run `npx next build` to measure them.");
    }
    return;
  }
  console.log(`Building the app: ${problem}. Running \`next build\` (about 30-60 s)…`);
  const started = performance.now();
  const output = await runNextBuild();
  if (output.code !== 0) {
    if (!output.log.includes("Another next build process is already running")) {
      throw new Error(`next build failed (exit ${output.code}):\n${output.log.slice(-4000)}`);
    }
    // Someone else is building in this checkout: wait for their build instead of failing.
    console.log("Another `next build` is running in this checkout; waiting for it to finish…");
    const deadline = Date.now() + BUILD_WAIT_MS;
    while (buildProblem(requiredRoute) !== null) {
      if (Date.now() > deadline) {
        throw new Error(
          `the other next build did not produce a usable build within ${BUILD_WAIT_MS / 1000} s`,
        );
      }
      await sleep(1_000);
    }
    await sleep(2_000); // BUILD_ID is written near the end; give the other build a moment to finish.
  }
  console.log(`Build ready after ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
