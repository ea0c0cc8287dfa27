// Invitation links (DESIGN §11): a random token in the e-mail, only its SHA-256 in the database, so
// a leaked database does not yield working links. Pure apart from the random bytes.
import { createHash, randomBytes } from "node:crypto";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function createInvitationToken(now = new Date()): {
  token: string;
  tokenHash: string;
  expiresAt: Date;
} {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashInvitationToken(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
  };
}

export function invitationUrl(portalUrl: string, token: string): string {
  return new URL(`/invitations/${encodeURIComponent(token)}`, portalUrl).toString();
}
