import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata = { title: "Create a workspace" };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create your workspace"
      subtitle="Set up reps and pools, then draw your first routing flow."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/signin" className="font-medium text-brand-600 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
