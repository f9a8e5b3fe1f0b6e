import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import {
  anchorOf,
  groupByTag,
  HTTP_METHODS,
  type OpenApiDoc,
  sampleOf,
} from "@/components/api-docs/openapi-model";
import { MethodBadge, OperationView } from "@/components/api-docs/operation-view";
import { JsonBlock, SchemaView } from "@/components/api-docs/schema-view";
import { DOCS_PATH, OPENAPI_PATH, openApiDocument } from "@/server/http/openapi";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, MAX_RATE_LIMIT_PER_MINUTE } from "@/server/schemas";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

const TAG_ORDER = ["Routing", "Leads", "Flows", "Analytics", "Meta"];

/** The HTTP API reference, rendered from the same OpenAPI document served at /api/v1/openapi.json. */
export default async function ApiDocsPage() {
  const doc = openApiDocument() as unknown as OpenApiDoc;
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${host}`;
  const groups = groupByTag(doc.paths, TAG_ORDER);
  const webhooks = Object.entries(doc.webhooks ?? {}).flatMap(([event, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ event, method, op }] : [];
    }),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).filter(
    ([name]) => !name.startsWith("Webhook"),
  );

  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-6 py-4">
          <Link href="/flows" className="text-base font-semibold text-slate-900">
            Switchyard
          </Link>
          <span className="text-slate-300">/</span>
          <span className="text-base text-slate-700">API reference</span>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
            v{doc.info.version}
          </span>
          <a href={OPENAPI_PATH} className="ml-auto text-sm font-medium text-brand-700 hover:underline">
            openapi.json
          </a>
          <Link href="/settings" className="text-sm text-slate-600 hover:text-slate-900">
            API keys →
          </Link>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-6 py-8">
        <nav
          aria-label="API reference"
          className="sticky top-6 hidden h-[calc(100vh-3rem)] w-56 shrink-0 overflow-y-auto text-sm lg:block"
        >
          <ul className="space-y-1">
            {[
              ["#authentication", "Authentication"],
              ["#rate-limits", "Rate limits"],
              ["#errors", "Errors"],
              ["#trpc", "Typed tRPC client"],
            ].map(([href, label]) => (
              <li key={href}>
                <a href={href} className="text-slate-600 hover:text-slate-900">
                  {label}
                </a>
              </li>
            ))}
          </ul>
          {groups.map(([tag, ops]) => (
            <div key={tag} className="mt-5">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-400">{tag}</p>
              <ul className="mt-1 space-y-1">
                {ops.map(({ method, path, op }) => (
                  <li key={`${method}${path}`}>
                    <a
                      href={`#${anchorOf(method, path)}`}
                      className="flex items-center gap-2 text-slate-600 hover:text-slate-900"
                    >
                      <span className="w-9 font-mono text-[10px] font-bold uppercase text-slate-400">
                        {method}
                      </span>
                      {op.summary}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-400">Webhooks</p>
          <ul className="mt-1 space-y-1">
            {webhooks.map(({ event, method }) => (
              <li key={event}>
                <a
                  href={`#${anchorOf(method, event)}`}
                  className="font-mono text-xs text-slate-600 hover:text-slate-900"
                >
                  {event}
                </a>
              </li>
            ))}
          </ul>
          <p className="mt-5">
            <a
              href="#schemas"
              className="text-xs font-semibold uppercase tracking-wide text-slate-400 hover:text-slate-700"
            >
              Schemas
            </a>
          </p>
        </nav>

        <main className="min-w-0 flex-1 space-y-10">
          <section className="space-y-3">
            <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{doc.info.title}</h1>
            <p className="max-w-3xl text-slate-700">
              Route leads through your flows over HTTP, report what became of them, and read the decision log.
              Everything on this page is generated from the OpenAPI 3.1 document at{" "}
              <a href={OPENAPI_PATH} className="font-mono text-sm text-brand-700 hover:underline">
                {OPENAPI_PATH}
              </a>
              , which is built from the same schemas the server validates with.
            </p>
            <div className="flex flex-wrap gap-2 text-sm">
              {groups
                .flatMap(([, ops]) => ops)
                .map(({ method, path }) => (
                  <a
                    key={`${method}${path}`}
                    href={`#${anchorOf(method, path)}`}
                    className="flex items-center gap-2 rounded-md bg-white px-2 py-1 ring-1 ring-slate-200 hover:ring-brand-300"
                  >
                    <MethodBadge method={method} />
                    <code className="text-xs">{path}</code>
                  </a>
                ))}
            </div>
          </section>

          <section id="authentication" className="scroll-mt-6 space-y-3">
            <h2 className="text-xl font-semibold text-slate-900">Authentication</h2>
            <p className="max-w-3xl text-sm text-slate-700">
              An admin creates keys in{" "}
              <Link href="/settings" className="text-brand-700 hover:underline">
                Settings → API keys
              </Link>
              . Send one as <code>Authorization: Bearer sy_…</code>. Each key has scopes: <code>route</code>{" "}
              routes leads, reports outcomes and closes or reassigns leads; <code>read</code> lists and reads
              leads and flows; <code>admin</code> implies both. A key only ever sees its own workspace: other
              workspaces&apos; ids answer 404. A key is shown once; Switchyard stores only its SHA-256 hash.
            </p>
          </section>

          <section id="rate-limits" className="scroll-mt-6 space-y-3">
            <h2 className="text-xl font-semibold text-slate-900">Rate limits</h2>
            <p className="max-w-3xl text-sm text-slate-700">
              Each key may make {DEFAULT_RATE_LIMIT_PER_MINUTE} requests a minute unless an admin set another
              limit (1 to {MAX_RATE_LIMIT_PER_MINUTE.toLocaleString("en")}): a burst of that many, refilled
              evenly — at 600 a minute, one more every 100 ms. The limit is counted in the database, so it
              holds across every app process, and applies to tRPC calls made with the key too. Every answer
              carries:
            </p>
            <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
              <li>
                <code>RateLimit-Limit</code> — requests a minute the key may make;
              </li>
              <li>
                <code>RateLimit-Remaining</code> — requests left in the current burst;
              </li>
              <li>
                <code>RateLimit-Reset</code> — seconds until the burst is full again.
              </li>
            </ul>
            <p className="max-w-3xl text-sm text-slate-700">
              A request over the limit answers <strong>429</strong> with <code>Retry-After</code> (whole
              seconds) and does nothing — no lead is recorded. Changing a key&apos;s limit starts it on a
              fresh burst.
            </p>
          </section>

          <section id="errors" className="scroll-mt-6 space-y-3">
            <h2 className="text-xl font-semibold text-slate-900">Errors</h2>
            <p className="max-w-3xl text-sm text-slate-700">
              Every error has the same shape; <code>code</code> is stable and <code>message</code> names the
              field at fault.
            </p>
            <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
              <JsonBlock value={{ error: { code: "bad_request", message: "limit: must be at most 200" } }} />
              <table className="text-left text-sm">
                <tbody className="divide-y divide-slate-100">
                  {[
                    ["400", "bad_request", "Bad input, naming the field"],
                    ["401", "unauthorized", "Missing, unknown or revoked key"],
                    ["403", "forbidden", "The key lacks the scope"],
                    ["404", "not_found", "Not in the key's workspace"],
                    ["409", "conflict", "Conflicts with the current state"],
                    ["429", "rate_limited", "Over the key's rate limit"],
                    ["503", "unavailable", "Database unreachable; nothing recorded, retry"],
                  ].map(([status, code, meaning]) => (
                    <tr key={status}>
                      <td className="py-1.5 pr-3 font-mono text-xs font-bold text-rose-700">{status}</td>
                      <td className="py-1.5 pr-3 font-mono text-xs">{code}</td>
                      <td className="py-1.5 text-slate-600">{meaning}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section id="trpc" className="scroll-mt-6 space-y-3">
            <h2 className="text-xl font-semibold text-slate-900">Typed tRPC client</h2>
            <p className="max-w-3xl text-sm text-slate-700">
              TypeScript integrations can call <code>routing.route</code> and <code>outcomes.report</code>{" "}
              (scope <code>route</code>), <code>leads.list</code>, <code>leads.get</code>,{" "}
              <code>flows.list</code> and <code>flows.get</code> (scope <code>read</code>) over tRPC with the
              same key, scopes and rate limit. Every other procedure refuses API keys.
            </p>
            <JsonBlock
              value={`import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "switchyard/server/trpc/root";

const switchyard = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: "${origin}/api/trpc",
      transformer: superjson,
      headers: { authorization: \`Bearer \${process.env.SWITCHYARD_KEY}\` },
    }),
  ],
});

const decision = await switchyard.routing.route.mutate({ flowId, lead: { source: "web_form", country: "DE" } });
const page = await switchyard.leads.list.query({ flowId, limit: 50 });`}
            />
          </section>

          {groups.map(([tag, ops]) => (
            <section key={tag} className="space-y-4">
              <h2 className="text-xl font-semibold text-slate-900">{tag}</h2>
              {doc.tags?.find((t) => t.name === tag)?.description ? (
                <p className="text-sm text-slate-600">{doc.tags?.find((t) => t.name === tag)?.description}</p>
              ) : null}
              {ops.map(({ method, path, op }) => (
                <OperationView
                  key={`${method}${path}`}
                  method={method}
                  path={path}
                  op={op}
                  doc={doc}
                  origin={origin}
                />
              ))}
            </section>
          ))}

          <section id="webhooks" className="scroll-mt-6 space-y-4">
            <h2 className="text-xl font-semibold text-slate-900">Webhooks</h2>
            <p className="max-w-3xl text-sm text-slate-700">
              Register endpoints in Settings → Webhooks. Switchyard POSTs each event as JSON{" "}
              <code>{"{ type, timestamp, data }"}</code> following Standard Webhooks: verify{" "}
              <code>webhook-signature</code> (<code>v1,</code> + base64 HMAC-SHA256 of{" "}
              <code>{"{webhook-id}.{webhook-timestamp}.{body}"}</code> with the endpoint&apos;s secret),
              reject stale timestamps, and deduplicate on <code>webhook-id</code> — delivery is at least once.
            </p>
            {webhooks.map(({ event, method, op }) => (
              <OperationView
                key={event}
                method={method}
                path={event}
                op={op}
                doc={doc}
                origin={origin}
                webhook
              />
            ))}
          </section>

          <section id="schemas" className="scroll-mt-6 space-y-4">
            <h2 className="text-xl font-semibold text-slate-900">Schemas</h2>
            {schemas.map(([name, schema]) => (
              <div
                key={name}
                id={`schema-${name}`}
                className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
              >
                <h3 className="border-b border-slate-200 px-5 py-3 font-mono text-sm font-semibold text-slate-900">
                  {name}
                </h3>
                <div className="grid gap-4 p-4 lg:grid-cols-[3fr_2fr]">
                  <div className="min-w-0 overflow-x-auto rounded-md ring-1 ring-slate-200">
                    <SchemaView schema={schema} doc={doc} />
                  </div>
                  <JsonBlock value={sampleOf(schema, doc)} />
                </div>
              </div>
            ))}
          </section>
          <p className="text-xs text-slate-400">
            This page: <code>{DOCS_PATH}</code>. Machine-readable: <code>{OPENAPI_PATH}</code>.
          </p>
        </main>
      </div>
    </div>
  );
}
