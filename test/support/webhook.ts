// Reading a webhook the portal posted, as a receiver would: its signature checked with the
// organization's secret, its JSON body parsed. Shared by the integration and end-to-end tests.
import { verifyWebhook } from "../../lib/alerts/sign-webhook";

export function openWebhook(
  hook: { headers: Record<string, string | string[] | undefined>; body: string },
  secret: string,
) {
  return {
    signature: verifyWebhook({
      secret,
      body: hook.body,
      signature: String(hook.headers["x-portal-signature"]),
      timestamp: String(hook.headers["x-portal-timestamp"]),
    }),
    payload: JSON.parse(hook.body) as unknown,
  };
}
