// Where an organization's tunnel alerts go: one schema for the settings form (instant feedback)
// and the server action (authority). Pure and browser-safe.
import { z } from "zod";
import { classifyAddress, isInternalHostName, parseAddress } from "@/lib/net/classify-address";

export type NotificationSettingsRules = { allowLocalWebhooks: boolean };

export const MAX_NOTIFICATION_EMAILS = 10;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/**
 * True for hosts a webhook must not reach in production (the portal's own network: SSRF): internal
 * names and every address that is not global unicast. Saving is the early check for the person
 * typing; the authority is the check at delivery, on the address actually connected
 * (lib/alerts/post-webhook.ts), because a name can resolve anywhere later.
 */
export function isLocalHost(hostname: string): boolean {
  const address = parseAddress(hostname);
  if (address) return !classifyAddress(address).global;
  return isInternalHostName(hostname);
}

/** Refuses a field's value with `message`: the transform has no value to give. */
function refuse(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** An optional field: trimmed, and empty is null (none); anything else is `check`ed. */
function optionalText<T>(check: (value: string, ctx: z.RefinementCtx) => T) {
  return z
    .string()
    .default("")
    .transform((text, ctx) => {
      const value = text.trim();
      return value ? check(value, ctx) : null;
    });
}

export function makeNotificationSettingsSchema(rules: NotificationSettingsRules) {
  return z.object({
    notificationEmails: z
      .string()
      .default("")
      .transform((text, ctx) => {
        const emails = [
          ...new Set(
            text
              .split(/[\s,;]+/)
              .map((email) => email.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        for (const email of emails) {
          if (!EMAIL.test(email))
            ctx.addIssue({
              code: "custom",
              message: `"${email}" is not an email address; write one address per line.`,
            });
        }
        if (emails.length > MAX_NOTIFICATION_EMAILS) {
          ctx.addIssue({
            code: "custom",
            message: `At most ${MAX_NOTIFICATION_EMAILS} addresses; use a distribution list for more.`,
          });
        }
        return emails;
      }),
    webhookUrl: optionalText((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return refuse(ctx, "Enter a full URL, like https://hooks.example.com/vpn.");
      }
      if (url.protocol !== "https:" && !(rules.allowLocalWebhooks && url.protocol === "http:")) {
        return refuse(ctx, "The webhook URL must start with https://.");
      }
      if (url.username || url.password) {
        return refuse(ctx, "Leave credentials out of the URL; the signature authenticates the portal.");
      }
      if (!rules.allowLocalWebhooks && isLocalHost(url.hostname)) {
        return refuse(
          ctx,
          "The webhook URL must be reachable on the internet, not a private or loopback address.",
        );
      }
      return url.toString();
    }),
    webhookSecret: optionalText((value, ctx) => {
      if (value.length < 16 || value.length > 200) {
        return refuse(ctx, "The signing secret must be 16 to 200 characters; a long random string is best.");
      }
      return value;
    }),
  });
}

export type NotificationSettingsInput = z.output<ReturnType<typeof makeNotificationSettingsSchema>>;
