import Link from "next/link";
import { Suspense } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <AuthCard
      title="Sign in"
      subtitle="Route every lead to the right rep, in milliseconds."
      footer={
        <>
          New to Switchyard?{" "}
          <Link href="/signup" className="font-medium text-brand-600 hover:underline">
            Create a workspace
          </Link>
        </>
      }
    >
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthCard>
  );
}
