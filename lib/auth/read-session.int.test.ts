// The portal reads the session straight from its cookie (read-session.ts) instead of running
// next-auth's session endpoint on every request. The two must agree on every cookie: here both
// read the same cookies — fresh, expired by the absolute lifetime, tampered, foreign, absent —
// and next-auth's own endpoint (@auth/core's Auth with the portal's configuration) is the reference.
import { Auth } from "@auth/core";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { baseAuthConfig } from "@/lib/auth/auth-config";
import { sessionFromCookies } from "@/lib/auth/read-session";
import { sessionCookie as cookieOf, sessionCookieNameHere } from "@/test/support/session-cookie";

const COOKIE = sessionCookieNameHere(); // NODE_ENV test: not a __Secure- cookie
const hoursAgo = (hours: number) => Math.floor((Date.now() - hours * 3_600_000) / 1000);

/** What next-auth's session endpoint answers for the cookie (null when there is no session). */
async function nextAuthSession(cookie: string) {
  const config = { ...baseAuthConfig(), basePath: "/api/auth" };
  const answer = await Auth(
    new Request("http://localhost/api/auth/session", { headers: { cookie } }),
    config,
  );
  const body = (await answer.json()) as Record<string, unknown> | null;
  return body && Object.keys(body).length > 0 ? body : null;
}

const withoutExpiry = (session: object | null) => {
  if (!session) return null;
  const { expires: _expires, ...rest } = session as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as unknown;
};

describe("the session read from the cookie", () => {
  const base = { sub: "0b6f3f4e-2a51-4c1b-9d3e-6f8a1b2c3d4e", email: "a@example.com", name: "A", sv: 3 };
  const cases: [string, Record<string, unknown>][] = [
    ["a customer's fresh session", { ...base, staff: false, authTime: hoursAgo(0), mfa: false }],
    ["a staff session with its second factor", { ...base, staff: true, authTime: hoursAgo(1), mfa: true }],
    ["a staff session still to give it", { ...base, staff: true, authTime: hoursAgo(1), mfa: false }],
    ["a staff session past the staff lifetime", { ...base, staff: true, authTime: hoursAgo(3), mfa: true }],
    ["a customer's past the customer lifetime", { ...base, staff: false, authTime: hoursAgo(9) }],
    ["a session from before sign-in times", { ...base, staff: false }],
  ];
  for (const [name, claims] of cases) {
    it(`agrees with next-auth on ${name}`, async () => {
      const cookie = await cookieOf(claims);
      const ours = await sessionFromCookies(cookie);
      const theirs = await nextAuthSession(cookie);
      expect(withoutExpiry(ours)).toEqual(withoutExpiry(theirs));
      if (theirs) expect(ours?.user?.id).toBe(base.sub);
    });
  }

  it("is no session for a tampered, expired, foreign or missing cookie, as next-auth says", async () => {
    const good = await cookieOf({ ...base, staff: false, authTime: hoursAgo(0) });
    const tampered = `${good.slice(0, -4)}AAAA`;
    const idleExpired = await cookieOf({ ...base, staff: false, authTime: hoursAgo(0) }, -60);
    const foreign = `${COOKIE}=${await encode({ token: base, secret: "x".repeat(40), salt: COOKIE })}`;
    for (const cookie of [tampered, idleExpired, foreign, "", "other=1"]) {
      expect(await sessionFromCookies(cookie)).toBeNull();
      expect(await nextAuthSession(cookie)).toBeNull();
    }
  });
});
