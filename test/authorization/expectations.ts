// What each persona is answered by each page, route handler and server action: ONE table keyed by
// route pattern (actions by "<pattern>#<export>"), plus defaults by place in the tree for entries
// the table does not name yet. The matrix test (authorization-matrix.int.test.ts) enumerates the
// app tree and checks every cell against this.

export const PERSONAS = ["anonymous", "owner", "stranger", "support", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];

/** Pages: "ok", "redirect:<path>", "forbidden" (403), "not-found" (404). Routes: the HTTP status.
 *  Actions: "ok", "session" (no session), "role" (refused by role), "not-found", "invalid" (field errors), "refused". */
export type Answer = string;
export type Expectation = Record<Persona, Answer>;

/** The state of the request a cell runs against (each cell gets a fresh one). */
export type Fixture =
  | "PENDING_APPROVAL"
  | "ACTIVE"
  | "FAILED"
  /** ACTIVE, with a new customer gateway IP waiting for support's approval. */
  | "GATEWAY_CHANGE"
  /** ACTIVE, with a day-2 change that FAILED. */
  | "FAILED_CHANGE";

export type Cell = {
  fixture: Fixture;
  expect: Expectation;
  form?:
    | "vpn-request"
    | "reason"
    | "notifications"
    | "routes"
    | "tunnel-options"
    | "gateway"
    | "change"
    | "change-reason"
    | "none";
};

/** The same answer for every persona. */
function everyone(answer: Answer): Expectation {
  return Object.fromEntries(PERSONAS.map((persona) => [persona, answer])) as Expectation;
}

/** A cell run against a fresh request in `fixture`, with a form of kind `form` for actions that read one. */
function cell(fixture: Fixture, expect: Expectation, form?: Cell["form"]): Cell {
  return form ? { fixture, expect, form } : { fixture, expect };
}

function active(expect: Expectation, form?: Cell["form"]): Cell {
  return cell("ACTIVE", expect, form);
}

const customerPage: Expectation = {
  anonymous: "redirect:/sign-in",
  owner: "ok",
  stranger: "ok",
  support: "redirect:/support",
  admin: "redirect:/support",
};
const customerRequestPage: Expectation = { ...customerPage, stranger: "not-found" };
const staffPage: Expectation = {
  anonymous: "redirect:/sign-in",
  owner: "forbidden",
  stranger: "forbidden",
  support: "ok",
  admin: "ok",
};
const jsonRoute: Expectation = {
  anonymous: "401",
  owner: "200",
  stranger: "404",
  support: "200",
  admin: "200",
};
const customerAction: Expectation = {
  anonymous: "session",
  owner: "ok",
  stranger: "not-found",
  support: "role",
  admin: "role",
};
const staffAction: Expectation = {
  anonymous: "session",
  owner: "role",
  stranger: "role",
  support: "ok",
  admin: "ok",
};

const adminPage: Expectation = { ...staffPage, support: "forbidden" };
// Admin actions refuse everyone else by audience; an admin's empty form reaches the field checks.
const adminAction: Expectation = { ...staffAction, support: "role", admin: "invalid" };
// Any signed-in viewer; scope decides what they see.
const anyViewerPage: Expectation = { ...everyone("ok"), anonymous: "redirect:/sign-in" };
/** A configuration file: one handler behind both URLs; the viewer's scope decides (others' → 404). */
const configurationFile: Expectation = {
  anonymous: "404",
  owner: "200",
  stranger: "404",
  support: "200",
  admin: "200",
};
/** The JSON API answers bearer tokens only: a session cookie is not a credential there. */
const bearerOnly: Expectation = everyone("401");
/** Pages and actions whose credential is a token in the URL or form (none here): public. */
const tokenPage: Expectation = everyone("ok");

export const EXPECTATIONS: Record<string, Cell> = {
  "/": active({ ...customerPage, owner: "redirect:/requests", stranger: "redirect:/requests" }),
  "/sign-in": active({ ...everyone("redirect:/"), anonymous: "ok" }),
  // Issue 15: the second-factor page is for staff who have still to give it; everyone signed in
  // completely goes home, anyone else to sign in. The SSO start is off unless OIDC_* are set.
  "/mfa": active({ ...everyone("redirect:/"), anonymous: "redirect:/sign-in" }),
  "/sign-in/sso": active(everyone("not-found")),
  "/requests": active(customerPage),
  "/requests/new": active(customerPage),
  // Deep links (issue 8): staff opening a customer's link land on the staff view of that request.
  "/requests/[id]": active({
    ...customerRequestPage,
    support: "redirect:/support/requests/[id]",
    admin: "redirect:/support/requests/[id]",
  }),
  "/requests/[id]/configuration": active({
    ...customerRequestPage,
    support: "redirect:/support/requests/[id]/configuration",
    admin: "redirect:/support/requests/[id]/configuration",
  }),
  "/settings": active(customerPage),
  "/audit": active(customerPage),
  "/api-tokens": active(customerPage),
  "/api-docs": active(anyViewerPage),
  "/support": active(staffPage),
  "/support/connections": active(staffPage),
  "/support/capacity": active(staffPage),
  "/support/audit": active(staffPage),
  // A customer following a staff link to their own request gets their own view; others stay 403.
  "/support/requests/[id]": active({ ...staffPage, owner: "redirect:/requests/[id]" }),
  "/support/requests/[id]/configuration": active({
    ...staffPage,
    owner: "redirect:/requests/[id]/configuration",
  }),
  "/admin": active(adminPage),
  "/admin/organizations": active(adminPage),
  "/admin/users": active(adminPage),
  "/admin/settings": active(adminPage),
  "/admin/accounts": active(adminPage),
  // The cell's ID names a request, not an organization or user: an admin gets 404 for it.
  "/admin/organizations/[id]": active({ ...adminPage, admin: "not-found" }),
  "/admin/users/[id]": active({ ...adminPage, admin: "not-found" }),
  "/invitations/[token]": active(tokenPage),
  // The benchmark's floors exist only when BENCH_ROUTES is set (never in tests or production).
  "/bench/bare-page": active(everyone("not-found")),
  "/bench/bare-route": active(everyone("404")),
  "/bench/viewer-route": active(everyone("404")),
  // Route handlers.
  "/api/requests/[id]/progress": active(jsonRoute),
  "/api/requests/[id]/tunnels": active(jsonRoute),
  "/requests/[id]/configuration/[format]": active(configurationFile),
  "/support/requests/[id]/configuration/[format]": active(configurationFile),
  // The link in an alert-address confirmation mail: public, the token is the authority (none here).
  "/settings/confirm-email": active(everyone("404")),
  "/support/audit/export": active({
    anonymous: "401",
    owner: "403",
    stranger: "403",
    support: "200",
    admin: "200",
  }),
  // Public: the document describes the API, not anyone's data.
  "/api/v1/openapi.json": active(everyone("200")),
  "/api/v1/requests GET": active(bearerOnly),
  "/api/v1/requests POST": active(bearerOnly),
  "/api/v1/requests/[id]": active(bearerOnly),
  "/api/v1/requests/[id]/tunnels": active(bearerOnly),
  "/api/v1/requests/[id]/configuration": active(bearerOnly),
  "/api/v1/requests/[id]/cancel": cell("PENDING_APPROVAL", bearerOnly),
  "/api/v1/requests/[id]/decommission": active(bearerOnly),
  // Server actions.
  // The form names the owning organization: another organization's customer is refused on Org ID.
  "/_actions#createVpnRequestAction": active({ ...customerAction, stranger: "invalid" }, "vpn-request"),
  "/_actions#cancelVpnRequestAction": cell("PENDING_APPROVAL", customerAction),
  // One action for customers and staff: the lifecycle capability and the viewer's scope decide.
  "/_actions#decommissionVpnAction": active({ ...customerAction, support: "ok", admin: "ok" }),
  // Day-2 changes (decision 022): owner and staff, by the lifecycle; a stranger never sees the request.
  "/_actions#changeRoutesAction": active({ ...customerAction, support: "ok", admin: "ok" }, "routes"),
  "/_actions#rotateTunnelKeyAction": active({ ...customerAction, support: "ok", admin: "ok" }),
  // The fixture is a static VPN: owner and staff reach the domain, which refuses on the field.
  "/_actions#changeNetworksAction": active({
    ...customerAction,
    owner: "invalid",
    support: "invalid",
    admin: "invalid",
  }),
  "/_actions#changeTunnelOptionsAction": active(
    { ...customerAction, support: "ok", admin: "ok" },
    "tunnel-options",
  ),
  // No maintenance is pending on the fixture: the owner and staff reach the domain, which refuses
  // by the field (issue 12); a stranger never sees the request.
  "/_actions#applyMaintenanceAction": active({
    ...customerAction,
    owner: "invalid",
    support: "invalid",
    admin: "invalid",
  }),
  // A new customer gateway IP: the owning customer asks (DESIGN §9); support decides.
  "/_actions#requestGatewayChangeAction": active(customerAction, "gateway"),
  "/_actions#approveVpnChangeAction": cell("GATEWAY_CHANGE", staffAction, "change"),
  "/_actions#rejectVpnChangeAction": cell("GATEWAY_CHANGE", staffAction, "change-reason"),
  "/_actions#retryVpnChangeAction": cell("FAILED_CHANGE", staffAction, "change"),
  "/_actions#approveVpnRequestAction": cell("PENDING_APPROVAL", staffAction),
  "/_actions#rejectVpnRequestAction": cell("PENDING_APPROVAL", staffAction, "reason"),
  "/_actions#retryWorkflowAction": cell("FAILED", staffAction),
  // Settings are the caller's own organization's: any customer may change their own.
  "/settings#updateNotificationSettingsAction": active(
    { ...customerAction, stranger: "ok" },
    "notifications",
  ),
  "/settings#sendTestAlertAction": active({ ...customerAction, stranger: "ok" }, "none"),
  // Tokens are the caller's own organization's; an empty form reaches the field checks.
  "/api-tokens#createApiTokenAction": active(
    { ...customerAction, owner: "invalid", stranger: "invalid" },
    "none",
  ),
  "/api-tokens#revokeApiTokenAction": active(
    { ...customerAction, owner: "invalid", stranger: "invalid" },
    "none",
  ),
  "/admin#createOrganizationAction": active(adminAction, "none"),
  "/admin#updateOrganizationAction": active(adminAction, "none"),
  "/admin#inviteUserAction": active(adminAction, "none"),
  "/admin#resendInvitationAction": active(adminAction, "none"),
  "/admin#updateUserAction": active(adminAction, "none"),
  "/admin#deactivateUserAction": active(adminAction, "none"),
  "/admin#reactivateUserAction": active(adminAction, "none"),
  "/admin#updatePlatformSettingsAction": active(adminAction, "none"),
  "/admin#resetSecondFactorAction": active(adminAction, "none"),
  "/admin#createAwsAccountAction": active(adminAction, "none"),
  "/admin#disableAwsAccountAction": active(adminAction, "none"),
  "/admin#enableAwsAccountAction": active(adminAction, "none"),
  // Public: the invitation token in the form is the credential (an empty form has none).
  "/invitations/[token]#acceptInvitationAction": active(everyone("invalid"), "none"),
  // Public; an empty form is refused on its fields before any credential check.
  "/sign-in#signInAction": active(everyone("invalid"), "none"),
  // Before any session check, an empty form is refused on its field.
  "/mfa#verifySecondFactorAction": active(everyone("invalid"), "none"),
};

/** Not called in the matrix, with the reason (counted and printed). */
export const NOT_IN_MATRIX: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "next-auth's own endpoints (sign-in callback, CSRF, session); the credentials check behind them is throttled and tested in lib/auth/sign-in-throttle.int.test.ts",
};

/** For an entry the table does not name: the rule of the place it lives in. */
export function defaultCell(key: string, kind: "page" | "route" | "action"): Cell {
  const staff = key.startsWith("/support") || key.startsWith("/admin");
  if (kind === "action") return active(staff ? staffAction : customerAction);
  if (kind === "route")
    return active(staff ? { ...everyone("404"), support: "200", admin: "200" } : jsonRoute);
  return active(staff ? staffPage : key.includes("[id]") ? customerRequestPage : customerPage);
}
