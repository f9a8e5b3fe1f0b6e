"use client";

import { useEffect, useState } from "react";

/** How an integration sends leads to this flow. */
export function ApiSnippet({ flowId }: { flowId: string }) {
  // Read after mount: the server cannot know the browser's origin, and both renders must match.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <div className="space-y-3 p-4 text-sm text-slate-600">
      <p className="font-medium text-slate-800">Route leads to this flow</p>
      <p>
        Create an API key with the <em>route</em> scope in Settings, then send each lead as JSON. The live
        version answers with the rep and the path it took; repeating a request with the same Idempotency-Key
        never assigns twice.
      </p>
      <pre
        className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
        data-testid="curl-snippet"
      >
        {`curl -X POST ${origin}/api/v1/flows/${flowId}/route \\
  -H "Authorization: Bearer $SWITCHYARD_KEY" \\
  -H "Idempotency-Key: form-submission-123" \\
  -H "Content-Type: application/json" \\
  -d '{"source":"web_form","email":"ada@example.com","country":"DE"}'`}
      </pre>
    </div>
  );
}
