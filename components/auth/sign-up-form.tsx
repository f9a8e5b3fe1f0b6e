"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";
import { MIN_PASSWORD_LENGTH } from "@/server/schemas";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    try {
      await signUp.mutateAsync({
        name: String(form.get("name") ?? ""),
        workspaceName: String(form.get("workspaceName") ?? ""),
        email,
        password,
      });
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "Sign-up failed");
      return;
    }
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setError("Your account was created, but signing in failed. Try signing in.");
      return;
    }
    router.push("/reps");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <Field label="Your name">
        <TextInput name="name" autoComplete="name" required />
      </Field>
      <Field label="Company or team" hint="Becomes your workspace; you are its admin.">
        <TextInput name="workspaceName" autoComplete="organization" required />
      </Field>
      <Field label="Work email">
        <TextInput name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
        <TextInput
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
      </Field>
      <ErrorNote message={error} />
      <Button type="submit" className="w-full" disabled={signUp.isPending}>
        {signUp.isPending ? "Creating workspace…" : "Create workspace"}
      </Button>
    </form>
  );
}
