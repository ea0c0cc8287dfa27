import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { isSessionRefused } from "@/lib/auth/check-session";
import { type Audience, isInAudience, type Viewer, type ViewerFor, viewerOf } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

/**
 * The signed-in viewer, re-read from the database once per request (React `cache`, shared by the
 * layout, the page and its components) so a role change, a removed or a deactivated user takes
 * effect at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const found = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      organizationId: true,
      deactivatedAt: true,
      sessionVersion: true,
    },
  });
  if (!found) return null;
  // Issue 10: a revoked (signed-out) or too old session is no session; staff by the current role.
  const { sessionVersion, ...user } = found;
  if (isSessionRefused(session, { staff: user.role !== "CUSTOMER", sessionVersion })) return null;
  return viewerOf(user);
});

/**
 * Pages' guard: signed out → the sign-in page. With an audience, the wrong kind of viewer is
 * turned away: staff on a customer page go to their own pages, customers on a staff page get 403,
 * and so does anyone but an admin on an admin page.
 */
export async function requireViewer(): Promise<Viewer>;
export async function requireViewer<A extends Audience>(audience: A): Promise<ViewerFor<A>>;
export async function requireViewer(audience: Audience = "any"): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  if (isInAudience(viewer, audience)) return viewer;
  if (audience === "customer") redirect("/support");
  forbidden();
}
