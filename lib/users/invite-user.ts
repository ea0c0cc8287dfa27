import "server-only";
import { randomBytes } from "node:crypto";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { type DbTransaction, db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { createInvitationToken, invitationUrl } from "@/lib/users/invitation-token";
import { sendInvitationEmail } from "@/lib/users/send-invitation-email";
import type { InviteUserInput } from "@/lib/users/user-schema";

/**
 * An admin invites someone by e-mail: the user is created with an unusable password and a
 * single-use, expiring link (only its hash stored) is e-mailed to them to set their own.
 */
export async function inviteUser(
  input: InviteUserInput,
  actor: Actor & { id: string },
  portalUrl: string,
): Promise<{ userId: string }> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing)
    throw new UserFacingError(
      `${input.email} already has an account. Open it from the list to change it or send a new link.`,
      "email",
    );
  // Nobody knows this password: the account cannot sign in until the link sets a real one.
  const placeholderHash = await hashPassword(randomBytes(32).toString("base64url"));
  const invitation = createInvitationToken();
  const user = await db.$transaction(async (tx) => {
    await assertOrganizationExists(tx, input.organizationId);
    const created = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        organizationId: input.organizationId,
        passwordHash: placeholderHash,
      },
      select: { id: true, email: true, name: true },
    });
    await tx.userInvitation.create({
      data: {
        userId: created.id,
        tokenHash: invitation.tokenHash,
        expiresAt: invitation.expiresAt,
        createdById: actor.id,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "user.invited",
        targetType: "User",
        targetId: created.id,
        organizationId: input.organizationId,
        details: { email: input.email, role: input.role, organizationId: input.organizationId },
      },
      tx,
    );
    return created;
  });
  await deliverInvitation(user, invitation, portalUrl);
  return { userId: user.id };
}

/** A new link for a user (the old one expired or got lost); earlier unused links stop working. */
export async function resendInvitation(userId: string, actor: Actor & { id: string }, portalUrl: string) {
  const invitation = createInvitationToken();
  const user = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, organizationId: true, deactivatedAt: true },
    });
    if (!user) throw new NotFoundError("That user");
    if (user.deactivatedAt)
      throw new UserFacingError("This user is deactivated: reactivate them before sending a new link.");
    await tx.userInvitation.deleteMany({ where: { userId, usedAt: null } });
    await tx.userInvitation.create({
      data: {
        userId,
        tokenHash: invitation.tokenHash,
        expiresAt: invitation.expiresAt,
        createdById: actor.id,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "user.invitation-resent",
        targetType: "User",
        targetId: userId,
        organizationId: user.organizationId,
        details: { email: user.email },
      },
      tx,
    );
    return user;
  });
  await deliverInvitation(user, invitation, portalUrl);
}

async function deliverInvitation(
  user: { email: string; name: string },
  invitation: { token: string; expiresAt: Date },
  portalUrl: string,
) {
  try {
    await sendInvitationEmail(user, invitationUrl(portalUrl, invitation.token), invitation.expiresAt);
  } catch (error) {
    console.error(`[invite-user] sending the invitation to ${user.email} failed`, error);
    throw new UserFacingError(
      `The account for ${user.email} exists, but the invitation e-mail could not be sent. Check the mail server, then open the user and send a new link.`,
    );
  }
}

export async function assertOrganizationExists(tx: DbTransaction, organizationId: string | null) {
  if (!organizationId) return;
  const organization = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { id: true },
  });
  if (!organization)
    throw new UserFacingError(
      "That organization does not exist: choose one from the list.",
      "organizationId",
    );
}
