// A separate app process for the multi-process test: routes leads [START, START+COUNT) with
// CONCURRENCY callers against DATABASE_URL and prints how many each rep got, as JSON.
import { openDatabase } from "@/server/db/client";
import { routeOne } from "@/server/services/routing";
import { emeaLead } from "@/test/helpers/routing";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = await openDatabase({ url: env("DATABASE_URL"), maxConnections: 8 });
const start = Number(env("START"));
const end = start + Number(env("COUNT"));
const perRep: Record<string, number> = {};
let next = start;
const caller = async () => {
  for (let i = next++; i < end; i = next++) {
    const { response } = await routeOne(database.db, {
      workspaceId: env("WORKSPACE_ID"),
      flowId: env("FLOW_ID"),
      lead: emeaLead(i),
      idempotencyKey: `mp-${i}`,
    });
    const id = response.assignee?.type === "rep" ? response.assignee.id : "none";
    perRep[id] = (perRep[id] ?? 0) + 1;
  }
};
await Promise.all(Array.from({ length: Number(env("CONCURRENCY")) }, caller));
await database.close();
process.stdout.write(JSON.stringify(perRep));
