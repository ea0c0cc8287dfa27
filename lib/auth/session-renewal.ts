// When proxy.ts renews the session cookie. The cookie's rolling expiry is the idle timeout
// (issue 10), so it is renewed as the user works — but not on every request: a dashboard polls
// every 3 s, and next-auth's renewal (its whole auth() with a CSRF token, the token decrypted,
// encrypted again and a Set-Cookie header) was a third of the cost of a bare route. A cookie
// issued less than RENEW_AFTER_SECONDS ago is left as it is, as next-auth's `updateAge` does for
// database sessions; so a session can end up to that long before the idle timeout, never after.
// getViewer checks every session on every request regardless (read-session.ts).
import { decodeSessionToken } from "@/lib/auth/session-token";

export const RENEW_AFTER_SECONDS = 60;

/** next-auth's name of the session cookie (its `defaultCookies`), which is also the key's salt. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * "none": no session cookie, nothing to renew; "fresh": renewed less than RENEW_AFTER_SECONDS
 * ago; "due": older, unreadable, expired or split into chunks — next-auth renews it or clears it.
 */
export async function sessionRenewal(
  cookies: readonly { name: string; value: string }[],
  options: { secret: string; secure: boolean; nowSeconds?: number },
): Promise<"none" | "fresh" | "due"> {
  const name = sessionCookieName(options.secure);
  const ours = cookies.filter((cookie) => cookie.name === name || cookie.name.startsWith(`${name}.`));
  if (ours.length === 0) return "none";
  const [cookie] = ours;
  if (ours.length > 1 || !cookie || cookie.name !== name) return "due";
  try {
    const token = await decodeSessionToken({ token: cookie.value, secret: options.secret, salt: name });
    const issuedAt = typeof token?.iat === "number" ? token.iat : 0;
    const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
    return now - issuedAt < RENEW_AFTER_SECONDS ? "fresh" : "due";
  } catch {
    return "due";
  }
}
