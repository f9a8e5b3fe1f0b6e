"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import { Card, ErrorNote, PageHeader } from "@/components/ui/page-header";

export function FlowDetail({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const params = useSearchParams();
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  const validation = useQuery(trpc.flows.validate.queryOptions({ id: flowId }));
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId }));
  const [message, setMessage] = useState("");
  const [viewing, setViewing] = useState<string | null>(params.get("version"));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
  const publish = useMutation(trpc.flows.publish.mutationOptions({ onSuccess: refresh }));
  const deploy = useMutation(trpc.flows.deploy.mutationOptions({ onSuccess: refresh }));
  const live = versions.data?.find((v) => v.liveWeight !== null);
  // Read after mount: the server cannot know the browser's origin, and both renders must match.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);

  if (flow.isLoading) return <p className="text-sm text-slate-500">Loading flow…</p>;
  if (!flow.data) return <ErrorNote message={flow.error?.message ?? "Flow not found"} />;

  return (
    <div className="space-y-6">
      <PageHeader
        title={flow.data.name}
        description={flow.data.description || undefined}
        actions={live ? <Badge tone="green">live: v{live.number}</Badge> : <Badge>not live</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="text-base font-semibold text-slate-900">Draft</h2>
          <p className="text-sm text-slate-500">
            Revision {flow.data.draftRevision} · saved {flow.data.updatedAt.toLocaleString()}
          </p>
          {validation.data?.ok ? (
            <p className="mt-3 text-sm text-emerald-700">✓ The draft is valid and ready to publish.</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm text-rose-700" data-testid="validation-issues">
              {validation.data?.issues.map((issue) => (
                <li key={`${issue.code}-${issue.nodeId ?? ""}-${issue.edgeId ?? ""}-${issue.message}`}>
                  {issue.nodeId ? <strong>{issue.nodeId}: </strong> : null}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <form
              className="mt-4 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                publish.mutate({ id: flowId, message, expectedRevision: flow.data?.draftRevision });
                setMessage("");
              }}
            >
              <TextInput
                aria-label="Publish message"
                placeholder="What changed?"
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
              <Button type="submit" disabled={!validation.data?.ok || publish.isPending}>
                Publish
              </Button>
            </form>
          ) : null}
          <div className="mt-2">
            <ErrorNote message={publish.error?.message} />
          </div>
        </Card>
        <Card className="p-5">
          <h2 className="text-base font-semibold text-slate-900">Route leads to this flow</h2>
          <p className="mt-1 text-sm text-slate-500">
            Create an API key with the route scope in Settings, then:
          </p>
          <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
            {`curl -X POST ${origin}/api/v1/flows/${flowId}/route \\
  -H "Authorization: Bearer $SWITCHYARD_KEY" \\
  -H "Idempotency-Key: form-submission-123" \\
  -H "Content-Type: application/json" \\
  -d '{"source":"web_form","email":"ada@example.com","country":"DE"}'`}
          </pre>
        </Card>
      </div>
      <Card>
        <div className="border-b border-slate-200 px-5 py-4">
          <h2 className="text-base font-semibold text-slate-900">Versions</h2>
          <p className="text-sm text-slate-500">
            Published versions never change. Deploy an older one to roll back.
          </p>
        </div>
        <ul className="divide-y divide-slate-100">
          {versions.data?.length === 0 ? (
            <li className="px-5 py-4 text-sm text-slate-500">Nothing published yet.</li>
          ) : null}
          {versions.data?.map((version) => (
            <li key={version.id} className="px-5 py-3">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <span className="font-medium text-slate-900">v{version.number}</span>{" "}
                  {version.liveWeight !== null ? <Badge tone="green">live</Badge> : null}
                  <span className="ml-2 text-sm text-slate-600">{version.message || "No message"}</span>
                  <div className="text-xs text-slate-500">
                    {version.createdAt.toLocaleString()} · <code>{version.contentHash.slice(0, 12)}</code>
                  </div>
                </div>
                <div className="flex gap-1.5">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setViewing(viewing === version.id ? null : version.id)}
                  >
                    {viewing === version.id ? "Hide" : "Inspect"}
                  </Button>
                  {canEdit && version.liveWeight === null ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => deploy.mutate({ versionId: version.id })}
                    >
                      {live && version.number < live.number ? "Roll back to this" : "Deploy"}
                    </Button>
                  ) : null}
                </div>
              </div>
              {viewing === version.id ? (
                <VersionInspector versionId={version.id} liveVersionId={live?.id ?? null} />
              ) : null}
            </li>
          ))}
        </ul>
        <div className="px-5 pb-3">
          <ErrorNote message={deploy.error?.message} />
        </div>
      </Card>
    </div>
  );
}

function VersionInspector({ versionId, liveVersionId }: { versionId: string; liveVersionId: string | null }) {
  const trpc = useTRPC();
  const version = useQuery(trpc.flows.version.queryOptions({ versionId }));
  const compareTo = liveVersionId && liveVersionId !== versionId ? liveVersionId : null;
  const diff = useQuery({
    ...trpc.flows.diff.queryOptions({ fromVersionId: compareTo ?? versionId, toVersionId: versionId }),
    enabled: compareTo !== null,
  });
  return (
    <div className="mt-3 grid gap-3 lg:grid-cols-3">
      {compareTo && diff.data ? (
        <div className="rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
          <h3 className="font-medium text-slate-800">Compared with the live version</h3>
          {(["added", "removed", "changed"] as const).map((kind) => (
            <p key={kind} className="mt-1 text-slate-600">
              Nodes {kind}: {diff.data.nodes[kind].join(", ") || "none"}
            </p>
          ))}
        </div>
      ) : null}
      <div className={compareTo ? "lg:col-span-2" : "lg:col-span-3"}>
        <h3 className="text-sm font-medium text-slate-800">Compiled JSON Logic (read-only)</h3>
        <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          {version.data ? JSON.stringify(version.data.compiled, null, 2) : "Loading…"}
        </pre>
      </div>
    </div>
  );
}
