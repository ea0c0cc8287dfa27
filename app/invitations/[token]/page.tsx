import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/admin/set-password-form";
import { Notice } from "@/components/ui/card";
import { explainInvitation, findInvitation } from "@/lib/users/accept-invitation";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Set your password · Site-to-Site VPN", referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(decodeURIComponent(token));
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">Set your password</h1>
      {invitation.state === "valid" ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            Welcome, {invitation.name}. Choose the password you will sign in with as {invitation.email}.
          </p>
          <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <SetPasswordForm
              action={acceptInvitationAction}
              token={decodeURIComponent(token)}
              email={invitation.email}
            />
          </div>
        </>
      ) : (
        <div className="mt-6">
          <Notice tone="warning" title="This link cannot be used">
            {explainInvitation(invitation.state)}
          </Notice>
        </div>
      )}
    </div>
  );
}
