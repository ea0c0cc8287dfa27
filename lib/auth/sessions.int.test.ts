// Sessions (issue 10): sign-out revokes every cookie issued before it (session version on the
// user), staff sessions end sooner than customers', and the jwt callback ends a session past its
// lifetime (next-auth then clears the cookie). Each check reads a real session cookie (next-auth's
// encrypted JWT, test/support/session-cookie.ts) inside a real Next.js request scope.
import { describe, expect, it } from "vitest";
import { runInRequest } from "@/test/support/request-scope";
import { type SignedInUser, signedInCookie } from "@/test/support/session-cookie";

const { getViewer } = await import("@/lib/auth/current-user");
const { revokeSessions } = await import("@/lib/auth/revoke-sessions");
const { baseAuthConfig } = await import("@/lib/auth/auth-config");
const { createOrganization, createUser } = await import("@/test/support/factories");
const { db } = await import("@/lib/db");

const hoursAgo = (hours: number) => Math.floor((Date.now() - hours * 3_600_000) / 1000);
/** The viewer of a request that sends the cookie of `user` signed in (second factor given) at `signedInAt`. */
const viewerSignedIn = async (user: SignedInUser, sessionVersion: number, signedInAt = hoursAgo(0)) => {
  const cookie = await signedInCookie(
    { ...user, sessionVersion },
    { signedInAt, secondFactorVerified: true },
  );
  return runInRequest({ cookie, kind: "page" }, () => getViewer());
};

describe("sessions", () => {
  it("sign-out revokes the session on the server: the same cookie no longer signs anyone in", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    const cookie = await signedInCookie(customer, { secondFactorVerified: true });
    const viewer = () => runInRequest({ cookie, kind: "page" }, () => getViewer());
    expect((await viewer())?.id).toBe(customer.id);
    await revokeSessions(customer.id);
    expect(await viewer()).toBeNull();
    expect((await viewerSignedIn(customer, 1))?.id).toBe(customer.id);
    expect(
      await db.auditEvent.count({ where: { targetId: customer.id, action: "auth.sessions-revoked" } }),
    ).toBe(1);
  });

  it("ends staff sessions after 2 hours and customers' after 8", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    const staff = await createUser("SUPPORT", null);
    expect((await viewerSignedIn(customer, 0, hoursAgo(3)))?.id).toBe(customer.id);
    expect(await viewerSignedIn(staff, 0, hoursAgo(3))).toBeNull();
    expect((await viewerSignedIn(staff, 0, hoursAgo(1)))?.id).toBe(staff.id);
    expect(await viewerSignedIn(customer, 0, hoursAgo(9))).toBeNull();
  });

  it("the jwt callback ends a token past its lifetime, so next-auth clears the cookie", async () => {
    const jwt = baseAuthConfig().callbacks?.jwt;
    if (!jwt) throw new Error("no jwt callback");
    const call = (token: Record<string, unknown>) =>
      jwt({ token, user: undefined as never, account: null, trigger: undefined } as never);
    expect(await call({ sub: "u", staff: true, authTime: hoursAgo(3) })).toBeNull();
    expect(await call({ sub: "u", staff: false, authTime: hoursAgo(3) })).toMatchObject({ sub: "u" });
    expect(await call({ sub: "u", staff: false })).toBeNull();
    expect(baseAuthConfig().session?.maxAge).toBe(30 * 60);
  });
});
