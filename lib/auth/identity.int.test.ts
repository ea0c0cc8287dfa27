// Issue 15 on the real database: single sign-on matches by verified e-mail only; the staff second
// factor (sealed secret, hashed single-use recovery codes, admin reset); staff sessions without it
// are no viewer, and only a proof made on the server marks a session verified. Sessions are real
// cookies (test/support/session-cookie.ts) read inside a real Next.js request scope.
import { describe, expect, it } from "vitest";
import { runInRequest } from "@/test/support/request-scope";
import { type SignedInUser, signedInCookie } from "@/test/support/session-cookie";

const { matchSsoUser } = await import("@/lib/auth/match-sso-user");
const { startSecondFactor, verifySecondFactor, countRecoveryCodes } = await import(
  "@/lib/auth/verify-second-factor"
);
const { resetSecondFactor } = await import("@/lib/users/reset-second-factor");
const { currentTotp } = await import("@/lib/auth/totp");
const { getPendingSecondFactor, getViewer } = await import("@/lib/auth/current-user");
const { baseAuthConfig } = await import("@/lib/auth/auth-config");
const { secondFactorProof } = await import("@/lib/auth/second-factor-proof");
const { createOrganization, createUser } = await import("@/test/support/factories");
const { db } = await import("@/lib/db");
const { getEnv } = await import("@/lib/env");

const ISSUER = "http://127.0.0.1:1/test";
const ADDRESS = "203.0.113.15";

describe("single sign-on matching", () => {
  it("signs in an existing user by verified e-mail, whatever its case, with their session version", async () => {
    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: 3 } });
    const match = await matchSsoUser(
      { sub: "abc", email: user.email.toUpperCase(), email_verified: true },
      ISSUER,
    );
    expect(match).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, staff: false, sessionVersion: 3 },
    });
    const staff = await createUser("ADMIN", null);
    const staffMatch = await matchSsoUser({ sub: "s", email: staff.email, email_verified: "true" }, ISSUER);
    expect(staffMatch.ok && staffMatch.user.staff).toBe(true);
  });

  it("refuses an unknown e-mail (no silent account creation), an unverified one and a deactivated user", async () => {
    const before = await db.user.count();
    expect(
      await matchSsoUser({ sub: "x", email: "nobody-here@example.test", email_verified: true }, ISSUER),
    ).toEqual({ ok: false, reason: "unknown-user" });
    expect(await db.user.count()).toBe(before);

    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    expect(await matchSsoUser({ sub: "y", email: user.email, email_verified: false }, ISSUER)).toEqual({
      ok: false,
      reason: "unverified-email",
    });
    expect(await matchSsoUser({ sub: "y", email: user.email }, ISSUER)).toEqual({
      ok: false,
      reason: "unverified-email",
    });
    expect(await matchSsoUser({ sub: "y", email_verified: true }, ISSUER)).toEqual({
      ok: false,
      reason: "no-email",
    });
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await matchSsoUser({ sub: "y", email: user.email, email_verified: true }, ISSUER)).toEqual({
      ok: false,
      reason: "deactivated",
    });
    const refusals = await db.auditEvent.findMany({
      where: { targetId: user.id, action: "auth.sso-refused" },
      select: { details: true },
    });
    expect(refusals.map((event) => (event.details as { reason: string }).reason).sort()).toEqual([
      "deactivated",
      "unverified-email",
      "unverified-email",
    ]);
  });
});

async function enrolledStaff() {
  const staff = await createUser("SUPPORT", null);
  const start = await startSecondFactor(staff);
  if (start.enrolled) throw new Error("a new user is not enrolled");
  const result = await verifySecondFactor(staff, currentTotp(start.secret), ADDRESS);
  if (!result.ok || !result.recoveryCodes) throw new Error("enrolment failed");
  return { staff, secret: start.secret, recoveryCodes: result.recoveryCodes };
}

describe("staff second factor", () => {
  it("seals the secret at rest and keeps it until enrolment is confirmed by a code", async () => {
    const staff = await createUser("ADMIN", null);
    const first = await startSecondFactor(staff);
    const again = await startSecondFactor(staff);
    expect(first.enrolled).toBe(false);
    expect(again).toEqual(first);
    const row = await db.user.findUniqueOrThrow({
      where: { id: staff.id },
      select: { totpSecretEncrypted: true, totpEnabledAt: true },
    });
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecretEncrypted).toBeTruthy();
    if (!first.enrolled) expect(row.totpSecretEncrypted).not.toContain(first.secret);
    // Not even selected unless asked for.
    const plain = await db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect("totpSecretEncrypted" in plain).toBe(false);
  });

  it("a wrong code is refused and audited; the right code enrols and returns ten recovery codes, stored hashed", async () => {
    const staff = await createUser("SUPPORT", null);
    const start = await startSecondFactor(staff);
    if (start.enrolled) throw new Error("unexpected");
    const wrong = currentTotp(start.secret) === "000000" ? "111111" : "000000";
    expect(await verifySecondFactor(staff, wrong, ADDRESS)).toEqual({ ok: false, reason: "invalid" });
    const result = await verifySecondFactor(staff, currentTotp(start.secret), ADDRESS);
    expect(result.ok && result.recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({
      where: { userId: staff.id },
      select: { codeHash: true },
    });
    expect(stored).toHaveLength(10);
    const codes = result.ok ? (result.recoveryCodes ?? []) : [];
    for (const { codeHash } of stored) for (const code of codes) expect(codeHash).not.toContain(code);
    // Enrolled now: a code verifies without new recovery codes.
    expect(await verifySecondFactor(staff, currentTotp(start.secret), ADDRESS)).toEqual({
      ok: true,
      method: "totp",
    });
    const actions = await db.auditEvent.findMany({ where: { targetId: staff.id }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(
      expect.arrayContaining([
        "auth.second-factor-failed",
        "auth.second-factor-enrolled",
        "auth.second-factor-verified",
      ]),
    );
  });

  it("a recovery code works once, typed in any case", async () => {
    const { staff, recoveryCodes } = await enrolledStaff();
    const [code = ""] = recoveryCodes;
    expect(await verifySecondFactor(staff, code.toLowerCase(), ADDRESS)).toEqual({
      ok: true,
      method: "recovery-code",
    });
    expect(await verifySecondFactor(staff, code, ADDRESS)).toEqual({ ok: false, reason: "invalid" });
    expect(await countRecoveryCodes(staff.id)).toBe(9);
    expect(
      await db.auditEvent.count({ where: { targetId: staff.id, action: "auth.recovery-code-used" } }),
    ).toBe(1);
  });

  it("wrong codes lock the account like wrong passwords", async () => {
    const { staff, secret } = await enrolledStaff();
    const wrong = currentTotp(secret) === "000000" ? "111111" : "000000";
    for (let i = 0; i < getEnv().SIGNIN_MAX_FAILURES; i++) await verifySecondFactor(staff, wrong, ADDRESS);
    expect(await verifySecondFactor(staff, currentTotp(secret), ADDRESS)).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it("an admin reset removes the factor and the recovery codes, ends sessions and is audited", async () => {
    const { staff, recoveryCodes } = await enrolledStaff();
    const admin = await createUser("ADMIN", null);
    expect(await resetSecondFactor(staff.id, { id: admin.id, email: admin.email })).toEqual({
      changed: true,
    });
    const row = await db.user.findUniqueOrThrow({
      where: { id: staff.id },
      select: { totpSecretEncrypted: true, totpEnabledAt: true, sessionVersion: true },
    });
    expect(row).toEqual({ totpSecretEncrypted: null, totpEnabledAt: null, sessionVersion: 1 });
    expect(await countRecoveryCodes(staff.id)).toBe(0);
    expect(await verifySecondFactor(staff, recoveryCodes[1] ?? "", ADDRESS)).toEqual({
      ok: false,
      reason: "not-enrolled",
    });
    expect(
      await db.auditEvent.count({
        where: { targetId: staff.id, action: "user.second-factor-reset", actorId: admin.id },
      }),
    ).toBe(1);
  });
});

describe("sessions and the second factor", () => {
  const now = () => Math.floor(Date.now() / 1000);
  /** A request that sends the cookie of `user` signed in now, with or without the second factor given. */
  const asSignedIn = async <T>(user: SignedInUser, secondFactorVerified: boolean, fn: () => Promise<T>) =>
    runInRequest({ cookie: await signedInCookie(user, { secondFactorVerified }), kind: "page" }, fn);

  it("a staff session without a verified second factor is no viewer, only pending; customers need none", async () => {
    const staff = await createUser("ADMIN", null);
    await asSignedIn(staff, false, async () => {
      expect(await getViewer()).toBeNull();
      expect((await getPendingSecondFactor())?.id).toBe(staff.id);
    });
    await asSignedIn(staff, true, async () => {
      expect((await getViewer())?.id).toBe(staff.id);
      expect(await getPendingSecondFactor()).toBeNull();
    });
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    await asSignedIn(customer, false, async () => expect((await getViewer())?.id).toBe(customer.id));
  });

  it("the jwt callback marks a session verified only with the server's proof, never with client data", async () => {
    const jwt = baseAuthConfig().callbacks?.jwt;
    if (!jwt) throw new Error("no jwt callback");
    const authTime = now();
    const token = { sub: "user-1", staff: true, authTime, sv: 0, mfa: false };
    const update = (data: unknown) =>
      jwt({
        token: { ...token },
        user: undefined as never,
        account: null,
        trigger: "update",
        session: data,
      } as never);
    expect(await update({ secondFactorVerified: true, mfa: true })).toMatchObject({ mfa: false });
    expect(await update({ secondFactorProof: "forged" })).toMatchObject({ mfa: false });
    expect(
      await update({ secondFactorProof: secondFactorProof(getEnv().AUTH_SECRET, "user-1", authTime - 1) }),
    ).toMatchObject({ mfa: false });
    expect(
      await update({ secondFactorProof: secondFactorProof(getEnv().AUTH_SECRET, "user-1", authTime) }),
    ).toMatchObject({ mfa: true });
    // A new sign-in starts unverified.
    const signedIn = await jwt({
      token: {},
      user: { id: "user-2", email: "a@b", name: "A", staff: true, sessionVersion: 0 },
      account: null,
      trigger: "signIn",
    } as never);
    expect(signedIn).toMatchObject({ sub: "user-2", mfa: false });
  });
});
