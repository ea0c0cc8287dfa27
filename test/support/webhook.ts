// Reading a webhook the portal posted, as a receiver would: its signature checked with the
// organization's secret (a bad one is refused, with the reason), its JSON body parsed. Shared by
// the integration and end-to-end tests.
import { verifyWebhook } from "../../lib/alerts/sign-webhook";

export function openWebhook(
  hook: { headers: Record<string, string | string[] | undefined>; body: string },
  secret: string,
): unknown {
  const signature = verifyWebhook({
    secret,
    body: hook.body,
    signature: String(hook.headers["x-portal-signature"]),
    timestamp: String(hook.headers["x-portal-timestamp"]),
  });
  if (!signature.ok) throw new Error(`webhook refused as a receiver would: ${signature.reason}`);
  return JSON.parse(hook.body);
}
