"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Shows a signing secret exactly once, with a copy button; closing the dialog forgets it. */
export function SecretDialog({
  secret,
  title,
  onClose,
}: {
  secret: string | null;
  title: string;
  onClose: () => void;
}) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Dialog
      open={secret !== null}
      title={title}
      onClose={() => {
        setCopy("idle");
        onClose();
      }}
    >
      <div className="space-y-3">
        <p
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
          role="alert"
        >
          Copy this signing secret now. It will not be shown again; if you lose it, rotate the secret.
        </p>
        <code
          className="block break-all rounded-md bg-slate-900 px-3 py-2 text-sm text-slate-100"
          data-testid="webhook-secret"
        >
          {secret}
        </code>
        <div className="flex items-center justify-end gap-2">
          {copy === "copied" ? <span className="text-xs text-emerald-700">Copied</span> : null}
          {copy === "failed" ? (
            <span className="text-xs text-rose-700">Copying is blocked here: select the text instead.</span>
          ) : null}
          <Button
            variant="secondary"
            onClick={() => {
              if (!secret) return;
              // navigator.clipboard is missing outside secure contexts (plain http on a LAN address).
              (navigator.clipboard?.writeText(secret) ?? Promise.reject(new Error("no clipboard")))
                .then(() => setCopy("copied"))
                .catch(() => setCopy("failed"));
            }}
          >
            Copy secret
          </Button>
          <Button
            onClick={() => {
              setCopy("idle");
              onClose();
            }}
          >
            I have saved it
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
