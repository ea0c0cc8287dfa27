import { describe, expect, it } from "vitest";
import {
  createInvitationToken,
  hashInvitationToken,
  INVITATION_TTL_MS,
  invitationUrl,
} from "./invitation-token";

describe("invitation tokens", () => {
  it("stores only a hash that the token reproduces, and expires after the TTL", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const { token, tokenHash, expiresAt } = createInvitationToken(now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).not.toContain(token);
    expect(hashInvitationToken(token)).toBe(tokenHash);
    expect(expiresAt.getTime() - now.getTime()).toBe(INVITATION_TTL_MS);
  });

  it("gives each invitation a different token", () => {
    expect(createInvitationToken().token).not.toBe(createInvitationToken().token);
  });

  it("builds the link on the portal's address", () => {
    expect(invitationUrl("http://localhost:3000", "abc")).toBe("http://localhost:3000/invitations/abc");
  });
});
