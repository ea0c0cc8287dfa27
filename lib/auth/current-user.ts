import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { isSessionRefused } from "@/lib/auth/check-session";
import { findSessionUser } from "@/lib/auth/find-session-user";
import { readSession } from "@/lib/auth/read-session";
import { type Audience, isInAudience, type Viewer, type ViewerFor, viewerOf } from "@/lib/auth/viewer";

/** A staff session whose second factor is not verified yet (issue 15): it may only reach /mfa. */
export type PendingSecondFactor = { id: string; email: string; name: string; authTime: number };

type SessionState = { viewer: Viewer | null; pendingSecondFactor: PendingSecondFactor | null };

const NO_SESSION: SessionState = { viewer: null, pendingSecondFactor: null };

/**
 * The signed-in viewer, re-read from the database once per request (React `cache`, shared by the
 * layout, the page and its components) so a role change, a removed or a deactivated user takes
 * effect at once. Staff (by their current role) are no viewer until their second factor is
 * verified, so no staff page, action or component sees them before that.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => (await getSessionState()).viewer);

/** The staff user who signed in but has still to enrol or enter a second factor, if that is who asks. */
export const getPendingSecondFactor = cache(
  async (): Promise<PendingSecondFactor | null> => (await getSessionState()).pendingSecondFactor,
);

const getSessionState = cache(async (): Promise<SessionState> => {
  // The cookie's session, decrypted once per request (read-session.ts; proxy.ts renews it).
  const session = await readSession();
  const id = session?.user?.id;
  if (!id) return NO_SESSION;
  const found = await findSessionUser(id);
  if (!found || found.deactivatedAt) return NO_SESSION;
  // Issue 10: a revoked (signed-out) or too old session is no session; staff by the current role.
  const { sessionVersion, ...user } = found;
  const staff = user.role !== "CUSTOMER";
  if (isSessionRefused(session, { staff, sessionVersion })) return NO_SESSION;
  if (staff && session.secondFactorVerified !== true) {
    const authTime = session.authTime ?? 0;
    return {
      viewer: null,
      pendingSecondFactor: { id: user.id, email: user.email, name: user.name, authTime },
    };
  }
  return { viewer: viewerOf(user), pendingSecondFactor: null };
});

/**
 * Pages' guard: signed out → the sign-in page; staff still to give their second factor → /mfa. With an audience, the wrong kind of viewer is
 * turned away: staff on a customer page go to their own pages, customers on a staff page get 403,
 * and so does anyone but an admin on an admin page.
 */
export async function requireViewer(): Promise<Viewer>;
export async function requireViewer<A extends Audience>(audience: A): Promise<ViewerFor<A>>;
export async function requireViewer(audience: Audience = "any"): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect((await getPendingSecondFactor()) ? "/mfa" : "/sign-in");
  if (isInAudience(viewer, audience)) return viewer;
  if (audience === "customer") redirect("/support");
  forbidden();
}
