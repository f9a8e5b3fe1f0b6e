import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { resolveAuthSecret } from "@/server/auth/secret";
import { dataDirectory, getDatabase } from "@/server/db";
import { authenticate } from "@/server/services/accounts";

declare module "next-auth" {
  interface User {
    workspaceId: string;
  }
  interface Session {
    userId: string;
    workspaceId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
  }
}

// Self-hosted behind any host name or port: take the origin from the request.
process.env.AUTH_TRUST_HOST ??= "true";

/** Messages the sign-in page shows for next-auth's error codes. */
export const SIGN_IN_ERRORS = {
  locked: "LOCKED",
  invalid: "CredentialsSignin",
} as const;

export const authOptions: NextAuthOptions = {
  secret: resolveAuthSecret(dataDirectory()),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const { db } = await getDatabase();
        const result = await authenticate(db, credentials.email, credentials.password);
        if (!result.ok) {
          if (result.reason === "locked") throw new Error(SIGN_IN_ERRORS.locked);
          return null;
        }
        return { ...result.user, workspaceId: result.workspaceId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.workspaceId = user.workspaceId;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.userId ?? "", workspaceId: token.workspaceId ?? "" };
    },
  },
};
