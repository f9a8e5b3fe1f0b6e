import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/client";
import { chooseArm, stickyKey } from "@/server/services/arm-bucketing";
import { publishFlow } from "@/server/services/flows";
import { openTestDatabase } from "@/test/helpers/db";
import { createRoutingFixture, emeaLead, type RoutingFixture } from "@/test/helpers/routing";

// PostgreSQL only (see vitest.config.ts): two OS processes must share the database.
const run = promisify(execFile);
let database: Database;
let fx: RoutingFixture;
let deploymentId: string;
const arms: { versionId: string; weight: number }[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  fx = await createRoutingFixture(database.db, { weights: [1, 1, 1] });
  const [v1] = await fx.as.admin.flows.versions({ flowId: fx.flowId });
  const v2 = await publishFlow(database.db, fx.workspaceId, fx.users.admin, {
    id: fx.flowId,
    message: "b",
    deploy: false,
  });
  if (!v1) throw new Error("no v1");
  arms.push({ versionId: v1.id, weight: 70 }, { versionId: v2.id, weight: 30 });
  deploymentId = (await fx.as.admin.experiments.start({ flowId: fx.flowId, name: "Two processes", arms }))
    .deploymentId;
});
afterAll(() => database.close());

function worker(start: number, count: number): Promise<Record<string, string>> {
  return run(
    path.join("node_modules", ".bin", "tsx"),
    [path.join("test", "routing", "experiment-worker.ts")],
    {
      env: {
        ...process.env,
        WORKSPACE_ID: fx.workspaceId,
        FLOW_ID: fx.flowId,
        START: String(start),
        COUNT: String(count),
      },
      timeout: 120_000,
    },
  ).then(({ stdout }) => JSON.parse(stdout) as Record<string, string>);
}

describe("A/B arms across app processes", () => {
  it("two processes routing the same 200 leads put every lead on the same arm, the one this process computes", async () => {
    const [a, b] = await Promise.all([worker(0, 200), worker(0, 200)]);
    expect(Object.keys(a)).toHaveLength(200);
    expect(b).toEqual(a);
    for (let i = 0; i < 200; i++) {
      const lead = emeaLead(i);
      const expected = chooseArm(arms, deploymentId, stickyKey(lead, "email")).versionId;
      expect(a[String(lead.email)]).toBe(expected);
    }
    expect(new Set(Object.values(a)).size).toBe(2);
  });
});
