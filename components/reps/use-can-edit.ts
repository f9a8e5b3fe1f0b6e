"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/** The server enforces roles; this only hides controls a viewer could not use. */
export function useRole() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const role = me.data?.role;
  return {
    canEdit: role === "admin" || role === "editor",
    isAdmin: role === "admin",
    ready: me.data !== undefined,
  };
}
