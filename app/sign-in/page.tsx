import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/form-message";
import { getPendingSecondFactor, getViewer } from "@/lib/auth/current-user";
import { isSsoConfigured } from "@/lib/auth/sso-config";
import { ssoErrorMessage } from "@/lib/auth/sso-match-policy";
import { getEnv } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Site-to-Site VPN" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getViewer()) redirect("/");
  if (await getPendingSecondFactor()) redirect("/mfa");
  const { error } = await searchParams;
  const ssoError = ssoErrorMessage(typeof error === "string" ? error : undefined);
  const sso = isSsoConfigured();
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Use your platform account to manage site-to-site VPNs.
      </p>
      <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ErrorBanner name="Single sign-on error" message={ssoError} />
        {sso ? (
          <>
            {/* A link, not a second "Sign in" button: it starts the redirect to the provider. */}
            <a href="/sign-in/sso" className={`${buttonClass("secondary")} w-full`}>
              Sign in with {getEnv().OIDC_DISPLAY_NAME}
            </a>
            <p className="text-center text-xs text-slate-500">or with your portal password</p>
          </>
        ) : null}
        <SignInForm />
      </div>
    </div>
  );
}
