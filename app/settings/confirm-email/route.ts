import { confirmAlertEmail } from "@/lib/alerts/alert-email-confirmation";

export const dynamic = "force-dynamic";

const MESSAGES = {
  confirmed: [200, "This address is confirmed: tunnel alerts for your organization will reach it."],
  expired: [
    410,
    "This confirmation link has expired. Ask someone in your organization to save the address again for a new link.",
  ],
  invalid: [404, "This confirmation link is not valid (token). Use the latest link mailed to the address."],
} as const;

/** The link in an alert-address confirmation mail (issue 10); the token is the authority. */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const [status, message] = MESSAGES[await confirmAlertEmail(token)];
  return new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
