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
export type Fixture = "PENDING_APPROVAL" | "ACTIVE" | "FAILED";

export type Cell = {
  fixture: Fixture;
  expect: Expectation;
  form?: "vpn-request" | "reason" | "notifications" | "none";
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
  "/requests/[id]": { fixture: "ACTIVE", expect: customerRequestPage },
  "/requests/[id]/configuration": { fixture: "ACTIVE", expect: customerRequestPage },
  "/settings": { fixture: "ACTIVE", expect: customerPage },
  "/support": { fixture: "ACTIVE", expect: staffPage },
  "/support/connections": { fixture: "ACTIVE", expect: staffPage },
  "/support/requests/[id]": { fixture: "ACTIVE", expect: staffPage },
  "/support/requests/[id]/configuration": { fixture: "ACTIVE", expect: staffPage },
  // Route handlers.
  "/api/requests/[id]/progress": { fixture: "ACTIVE", expect: jsonRoute },
  "/api/requests/[id]/tunnels": { fixture: "ACTIVE", expect: jsonRoute },
  "/requests/[id]/configuration/[format]": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "200", stranger: "404", support: "404", admin: "404" },
  },
  "/support/requests/[id]/configuration/[format]": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "404", stranger: "404", support: "200", admin: "200" },
  },
  // The link in an alert-address confirmation mail: public, the token is the authority (none here).
  "/settings/confirm-email": {
    fixture: "ACTIVE",
    expect: { anonymous: "404", owner: "404", stranger: "404", support: "404", admin: "404" },
  },
  // Server actions.
  "/requests#createVpnRequestAction": {
    fixture: "ACTIVE",
    form: "vpn-request",
    // The form names the owning organization: another organization's customer is refused on Org ID.
    expect: { ...customerAction, stranger: "invalid" },
  },
  "/requests#cancelVpnRequestAction": { fixture: "PENDING_APPROVAL", expect: customerAction },
  "/requests#decommissionVpnAction": { fixture: "ACTIVE", expect: customerAction },
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
  "/support#approveVpnRequestAction": { fixture: "PENDING_APPROVAL", expect: staffAction },
  "/support#rejectVpnRequestAction": { fixture: "PENDING_APPROVAL", form: "reason", expect: staffAction },
  "/support#retryWorkflowAction": { fixture: "FAILED", expect: staffAction },
  "/support#decommissionVpnAction": { fixture: "ACTIVE", expect: staffAction },
};

/** Not called in the matrix, with the reason (counted and printed). */
export const NOT_IN_MATRIX: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "next-auth's own endpoints (sign-in callback, CSRF, session); the credentials check behind them is throttled and tested in lib/auth/sign-in-throttle.int.test.ts",
};

/** For an entry the table does not name: the rule of the place it lives in. */
export function defaultCell(key: string, kind: "page" | "route" | "action"): Cell {
  const staff = key.startsWith("/support");
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
