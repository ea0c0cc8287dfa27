import "server-only";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";

let transport: nodemailer.Transporter | undefined;

/** Sends the invitation through the same SMTP server as alert email (SMTP_URL). */
export async function sendInvitationEmail(
  to: { email: string; name: string },
  link: string,
  expiresAt: Date,
) {
  const env = getEnv();
  if (!env.SMTP_URL)
    throw new Error(
      "SMTP_URL is not set, so the invitation cannot be e-mailed (npm start sets the local catcher).",
    );
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({
    from: env.ALERT_FROM,
    to: to.email,
    subject: "You are invited to the Site-to-Site VPN portal",
    text: [
      `Hello ${to.name},`,
      "",
      "You have been given an account on the Site-to-Site VPN portal. Set your password with this link:",
      "",
      link,
      "",
      `The link works once and until ${expiresAt.toISOString()}. If it has expired, ask your platform admin for a new invitation.`,
    ].join("\n"),
  });
}
