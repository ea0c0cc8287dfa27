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
const anyViewerPage: Expectation = {
  anonymous: "redirect:/sign-in",
  owner: "ok",
  stranger: "ok",
  support: "ok",
  admin: "ok",
};
/** A configuration file: one handler behind both URLs; the viewer's scope decides (others' → 404). */
const configurationFile: Expectation = {
  anonymous: "404",
  owner: "200",
  stranger: "404",
  support: "200",
  admin: "200",
};
/** The JSON API answers bearer tokens only: a session cookie is not a credential there. */
const bearerOnly: Expectation = {
  anonymous: "401",
  owner: "401",
  stranger: "401",
  support: "401",
  admin: "401",
};
/** Pages and actions whose credential is a token in the URL or form (none here): public. */
const tokenPage: Expectation = { anonymous: "ok", owner: "ok", stranger: "ok", support: "ok", admin: "ok" };

export const EXPECTATIONS: Record<string, Cell> = {
  "/": {
    fixture: "ACTIVE",
    expect: { ...customerPage, owner: "redirect:/requests", stranger: "redirect:/requests" },
  },
  "/sign-in": {
    fixture: "ACTIVE",
    expect: {
      anonymous: "ok",
      owner: "redirect:/",
      stranger: "redirect:/",
      support: "redirect:/",
      admin: "redirect:/",
    },
  },
  // Issue 15: the second-factor page is for staff who have still to give it; everyone signed in
  // completely goes home, anyone else to sign in. The SSO start is off unless OIDC_* are set.
  "/mfa": {
    fixture: "ACTIVE",
    expect: {
      anonymous: "redirect:/sign-in",
      owner: "redirect:/",
      stranger: "redirect:/",
      support: "redirect:/",
      admin: "redirect:/",
    },
  },
  "/sign-in/sso": {
    fixture: "ACTIVE",
    expect: {
      anonymous: "not-found",
      owner: "not-found",
      stranger: "not-found",
      support: "not-found",
      admin: "not-found",
    },
  },
  "/requests": { fixture: "ACTIVE", expect: customerPage },
  "/requests/new": { fixture: "ACTIVE", expect: customerPage },
  // Deep links (issue 8): staff opening a customer's link land on the staff view of that request.
  "/requests/[id]": {
    fixture: "ACTIVE",
    expect: {
      ...customerRequestPage,
      support: "redirect:/support/requests/[id]",
      admin: "redirect:/support/requests/[id]",
    },
  },
  "/requests/[id]/configuration": {
    fixture: "ACTIVE",
    expect: {
      ...customerRequestPage,
      support: "redirect:/support/requests/[id]/configuration",
      admin: "redirect:/support/requests/[id]/configuration",
    },
  },
  "/settings": { fixture: "ACTIVE", expect: customerPage },
  "/audit": { fixture: "ACTIVE", expect: customerPage },
  "/api-tokens": { fixture: "ACTIVE", expect: customerPage },
  "/api-docs": { fixture: "ACTIVE", expect: anyViewerPage },
  "/support": { fixture: "ACTIVE", expect: staffPage },
  "/support/connections": { fixture: "ACTIVE", expect: staffPage },
  "/support/capacity": { fixture: "ACTIVE", expect: staffPage },
  "/support/audit": { fixture: "ACTIVE", expect: staffPage },
  // A customer following a staff link to their own request gets their own view; others stay 403.
  "/support/requests/[id]": {
    fixture: "ACTIVE",
    expect: { ...staffPage, owner: "redirect:/requests/[id]" },
  },
  "/support/requests/[id]/configuration": {
    fixture: "ACTIVE",
    expect: { ...staffPage, owner: "redirect:/requests/[id]/configuration" },
  },
  "/admin": { fixture: "ACTIVE", expect: adminPage },
  "/admin/organizations": { fixture: "ACTIVE", expect: adminPage },
  "/admin/users": { fixture: "ACTIVE", expect: adminPage },
  "/admin/settings": { fixture: "ACTIVE", expect: adminPage },
  "/admin/accounts": { fixture: "ACTIVE", expect: adminPage },
  // The cell's ID names a request, not an organization or user: an admin gets 404 for it.
  "/admin/organizations/[id]": { fixture: "ACTIVE", expect: { ...adminPage, admin: "not-found" } },
  "/admin/users/[id]": { fixture: "ACTIVE", expect: { ...adminPage, admin: "not-found" } },
  "/invitations/[token]": { fixture: "ACTIVE", expect: tokenPage },
  // The benchmark's floors exist only when BENCH_ROUTES is set (never in tests or production).
  "/bench/bare-page": {
    fixture: "ACTIVE",
    expect: {
      anonymous: "not-found",
      owner: "not-found",
      stranger: "not-found",
      support: "not-found",
      admin: "not-found",
    },
  },
  "/bench/bare-route": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "404", stranger: "404", support: "404", admin: "404" },
  },
  "/bench/viewer-route": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "404", stranger: "404", support: "404", admin: "404" },
  },
  // Route handlers.
  "/api/requests/[id]/progress": { fixture: "ACTIVE", expect: jsonRoute },
  "/api/requests/[id]/tunnels": { fixture: "ACTIVE", expect: jsonRoute },
  "/requests/[id]/configuration/[format]": { fixture: "ACTIVE", expect: configurationFile },
  "/support/requests/[id]/configuration/[format]": { fixture: "ACTIVE", expect: configurationFile },
  // The link in an alert-address confirmation mail: public, the token is the authority (none here).
  "/settings/confirm-email": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "404", stranger: "404", support: "404", admin: "404" },
  },
  "/support/audit/export": {
    fixture: "ACTIVE",
    expect: { anonymous: "401", owner: "403", stranger: "403", support: "200", admin: "200" },
  },
  "/api/v1/openapi.json": {
    fixture: "ACTIVE",
    // Public: the document describes the API, not anyone's data.
    expect: { anonymous: "200", owner: "200", stranger: "200", support: "200", admin: "200" },
  },
  "/api/v1/requests GET": { fixture: "ACTIVE", expect: bearerOnly },
  "/api/v1/requests POST": { fixture: "ACTIVE", expect: bearerOnly },
  "/api/v1/requests/[id]": { fixture: "ACTIVE", expect: bearerOnly },
  "/api/v1/requests/[id]/tunnels": { fixture: "ACTIVE", expect: bearerOnly },
  "/api/v1/requests/[id]/configuration": { fixture: "ACTIVE", expect: bearerOnly },
  "/api/v1/requests/[id]/cancel": { fixture: "PENDING_APPROVAL", expect: bearerOnly },
  "/api/v1/requests/[id]/decommission": { fixture: "ACTIVE", expect: bearerOnly },
  // Server actions.
  "/_actions#createVpnRequestAction": {
    fixture: "ACTIVE",
    form: "vpn-request",
    // The form names the owning organization: another organization's customer is refused on Org ID.
    expect: { ...customerAction, stranger: "invalid" },
  },
  "/_actions#cancelVpnRequestAction": { fixture: "PENDING_APPROVAL", expect: customerAction },
  // One action for customers and staff: the lifecycle capability and the viewer's scope decide.
  "/_actions#decommissionVpnAction": {
    fixture: "ACTIVE",
    expect: { ...customerAction, support: "ok", admin: "ok" },
  },
  // Day-2 changes (decision 022): owner and staff, by the lifecycle; a stranger never sees the request.
  "/_actions#changeRoutesAction": {
    fixture: "ACTIVE",
    form: "routes",
    expect: { ...customerAction, support: "ok", admin: "ok" },
  },
  "/_actions#rotateTunnelKeyAction": {
    fixture: "ACTIVE",
    expect: { ...customerAction, support: "ok", admin: "ok" },
  },
  // The fixture is a static VPN: owner and staff reach the domain, which refuses on the field.
  "/_actions#changeNetworksAction": {
    fixture: "ACTIVE",
    expect: { ...customerAction, owner: "invalid", support: "invalid", admin: "invalid" },
  },
  "/_actions#changeTunnelOptionsAction": {
    fixture: "ACTIVE",
    form: "tunnel-options",
    expect: { ...customerAction, support: "ok", admin: "ok" },
  },
  // No maintenance is pending on the fixture: the owner and staff reach the domain, which refuses
  // by the field (issue 12); a stranger never sees the request.
  "/_actions#applyMaintenanceAction": {
    fixture: "ACTIVE",
    expect: { ...customerAction, owner: "invalid", support: "invalid", admin: "invalid" },
  },
  // A new customer gateway IP: the owning customer asks (DESIGN §9); support decides.
  "/_actions#requestGatewayChangeAction": { fixture: "ACTIVE", form: "gateway", expect: customerAction },
  "/_actions#approveVpnChangeAction": { fixture: "GATEWAY_CHANGE", form: "change", expect: staffAction },
  "/_actions#rejectVpnChangeAction": {
    fixture: "GATEWAY_CHANGE",
    form: "change-reason",
    expect: staffAction,
  },
  "/_actions#retryVpnChangeAction": { fixture: "FAILED_CHANGE", form: "change", expect: staffAction },
  "/_actions#approveVpnRequestAction": { fixture: "PENDING_APPROVAL", expect: staffAction },
  "/_actions#rejectVpnRequestAction": { fixture: "PENDING_APPROVAL", form: "reason", expect: staffAction },
  "/_actions#retryWorkflowAction": { fixture: "FAILED", expect: staffAction },
  "/settings#updateNotificationSettingsAction": {
    fixture: "ACTIVE",
    form: "notifications",
    // Settings are the caller's own organization's: any customer may change their own.
    expect: { ...customerAction, stranger: "ok" },
  },
  "/settings#sendTestAlertAction": {
    fixture: "ACTIVE",
    form: "none",
    expect: { ...customerAction, stranger: "ok" },
  },
  // Tokens are the caller's own organization's; an empty form reaches the field checks.
  "/api-tokens#createApiTokenAction": {
    fixture: "ACTIVE",
    form: "none",
    expect: { ...customerAction, owner: "invalid", stranger: "invalid" },
  },
  "/api-tokens#revokeApiTokenAction": {
    fixture: "ACTIVE",
    form: "none",
    expect: { ...customerAction, owner: "invalid", stranger: "invalid" },
  },
  "/admin#createOrganizationAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#updateOrganizationAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#inviteUserAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#resendInvitationAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#updateUserAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#deactivateUserAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#reactivateUserAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#updatePlatformSettingsAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#resetSecondFactorAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#createAwsAccountAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#disableAwsAccountAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  "/admin#enableAwsAccountAction": { fixture: "ACTIVE", form: "none", expect: adminAction },
  // Public: the invitation token in the form is the credential (an empty form has none).
  "/invitations/[token]#acceptInvitationAction": {
    fixture: "ACTIVE",
    form: "none",
    expect: {
      anonymous: "invalid",
      owner: "invalid",
      stranger: "invalid",
      support: "invalid",
      admin: "invalid",
    },
  },
  "/sign-in#signInAction": {
    fixture: "ACTIVE",
    form: "none",
    // Public; an empty form is refused on its fields before any credential check.
    expect: {
      anonymous: "invalid",
      owner: "invalid",
      stranger: "invalid",
      support: "invalid",
      admin: "invalid",
    },
  },
  "/mfa#verifySecondFactorAction": {
    fixture: "ACTIVE",
    form: "none",
    // Before any session check, an empty form is refused on its field.
    expect: {
      anonymous: "invalid",
      owner: "invalid",
      stranger: "invalid",
      support: "invalid",
      admin: "invalid",
    },
  },
};

/** Not called in the matrix, with the reason (counted and printed). */
export const NOT_IN_MATRIX: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "next-auth's own endpoints (sign-in callback, CSRF, session); the credentials check behind them is throttled and tested in lib/auth/sign-in-throttle.int.test.ts",
};

/** For an entry the table does not name: the rule of the place it lives in. */
export function defaultCell(key: string, kind: "page" | "route" | "action"): Cell {
  const staff = key.startsWith("/support") || key.startsWith("/admin");
  if (kind === "action") return { fixture: "ACTIVE", expect: staff ? staffAction : customerAction };
  if (kind === "route")
    return {
      fixture: "ACTIVE",
      expect: staff
        ? { anonymous: "404", owner: "404", stranger: "404", support: "200", admin: "200" }
        : jsonRoute,
    };
  return {
    fixture: "ACTIVE",
    expect: staff ? staffPage : key.includes("[id]") ? customerRequestPage : customerPage,
  };
}
