/** How a receiver checks that a request really comes from Switchyard (Standard Webhooks). */

const NODE_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// secret = "whsec_…" as shown when you added the endpoint
function verify(secret, headers, rawBody) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  // Refuse old or future messages (replays): 5 minutes either way.
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(\`\${id}.\${timestamp}.\${rawBody}\`)
    .digest();
  // The header may hold several space-separated "v1,<base64>" signatures.
  return headers["webhook-signature"].split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;

export function SignatureHelp() {
  return (
    <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <details className="group" data-testid="signature-help">
        <summary className="cursor-pointer list-none px-5 py-4 text-base font-semibold text-slate-900">
          <span className="mr-2 inline-block text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          How to verify signatures
        </summary>
        <div className="space-y-3 border-t border-slate-200 px-5 py-4 text-sm text-slate-600">
          <p>
            Every delivery is a <code>POST</code> with a JSON body <code>{"{ type, timestamp, data }"}</code>{" "}
            and three headers, following{" "}
            <a
              className="text-brand-700 hover:underline"
              href="https://www.standardwebhooks.com"
              rel="noreferrer"
            >
              Standard Webhooks
            </a>
            :
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <code>webhook-id</code>: the message id, the same on every retry. Use it to ignore duplicates:
              delivery is at least once.
            </li>
            <li>
              <code>webhook-timestamp</code>: seconds since 1970 when this attempt was signed.
            </li>
            <li>
              <code>webhook-signature</code>: <code>v1,</code> + base64 HMAC-SHA256 of{" "}
              <code>id.timestamp.body</code>, keyed with the base64-decoded part of the secret after{" "}
              <code>whsec_</code>.
            </li>
          </ul>
          <p>
            Sign the raw body exactly as received, before any JSON parsing. Answer with a 2xx quickly; any
            other answer or a timeout is retried with growing delays, then marked failed.
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
            {NODE_SNIPPET}
          </pre>
          <p>
            Libraries for other languages:{" "}
            <a
              className="text-brand-700 hover:underline"
              href="https://github.com/standard-webhooks/standard-webhooks"
              rel="noreferrer"
            >
              standard-webhooks
            </a>{" "}
            (its <code>Webhook(secret).verify(body, headers)</code> accepts these headers as they are).
          </p>
        </div>
      </details>
    </section>
  );
}
