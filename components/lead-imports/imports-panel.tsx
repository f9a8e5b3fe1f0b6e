"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ImportDetail } from "@/components/lead-imports/import-detail";
import { ImportForm } from "@/components/lead-imports/import-form";
import { formatCount } from "@/components/replay/format";
import { ReplayStatusBadge } from "@/components/replay/status-badge";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page-header";

type Panel = { kind: "closed" } | { kind: "form" } | { kind: "import"; id: string };

/** "Import CSV" on the Leads page: the upload form, one import's progress and result, past imports. */
export function LeadImportsPanel() {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const [panel, setPanel] = useState<Panel>({ kind: "closed" });
  const imports = useQuery(trpc.leadImports.list.queryOptions({}));
  const recent = imports.data ?? [];
  if (!canEdit && recent.length === 0) return null;

  return (
    <Card>
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Bulk import</h2>
        {canEdit ? (
          <Button size="sm" onClick={() => setPanel({ kind: "form" })} disabled={panel.kind === "form"}>
            Import CSV
          </Button>
        ) : null}
      </div>
      {panel.kind === "form" ? (
        <div className="border-b border-slate-200 px-5 py-5">
          <ImportForm
            onStarted={(id) => setPanel({ kind: "import", id })}
            onClose={() => setPanel({ kind: "closed" })}
          />
        </div>
      ) : null}
      {panel.kind === "import" ? (
        <div className="border-b border-slate-200 px-5 py-5">
          <ImportDetail importId={panel.id} />
          <Button variant="ghost" size="sm" className="mt-3" onClick={() => setPanel({ kind: "closed" })}>
            Close
          </Button>
        </div>
      ) : null}
      {recent.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">
          Route a list of leads at once: upload a CSV, map its columns to the flow's lead fields, and watch it
          run.
        </p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="imports-list">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-5 py-2 font-medium">Started</th>
              <th className="px-3 py-2 font-medium">File</th>
              <th className="px-3 py-2 font-medium">Flow</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-5 py-2 text-right font-medium">Routed / failed / rows</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {recent.slice(0, 5).map((item) => (
              <tr
                key={item.id}
                className="cursor-pointer hover:bg-slate-50"
                onClick={() => setPanel({ kind: "import", id: item.id })}
              >
                <td className="whitespace-nowrap px-5 py-2 text-slate-500">
                  {item.createdAt.toLocaleString()}
                </td>
                <td className="px-3 py-2 font-medium text-slate-900">
                  <button
                    type="button"
                    className="text-left hover:underline"
                    onClick={() => setPanel({ kind: "import", id: item.id })}
                  >
                    {item.fileName}
                  </button>
                </td>
                <td className="px-3 py-2 text-slate-600">{item.flowName}</td>
                <td className="px-3 py-2">
                  <ReplayStatusBadge status={item.status} />
                </td>
                <td className="px-5 py-2 text-right tabular-nums text-slate-600">
                  {formatCount(item.routed)} / {formatCount(item.failed)} / {formatCount(item.total)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
