// Sessions (issue 10): sign-out revokes every cookie issued before it (session version on the
// user), staff sessions end sooner than customers', and the jwt callback ends a session past its
// lifetime (next-auth then clears the cookie). The session lookup (read-session.ts, whose reading
// of the cookie read-session.int.test.ts compares with next-auth's) is replaced by a given session.
import { describe, expect, it, vi } from "vitest";

const session: { current: unknown } = { current: null };
vi.mock("@/lib/auth/read-session", () => ({ readSession: async () => session.current }));

const { getViewer } = await import("@/lib/auth/current-user");
const { revokeSessions } = await import("@/lib/auth/revoke-sessions");
const { baseAuthConfig } = await import("@/lib/auth/auth-config");
const { createOrganization, createUser } = await import("@/test/support/factories");
const { db } = await import("@/lib/db");

const hoursAgo = (hours: number) => Math.floor((Date.now() - hours * 3_600_000) / 1000);
const sessionOf = (id: string, sessionVersion: number, authTime = hoursAgo(0)) => ({
  user: { id },
  sessionVersion,
  authTime,
  // A session that completed sign-in, staff second factor included (issue 15).
  secondFactorVerified: true,
  expires: new Date(Date.now() + 1_800_000).toISOString(),
});

describe("sessions", () => {
  it("sign-out revokes the session on the server: the same cookie no longer signs anyone in", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    session.current = sessionOf(customer.id, 0);
    expect((await getViewer())?.id).toBe(customer.id);
    await revokeSessions(customer.id);
    expect(await getViewer()).toBeNull();
    session.current = sessionOf(customer.id, 1);
    expect((await getViewer())?.id).toBe(customer.id);
    expect(
      await db.auditEvent.count({ where: { targetId: customer.id, action: "auth.sessions-revoked" } }),
    ).toBe(1);
  });

  it("ends staff sessions after 2 hours and customers' after 8", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    const staff = await createUser("SUPPORT", null);
    session.current = sessionOf(customer.id, 0, hoursAgo(3));
    expect((await getViewer())?.id).toBe(customer.id);
    session.current = sessionOf(staff.id, 0, hoursAgo(3));
    expect(await getViewer()).toBeNull();
    session.current = sessionOf(staff.id, 0, hoursAgo(1));
    expect((await getViewer())?.id).toBe(staff.id);
    session.current = sessionOf(customer.id, 0, hoursAgo(9));
    expect(await getViewer()).toBeNull();
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
