import { describe, expect, it } from "vitest";
import { isInAudience, type Viewer, viewerOf } from "./viewer";

const user = (role: "CUSTOMER" | "SUPPORT" | "ADMIN", extra: { deactivatedAt?: Date | null } = {}) => ({
  id: "u1",
  email: "u@example.test",
  name: "U",
  role,
  organizationId: role === "CUSTOMER" ? "org-1" : null,
  ...extra,
});

const viewer = (role: "CUSTOMER" | "SUPPORT" | "ADMIN") => viewerOf(user(role)) as Viewer;

describe("viewer audiences", () => {
  it("lets only admins into the admin audience", () => {
    expect(isInAudience(viewer("ADMIN"), "admin")).toBe(true);
    expect(isInAudience(viewer("SUPPORT"), "admin")).toBe(false);
    expect(isInAudience(viewer("CUSTOMER"), "admin")).toBe(false);
  });

  it("keeps admins in the staff audience", () => {
    expect(isInAudience(viewer("ADMIN"), "staff")).toBe(true);
    expect(isInAudience(viewer("SUPPORT"), "staff")).toBe(true);
    expect(isInAudience(viewer("CUSTOMER"), "staff")).toBe(false);
  });
});

describe("viewerOf", () => {
  it("is no viewer for a deactivated user, whatever the role", () => {
    for (const role of ["CUSTOMER", "SUPPORT", "ADMIN"] as const)
      expect(viewerOf(user(role, { deactivatedAt: new Date() }))).toBeNull();
    expect(viewerOf(user("ADMIN", { deactivatedAt: null }))?.role).toBe("ADMIN");
  });
});
