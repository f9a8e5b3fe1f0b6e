import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TrpcReactProvider } from "@/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Visual rule builder for real-time sales lead routing",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
