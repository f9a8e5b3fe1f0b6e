"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

const ERROR_TEXT: Record<string, string> = {
  LOCKED: "Too many failed attempts for this email. Wait 15 minutes and try again.",
  CredentialsSignin: "Email or password is incorrect.",
};

/** Only same-site paths: a crafted callbackUrl must not send the user elsewhere after sign-in. */
function safeCallback(url: string | null): string {
  return url?.startsWith("/") && !url.startsWith("//") ? url : "/flows";
}

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(ERROR_TEXT[result?.error ?? ""] ?? "Sign-in failed. Try again.");
      return;
    }
    router.push(safeCallback(params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <Field label="Email">
        <TextInput name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      <ErrorNote message={error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
