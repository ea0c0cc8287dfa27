import { notFound } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { isSsoConfigured, SSO_PROVIDER_ID } from "@/lib/auth/sso-config";

// "Sign in with SSO" (issue 15): next-auth sets its state, PKCE and nonce cookies and redirects to
// the identity provider; on return lib/auth/match-sso-user.ts decides who, if anyone, signs in.
export async function GET() {
  if (!isSsoConfigured()) notFound();
  await signIn(SSO_PROVIDER_ID, { redirectTo: "/" });
}
