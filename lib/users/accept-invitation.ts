import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { hashInvitationToken } from "@/lib/users/invitation-token";

type Refused = "used" | "expired" | "unknown";
export type InvitationState = { state: "valid"; email: string; name: string } | { state: Refused };

const EXPLANATIONS: Record<Refused, string> = {
  used: "This invitation link has already been used. Sign in with the password you set, or ask your platform admin for a new link.",
  expired: "This invitation link has expired. Ask your platform admin to send you a new one.",
  unknown:
    "This invitation link is not valid. Open the link from the most recent e-mail, or ask your platform admin for a new one.",
};

export function explainInvitation(state: Refused): string {
  return EXPLANATIONS[state];
}

const invitationSelect = {
  id: true,
  usedAt: true,
  expiresAt: true,
  user: { select: { id: true, email: true, name: true, organizationId: true, deactivatedAt: true } },
} as const;

function stateOf(
  invitation: { usedAt: Date | null; expiresAt: Date; user: { deactivatedAt: Date | null } } | null,
  now: Date,
): "valid" | Refused {
  if (!invitation || invitation.user.deactivatedAt) return "unknown";
  if (invitation.usedAt) return "used";
  if (invitation.expiresAt <= now) return "expired";
  return "valid";
}

/** What the invitation page shows for a link (nothing is changed). */
export async function findInvitation(token: string, now = new Date()): Promise<InvitationState> {
  const invitation = await db.userInvitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: invitationSelect,
  });
  const state = stateOf(invitation, now);
  if (state !== "valid" || !invitation) return { state: state === "valid" ? "unknown" : state };
  return { state, email: invitation.user.email, name: invitation.user.name };
}

/**
 * The invited user sets their password. The link is spent by a compare-and-set on `usedAt`, so
 * of two submissions with the same link exactly one sets the password.
 */
export async function acceptInvitation(token: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const invitation = await tx.userInvitation.findUnique({
      where: { tokenHash: hashInvitationToken(token) },
      select: invitationSelect,
    });
    const state = stateOf(invitation, now);
    if (state !== "valid" || !invitation)
      throw new UserFacingError(explainInvitation(state === "valid" ? "unknown" : state));
    const spent = await tx.userInvitation.updateMany({
      where: { id: invitation.id, usedAt: null },
      data: { usedAt: now },
    });
    if (spent.count !== 1) throw new UserFacingError(explainInvitation("used"));
    const { user } = invitation;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await recordAuditEvent(
      {
        actor: { id: user.id, email: user.email },
        action: "user.invitation-accepted",
        targetType: "User",
        targetId: user.id,
        organizationId: user.organizationId,
      },
      tx,
    );
    return { email: user.email };
  });
}
