import { describe, expect, it } from "vitest";
import { PLATFORM_SUPPORT, presentActor } from "./present-actor";

describe("presentActor", () => {
  it("shows customers 'Platform support' for staff, and their own colleagues by address", () => {
    const staff = { actorEmail: "support@example.com", actorIsStaff: true };
    const colleague = { actorEmail: "alice@customer.test", actorIsStaff: false };
    expect(presentActor(staff, { customer: true })).toBe(PLATFORM_SUPPORT);
    expect(presentActor(colleague, { customer: true })).toBe("alice@customer.test");
    expect(presentActor(staff, { customer: false })).toBe("support@example.com");
    expect(presentActor({ actorEmail: "system", actorIsStaff: false }, { customer: true })).toBe("system");
    expect(presentActor({ actorEmail: null, actorIsStaff: false }, { customer: true })).toBeNull();
  });
});
