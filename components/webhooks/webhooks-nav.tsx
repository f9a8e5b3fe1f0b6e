"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/webhooks", label: "Endpoints" },
  { href: "/settings/webhooks/deliveries", label: "Delivery log" },
] as const;

/** Tabs between the endpoints and the delivery log. */
export function WebhooksNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Webhooks" className="mb-4 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px px-3 py-2 text-sm font-medium ${
              active ? "border-b-2 border-brand-600 text-brand-700" : "text-slate-500 hover:text-slate-800"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
