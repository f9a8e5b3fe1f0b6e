CREATE TABLE "branch_paths" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"nodes" text[] NOT NULL,
	"cases" text[] NOT NULL
);
--> statement-breakpoint
DROP INDEX "decisions_workspace_time_idx";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "branch_path_id" uuid;--> statement-breakpoint
ALTER TABLE "branch_paths" ADD CONSTRAINT "branch_paths_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_analytics_idx" ON "decisions" USING btree ("workspace_id","created_at","flow_id","version_id","deployment_id","pool_id","rep_id","lead_id","fallback","latency_ms","branch_path_id");--> statement-breakpoint
CREATE INDEX "decisions_without_branch_path_idx" ON "decisions" USING btree ("workspace_id","created_at") WHERE "decisions"."branch_path_id" is null;