// A separate app process for the experiment stickiness test: routes leads [START, START+COUNT) against
// DATABASE_URL and prints which version each lead's email met, as JSON.
import { openDatabase } from "@/server/db/client";
import { routeOne } from "@/server/services/routing";
import { emeaLead } from "@/test/helpers/routing";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = await openDatabase({ url: env("DATABASE_URL"), maxConnections: 4 });
const start = Number(env("START"));
const arms: Record<string, string> = {};
for (let i = start; i < start + Number(env("COUNT")); i++) {
  const lead = emeaLead(i);
  const { response } = await routeOne(database.db, {
    workspaceId: env("WORKSPACE_ID"),
    flowId: env("FLOW_ID"),
    lead,
  });
  arms[String(lead.email)] = response.version.id;
}
await database.close();
process.stdout.write(JSON.stringify(arms));
