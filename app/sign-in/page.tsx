import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/current-user";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Site-to-Site VPN" };

export default async function SignInPage() {
  if (await getViewer()) redirect("/");
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Use your platform account to manage site-to-site VPNs.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SignInForm />
      </div>
    </div>
  );
}
