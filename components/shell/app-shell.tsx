"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import { Logo } from "@/components/auth/auth-card";
import { Badge } from "@/components/ui/badge";

const NAV = [
  { href: "/flows", label: "Flows", icon: "M4 6h6v4H4zM14 14h6v4h-6zM7 10v4a2 2 0 0 0 2 2h5" },
  {
    href: "/reps",
    label: "Reps & Pools",
    icon: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20a6 6 0 0 1 12 0M17 11a2.5 2.5 0 1 0 0-5M18 20h4a5 5 0 0 0-5-5",
  },
  { href: "/leads", label: "Leads", icon: "M4 5h16M4 12h16M4 19h10" },
  { href: "/analytics", label: "Analytics", icon: "M5 20V10M12 20V4M19 20v-7" },
  {
    href: "/settings",
    label: "Settings",
    icon: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 12h2M18 12h2M12 4v2M12 18v2",
  },
  {
    href: "/settings/webhooks",
    label: "Webhooks",
    icon: "M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1",
    adminOnly: true,
  },
  { href: "/docs/api", label: "API docs", icon: "M8 6l-5 6 5 6M16 6l5 6-5 6M14 4l-4 16" },
] as const;

/** The nav entry a path belongs to: the longest matching href, so /settings/webhooks is not also Settings. */
function activeHref(pathname: string): string | undefined {
  return NAV.map((item) => item.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export interface ShellUser {
  name: string;
  email: string;
  role: "admin" | "editor" | "viewer";
  workspaceName: string;
}

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="flex items-center gap-2 px-5 py-5 text-base font-semibold text-slate-900">
          <Logo />
          Switchyard
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
          {NAV.filter((item) => !("adminOnly" in item) || user.role === "admin").map((item) => {
            const active = activeHref(pathname) === item.href;
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
                  active
                    ? "bg-brand-50 text-brand-700"
                    : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"
                }`}
              >
                <svg
                  viewBox="0 0 24 24"
                  className="h-4 w-4"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  aria-hidden="true"
                >
                  <path d={item.icon} strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-slate-200 px-5 py-4 text-xs text-slate-500">Workspace</div>
        <div className="px-5 pb-5 text-sm font-medium text-slate-800" data-testid="workspace-name">
          {user.workspaceName}
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-slate-200 bg-white px-6">
          <div className="text-right">
            <div className="text-sm font-medium text-slate-800" data-testid="user-name">
              {user.name}
            </div>
            <div className="text-xs text-slate-500">{user.email}</div>
          </div>
          <Badge tone={user.role === "admin" ? "violet" : user.role === "editor" ? "blue" : "slate"}>
            {user.role}
          </Badge>
          <button
            type="button"
            onClick={() => signOut({ callbackUrl: "/signin" })}
            className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            Sign out
          </button>
        </header>
        <main className="flex-1 px-8 py-8">{children}</main>
      </div>
    </div>
  );
}
