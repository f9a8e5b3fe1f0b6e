"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useRole } from "@/components/reps/use-can-edit";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Card, ErrorNote } from "@/components/ui/page-header";

type Role = "admin" | "editor" | "viewer";
const ROLE_HINT: Record<Role, string> = {
  admin: "Everything, including people and API keys",
  editor: "Edits reps, pools and flows",
  viewer: "Read-only",
};

export function MembersCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useRole();
  const members = useQuery(trpc.workspace.members.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.workspace.members.queryKey() });
  const add = useMutation(trpc.workspace.addMember.mutationOptions({ onSuccess: invalidate }));
  const setRole = useMutation(trpc.workspace.setMemberRole.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.workspace.removeMember.mutationOptions({ onSuccess: invalidate }));
  const [adding, setAdding] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await add.mutateAsync({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      role: String(form.get("role") ?? "viewer") as Role,
    });
    setAdding(false);
  }

  return (
    <Card>
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">People</h2>
          <p className="text-sm text-slate-500">
            Who can sign in to this workspace, and what they may change.
          </p>
        </div>
        {isAdmin ? (
          <Button
            onClick={() => {
              add.reset();
              setAdding(true);
            }}
          >
            Add person
          </Button>
        ) : null}
      </div>
      <ul className="divide-y divide-slate-100">
        {members.data?.map((member) => (
          <li key={member.userId} className="flex items-center justify-between gap-3 px-5 py-3">
            <div>
              <div className="text-sm font-medium text-slate-900">{member.name}</div>
              <div className="text-xs text-slate-500">{member.email}</div>
            </div>
            <div className="flex items-center gap-2">
              {isAdmin ? (
                <>
                  <Select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    onChange={(e) => setRole.mutate({ userId: member.userId, role: e.target.value as Role })}
                    className="w-32"
                  >
                    <option value="admin">admin</option>
                    <option value="editor">editor</option>
                    <option value="viewer">viewer</option>
                  </Select>
                  <Button size="sm" variant="danger" onClick={() => remove.mutate({ userId: member.userId })}>
                    Remove
                  </Button>
                </>
              ) : (
                <span className="text-sm text-slate-600">{member.role}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
      <div className="px-5 pb-3">
        <ErrorNote message={setRole.error?.message ?? remove.error?.message} />
      </div>
      <Dialog open={adding} title="Add person" onClose={() => setAdding(false)}>
        <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="space-y-4">
          <div className="grid grid-cols-2 gap-3">
            <Field label="Name">
              <TextInput name="name" required />
            </Field>
            <Field label="Email">
              <TextInput name="email" type="email" required />
            </Field>
          </div>
          <Field
            label="Initial password"
            hint="Share it with them; an existing account keeps its own password."
          >
            <TextInput name="password" type="password" minLength={8} required />
          </Field>
          <Field label="Role">
            <Select name="role" defaultValue="editor">
              {(Object.keys(ROLE_HINT) as Role[]).map((role) => (
                <option key={role} value={role}>
                  {role} — {ROLE_HINT[role]}
                </option>
              ))}
            </Select>
          </Field>
          <ErrorNote message={add.error?.message} />
          <div className="flex justify-end">
            <Button type="submit" disabled={add.isPending}>
              Add person
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
