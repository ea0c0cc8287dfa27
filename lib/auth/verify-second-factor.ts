import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from "@/lib/auth/recovery-codes";
import { checkSignInThrottle, recordSignInFailure, recordSignInSuccess } from "@/lib/auth/sign-in-throttle";
import { createTotpSecret, isValidTotp } from "@/lib/auth/totp";
import { openTotpSecret, sealTotpSecret } from "@/lib/auth/totp-secret";
import { db } from "@/lib/db";

// The staff second factor (issue 15): enrolment at the first staff sign-in, a code at every one.
// Wrong codes count against the account like wrong passwords (the sign-in throttle), so six digits
// cannot be guessed through the form.

export type SecondFactorUser = { id: string; email: string };

export type SecondFactorState = { enrolled: true } | { enrolled: false; secret: string };

/** Enrolled, or the secret to enrol with (created and sealed on first call, reused until confirmed). */
export async function startSecondFactor(user: SecondFactorUser): Promise<SecondFactorState> {
  const found = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { totpEnabledAt: true, totpSecretEncrypted: true },
  });
  if (found.totpEnabledAt && found.totpSecretEncrypted) return { enrolled: true };
  if (found.totpSecretEncrypted)
    return { enrolled: false, secret: openTotpSecret(user.id, found.totpSecretEncrypted) };
  const secret = createTotpSecret();
  // Compare-and-set: two tabs enrolling at once end up with the same pending secret.
  const written = await db.user.updateMany({
    where: { id: user.id, totpSecretEncrypted: null },
    data: { totpSecretEncrypted: sealTotpSecret(user.id, secret) },
  });
  if (written.count === 1) return { enrolled: false, secret };
  return startSecondFactor(user);
}

export type SecondFactorResult =
  | { ok: true; method: "totp" | "recovery-code"; recoveryCodes?: string[] }
  | { ok: false; reason: "invalid" | "locked" | "address-throttled" | "not-enrolled" };

/**
 * Checks a code: a TOTP code (which, during enrolment, also confirms the enrolment and creates the
 * recovery codes it returns) or an unused recovery code, which is then used up.
 */
export async function verifySecondFactor(
  user: SecondFactorUser,
  code: string,
  address: string,
  now = new Date(),
): Promise<SecondFactorResult> {
  const throttle = await checkSignInThrottle(user.email, address);
  if (throttle.throttled) {
    const reason = throttle.scope === "account" ? "locked" : "address-throttled";
    await audit(user, "auth.second-factor-throttled", { address, reason });
    return { ok: false, reason };
  }
  const found = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { totpEnabledAt: true, totpSecretEncrypted: true, organizationId: true },
  });
  if (!found.totpSecretEncrypted) return { ok: false, reason: "not-enrolled" };
  const secret = openTotpSecret(user.id, found.totpSecretEncrypted);
  const enrolled = Boolean(found.totpEnabledAt);

  if (isValidTotp(secret, code, now.getTime())) {
    await recordSignInSuccess(user.email);
    if (enrolled) {
      await audit(user, "auth.second-factor-verified", { address, method: "totp" });
      return { ok: true, method: "totp" };
    }
    const recoveryCodes = generateRecoveryCodes();
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: now } });
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
      await tx.recoveryCode.createMany({
        data: recoveryCodes.map((recovery) => ({ userId: user.id, codeHash: hashRecoveryCode(recovery) })),
      });
      await recordAuditEvent(
        {
          actor: user,
          action: "auth.second-factor-enrolled",
          targetType: "User",
          targetId: user.id,
          organizationId: found.organizationId,
          details: { address, recoveryCodes: recoveryCodes.length },
        },
        tx,
      );
    });
    return { ok: true, method: "totp", recoveryCodes };
  }

  if (enrolled && looksLikeRecoveryCode(code)) {
    // Single use: of two sign-ins racing with one code, exactly one marks it used.
    const used = await db.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: now },
    });
    if (used.count === 1) {
      await recordSignInSuccess(user.email);
      const left = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      await audit(user, "auth.recovery-code-used", { address, recoveryCodesLeft: left });
      return { ok: true, method: "recovery-code" };
    }
  }

  const { lockedForSeconds } = await recordSignInFailure(user.email, address);
  await audit(user, "auth.second-factor-failed", {
    address,
    enrolled,
    ...(lockedForSeconds ? { lockedForSeconds } : {}),
  });
  return { ok: false, reason: "invalid" };
}

/** How many unused recovery codes the user has left. */
export function countRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

async function audit(
  user: SecondFactorUser,
  action: string,
  details: Record<string, string | number | boolean>,
) {
  const found = await db.user.findUnique({ where: { id: user.id }, select: { organizationId: true } });
  await recordAuditEvent({
    actor: user,
    action,
    targetType: "User",
    targetId: user.id,
    organizationId: found?.organizationId ?? null,
    details,
  });
}
