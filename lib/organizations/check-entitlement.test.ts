import { describe, expect, it } from "vitest";
import { checkVpnEntitlement } from "./check-entitlement";

describe("checkVpnEntitlement", () => {
  it("includes the VPN for Enterprise, add-on or not", () => {
    expect(checkVpnEntitlement({ plan: "ENTERPRISE", vpnAddOn: false })).toEqual({ entitled: true });
    expect(checkVpnEntitlement({ plan: "ENTERPRISE", vpnAddOn: true })).toEqual({ entitled: true });
  });

  it("allows Team with the add-on", () => {
    expect(checkVpnEntitlement({ plan: "TEAM", vpnAddOn: true })).toEqual({ entitled: true });
  });

  it("refuses Team without the add-on and says what to do", () => {
    const result = checkVpnEntitlement({ plan: "TEAM", vpnAddOn: false });
    expect(result.entitled).toBe(false);
    if (result.entitled) return;
    expect(result.reason).toContain("Ask your account owner to add the VPN add-on");
    expect(result.reason).toContain("Enterprise");
  });
});
