import { and, asc, eq } from "drizzle-orm";
import { flows, reps } from "@/drizzle/schema";
import type { Db, Executor } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import {
  DEFAULT_TEMPLATE,
  leadUrl,
  renderTemplate,
  unknownPlaceholders,
} from "@/server/services/webhooks/template";
import { checkTargetUrl } from "@/server/services/webhooks/url-check";

/** A flow's new-lead notification (flows.notification; null there means these defaults). */
export interface NotificationSettings {
  enabled: boolean;
  template: string;
  /** Slack-compatible incoming-webhook URL used when the assigned rep has no URL of their own. */
  channelUrl: string | null;
}

export const DEFAULT_NOTIFICATION: NotificationSettings = {
  enabled: false,
  template: DEFAULT_TEMPLATE,
  channelUrl: null,
};

function settingsOf(stored: unknown): NotificationSettings {
  if (typeof stored !== "object" || stored === null) return { ...DEFAULT_NOTIFICATION };
  const value = stored as Partial<NotificationSettings>;
  return {
    enabled: value.enabled === true,
    template: typeof value.template === "string" && value.template ? value.template : DEFAULT_TEMPLATE,
    channelUrl: typeof value.channelUrl === "string" && value.channelUrl ? value.channelUrl : null,
  };
}

async function findFlow(db: Executor, workspaceId: string, flowId: string) {
  const [flow] = await db
    .select({ id: flows.id, name: flows.name, notification: flows.notification })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, flowId)));
  if (!flow) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
  return flow;
}

export async function getNotification(db: Executor, workspaceId: string, flowId: string) {
  return settingsOf((await findFlow(db, workspaceId, flowId)).notification);
}

function checkTemplate(template: string): void {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) {
    throw new ServiceError(
      "BAD_REQUEST",
      `template: unknown placeholder${unknown.length === 1 ? "" : "s"} ${unknown.map((p) => `{{${p}}}`).join(", ")}; use {{lead.<field>}}, {{rep.name}}, {{rep.email}}, {{flow.name}}, {{pool.name}}, {{band}}, {{score}}, {{path}} or {{leadUrl}}`,
    );
  }
}

export async function setNotification(
  db: Db,
  workspaceId: string,
  input: { flowId: string; enabled: boolean; template: string; channelUrl: string | null },
): Promise<NotificationSettings> {
  checkTemplate(input.template);
  const channelUrl = input.channelUrl ? await checkTargetUrl(input.channelUrl, "channelUrl") : null;
  const settings: NotificationSettings = { enabled: input.enabled, template: input.template, channelUrl };
  const [row] = await db
    .update(flows)
    .set({ notification: settings, updatedAt: new Date() })
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, input.flowId)))
    .returning({ id: flows.id });
  if (!row) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
  return settings;
}

const SAMPLE_LEAD = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  company: "Analytical Engines Ltd",
  country: "GB",
  company_size: 120,
  industry: "software",
};

/** The message the template makes for a sample lead, assigned to the workspace's first rep. */
export async function previewNotification(
  db: Executor,
  workspaceId: string,
  input: { flowId: string; template: string },
): Promise<{ text: string }> {
  checkTemplate(input.template);
  const [flow, [rep]] = await Promise.all([
    findFlow(db, workspaceId, input.flowId),
    db
      .select({ name: reps.name, email: reps.email })
      .from(reps)
      .where(eq(reps.workspaceId, workspaceId))
      .orderBy(asc(reps.name))
      .limit(1),
  ]);
  const repName = rep?.name ?? "Ana Schmidt";
  return {
    text: renderTemplate(input.template, {
      lead: SAMPLE_LEAD,
      repName,
      repEmail: rep?.email ?? "ana@example.com",
      flowName: flow.name,
      poolName: "EMEA",
      band: "hot",
      score: 72,
      path: ['country in GB, IE (was "GB") → EMEA', `round-robin in EMEA picked ${repName}`],
      leadUrl: leadUrl("00000000-0000-4000-8000-000000000000"),
    }),
  };
}
