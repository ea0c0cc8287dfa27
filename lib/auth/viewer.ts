// Who is asking, built once per request (lib/auth/current-user.ts `getViewer`) and handed to pages,
// routes and actions. Narrowed by role, so a customer's organization is a `string` and a scope can
// never be built by hand with an `undefined` organization (Prisma would drop that filter). Pure.
import type { Role } from "@/lib/generated/prisma/enums";

/** The only definition of which roles are staff. */
const STAFF_ROLES = ["SUPPORT", "ADMIN"] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a query is limited to: one organization's rows, or every row (staff). */
export type Scope = OrganizationScope | { kind: "staff" };
export type OrganizationScope = { kind: "organization"; organizationId: string };

type ViewerBase = { id: string; email: string; name: string };
export type CustomerViewer = ViewerBase & {
  role: "CUSTOMER";
  organizationId: string;
  scope: OrganizationScope;
  /** Set when the call came through the JSON API: the token acting as this customer. */
  apiToken?: { id: string; name: string };
};
export type StaffViewer = ViewerBase & { role: StaffRole; organizationId: null; scope: { kind: "staff" } };
export type Viewer = CustomerViewer | StaffViewer;

/** Administrators (DESIGN §11): staff who also manage organizations, users and platform settings. */
export type AdminViewer = StaffViewer & { role: "ADMIN" };

export type Audience = "customer" | "staff" | "admin" | "any";
export type ViewerFor<A extends Audience> = A extends "customer"
  ? CustomerViewer
  : A extends "staff"
    ? StaffViewer
    : A extends "admin"
      ? AdminViewer
      : Viewer;

function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

/**
 * The viewer of a signed-in user row, or null when the row cannot be one (a customer without an
 * organization is a data error: treated as signed out rather than given a scope-less view).
 */
export function viewerOf(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  /** A deactivated user is no viewer at all: their open session is refused on its next request. */
  deactivatedAt?: Date | null;
}): Viewer | null {
  if (user.deactivatedAt) return null;
  const base = { id: user.id, email: user.email, name: user.name };
  if (isStaffRole(user.role))
    return { ...base, role: user.role, organizationId: null, scope: { kind: "staff" } };
  if (!user.organizationId) return null;
  const organizationId = user.organizationId;
  return { ...base, role: "CUSTOMER", organizationId, scope: { kind: "organization", organizationId } };
}

export function isInAudience<A extends Audience>(viewer: Viewer, audience: A): viewer is ViewerFor<A> {
  if (audience === "any") return true;
  if (audience === "admin") return viewer.role === "ADMIN";
  return audience === "staff" ? viewer.role !== "CUSTOMER" : viewer.role === "CUSTOMER";
}

/** The actor recorded in the audit log for this viewer. */
export function actorOf(viewer: Viewer): { id: string; email: string } {
  return { id: viewer.id, email: viewer.email };
}

/** Where this viewer reads a request: customers under /requests, staff under /support/requests. */
export function requestHref(viewer: Pick<Viewer, "role">, requestId: string, rest = ""): string {
  const base = viewer.role === "CUSTOMER" ? "/requests" : "/support/requests";
  return `${base}/${requestId}${rest}`;
}
