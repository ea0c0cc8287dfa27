import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { SignOutForm } from "@/app/_views/sign-out-form";
import { inputClass } from "@/components/ui/field";
import { getPendingSecondFactor, getViewer } from "@/lib/auth/current-user";
import { totpUri } from "@/lib/auth/totp";
import { startSecondFactor } from "@/lib/auth/verify-second-factor";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Second factor · Site-to-Site VPN" };

// Staff reach their pages only after this (issue 15): enrolment at the first sign-in, a code at each.
export default async function SecondFactorPage() {
  const pending = await getPendingSecondFactor();
  if (!pending) redirect((await getViewer()) ? "/" : "/sign-in");
  const state = await startSecondFactor(pending);
  const enrolment = state.enrolled
    ? null
    : {
        secret: state.secret,
        // Rendered on the server to SVG: no script, no third party, allowed by the CSP.
        qrSvg: await QRCode.toString(totpUri(state.secret, pending.email), {
          type: "svg",
          margin: 1,
          width: 192,
        }),
      };
  return (
    <div className="mx-auto mt-16 max-w-md">
      <h1 className="text-2xl font-bold tracking-tight">
        {enrolment ? "Set up your second factor" : "Enter your authentication code"}
      </h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {enrolment
          ? "Staff accounts can read every organization's keys, so they need a second factor. Scan the QR code with an authenticator app (or type the secret into it), then enter the 6-digit code it shows."
          : `Signed in as ${pending.email}. Enter the 6-digit code from your authenticator app, or one of your recovery codes.`}
      </p>
      <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {enrolment ? (
          <div className="space-y-3">
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="mx-auto w-48"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG generated on the server by qrcode from our own otpauth URI
              dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
            />
            <label htmlFor="totp-secret" className="block text-sm font-medium text-slate-800">
              TOTP secret
            </label>
            <input id="totp-secret" readOnly value={enrolment.secret} className={`${inputClass} font-mono`} />
          </div>
        ) : null}
        <SecondFactorForm enrolling={Boolean(enrolment)} />
      </div>
      <SignOutForm
        label="Use another account"
        className="mt-4 text-center"
        buttonClassName="text-sm text-slate-600 underline"
      />
    </div>
  );
}
