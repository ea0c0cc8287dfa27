import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/auth-config";
import type { Credentials } from "@/lib/auth/credentials-schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sessionUserOf, sessionUserSelect } from "@/lib/auth/session-user-select";
import { checkSignInThrottle, recordSignInFailure, recordSignInSuccess } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { boundedConcurrency, ConcurrencyLimitError } from "@/lib/security/bounded-concurrency";

type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/** Why a sign-in was refused; the person at the keyboard sees one generic message for all. */
export type SignInRefusal = "invalid" | "locked" | "address-throttled" | "busy";

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: SignInRefusal };

// Unknown emails are checked against a throwaway hash so they take as long as wrong passwords.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

// bcrypt (pure JS, cost 12) is the expensive part of a sign-in: bound how many run at once per
// process, and refuse rather than queue without limit.
let hashSlots: ReturnType<typeof boundedConcurrency> | undefined;
const withHashSlot = <T>(task: () => Promise<T>) => {
  hashSlots ??= boundedConcurrency(getEnv().SIGNIN_HASH_CONCURRENCY, 20);
  return hashSlots(task);
};

/**
 * Checks credentials behind the throttle: a locked account or a throttled address is refused
 * before any hashing (so a locked account's right password is refused too); every failed and
 * refused attempt is audited.
 */
export async function verifySignIn(credentials: Credentials, address: string): Promise<SignInResult> {
  const { email, password } = credentials;
  const throttle = await checkSignInThrottle(email, address);
  if (throttle.throttled) {
    const reason = throttle.scope === "account" ? "locked" : "address-throttled";
    await auditSignIn("auth.sign-in-throttled", email, address, {
      reason,
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
    return { ok: false, reason };
  }
  let checked: {
    user:
      | (SignedInUser & { passwordHash: string; organizationId: string | null; deactivatedAt: Date | null })
      | null;
    valid: boolean;
  };
  try {
    checked = await withHashSlot(async () => {
      const user = await db.user.findUnique({
        where: { email },
        select: { ...sessionUserSelect, passwordHash: true },
      });
      const valid = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
      return { user, valid };
    });
  } catch (error) {
    if (!(error instanceof ConcurrencyLimitError)) throw error;
    await auditSignIn("auth.sign-in-throttled", email, address, { reason: "busy" });
    return { ok: false, reason: "busy" };
  }
  const { user, valid } = checked;
  // A deactivated user (issue 14) is refused like a wrong password; getViewer ends open sessions.
  if (!user || !valid || user.deactivatedAt) {
    const { lockedForSeconds } = await recordSignInFailure(email, address);
    await auditSignIn(
      "auth.sign-in-failed",
      email,
      address,
      {
        knownAccount: Boolean(user),
        ...(lockedForSeconds ? { lockedForSeconds } : {}),
      },
      user,
    );
    return { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(email);
  return { ok: true, user: sessionUserOf(user) };
}

async function auditSignIn(
  action: string,
  email: string,
  address: string,
  details: Record<string, string | number | boolean>,
  user?: { id: string; organizationId: string | null } | null,
) {
  const known =
    user === undefined
      ? await db.user.findUnique({ where: { email }, select: { id: true, organizationId: true } })
      : user;
  await recordAuditEvent({
    actor: { id: null, email: "system" },
    action,
    targetType: "User",
    targetId: known?.id ?? "unknown",
    organizationId: known?.organizationId ?? null,
    details: { email, address, ...details },
  });
}
