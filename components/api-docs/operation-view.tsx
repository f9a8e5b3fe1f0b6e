import {
  anchorOf,
  constraintsOf,
  curlOf,
  mediaExample,
  type OpenApiDoc,
  type Operation,
  scopeOf,
} from "@/components/api-docs/openapi-model";
import { JsonBlock, Prose, SchemaView, TypeName } from "@/components/api-docs/schema-view";

const METHOD_TONE: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-800",
  post: "bg-brand-100 text-brand-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-rose-100 text-rose-800",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-14 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold uppercase ${METHOD_TONE[method] ?? "bg-slate-100 text-slate-700"}`}
    >
      {method}
    </span>
  );
}

function AuthNote({ op }: { op: Operation }) {
  const scope = scopeOf(op);
  if (scope) {
    return (
      <span className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-700 ring-1 ring-violet-200">
        API key · scope <code>{scope}</code>
      </span>
    );
  }
  if (op.security?.some((s) => "sessionCookie" in s)) {
    return (
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200">
        Signed-in session
      </span>
    );
  }
  return (
    <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200">
      Public
    </span>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

export function OperationView({
  method,
  path,
  op,
  doc,
  origin,
  webhook = false,
}: {
  method: string;
  path: string;
  op: Operation;
  doc: OpenApiDoc;
  origin: string;
  webhook?: boolean;
}) {
  const params = op.parameters ?? [];
  const body = op.requestBody?.content["application/json"];
  return (
    <article
      id={anchorOf(method, path)}
      className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
      data-testid="api-operation"
    >
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-4">
        <MethodBadge method={method} />
        <code className="text-sm font-semibold text-slate-900">
          {webhook ? `${path} → your endpoint` : path}
        </code>
        {webhook ? null : <AuthNote op={op} />}
        <span className="ml-auto text-sm text-slate-600">{op.summary}</span>
      </header>
      <div className="space-y-5 px-5 py-4">
        {op.description ? (
          <p className="max-w-3xl whitespace-pre-line text-sm text-slate-700">
            <Prose text={op.description.split("\n\nNeeds an API key")[0] ?? ""} />
          </p>
        ) : null}
        {params.length > 0 ? (
          <Section title={webhook ? "Headers" : "Parameters"}>
            <table className="w-full text-left text-sm">
              <tbody className="divide-y divide-slate-100">
                {params.map((p) => (
                  <tr key={`${p.in}-${p.name}`} className="align-top">
                    <td className="w-48 py-2 pr-3">
                      <code className="text-xs font-semibold text-slate-900">{p.name}</code>
                      {p.required ? (
                        <span className="ml-1.5 text-[10px] font-medium uppercase text-rose-600">
                          required
                        </span>
                      ) : null}
                    </td>
                    <td className="w-20 py-2 pr-3 text-xs text-slate-500">{p.in}</td>
                    <td className="py-2">
                      <TypeName schema={p.schema} doc={doc} />
                      {p.schema && constraintsOf(p.schema).length > 0 ? (
                        <span className="ml-2 text-xs text-slate-400">
                          {constraintsOf(p.schema).join(" · ")}
                        </span>
                      ) : null}
                      {p.description ? (
                        <p className="mt-0.5 text-xs text-slate-600">
                          <Prose text={p.description} />
                        </p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        ) : null}
        {body ? (
          <Section title={webhook ? "Body we send" : "Request body"}>
            <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
              <div className="min-w-0 overflow-x-auto rounded-md ring-1 ring-slate-200">
                <SchemaView schema={body.schema} doc={doc} />
              </div>
              <JsonBlock value={mediaExample(body, doc)} />
            </div>
          </Section>
        ) : null}
        {webhook ? null : (
          <Section title="Example">
            <JsonBlock value={curlOf(method, path, op, doc, origin)} />
          </Section>
        )}
        <Section title="Responses">
          <div className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {Object.entries(op.responses).map(([status, response]) => {
              const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
              const ok = status.startsWith("2");
              return (
                <details key={status} className="group px-3 py-2" open={ok && !webhook}>
                  <summary className="flex cursor-pointer items-center gap-3 text-sm">
                    <span
                      className={`font-mono text-xs font-bold ${ok ? "text-emerald-700" : "text-rose-700"}`}
                    >
                      {status}
                    </span>
                    <span className="text-slate-700">
                      <Prose text={response.description ?? ""} />
                    </span>
                    {media ? (
                      <span className="ml-auto text-xs text-slate-400">
                        {mediaType} · <TypeName schema={media.schema} doc={doc} />
                      </span>
                    ) : null}
                  </summary>
                  {media ? (
                    <div className="mt-2 grid gap-4 pb-2 lg:grid-cols-[3fr_2fr]">
                      <div className="space-y-2">
                        {response.headers ? (
                          <p className="text-xs text-slate-500">
                            Headers:{" "}
                            {Object.keys(response.headers).map((h) => (
                              <code key={h} className="mr-1.5">
                                {h}
                              </code>
                            ))}
                          </p>
                        ) : null}
                        {ok ? (
                          <div className="min-w-0 overflow-x-auto rounded-md ring-1 ring-slate-200">
                            <SchemaView schema={media.schema} doc={doc} />
                          </div>
                        ) : null}
                      </div>
                      <JsonBlock value={mediaExample(media, doc)} />
                    </div>
                  ) : null}
                </details>
              );
            })}
          </div>
        </Section>
      </div>
    </article>
  );
}
