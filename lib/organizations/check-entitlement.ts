// Who may request a site-to-site VPN (DESIGN §1): Enterprise as standard, Team with the VPN add-on.
// Pure, so the page (explains why) and the server action (refuses) apply the same rule.

export type Plan = "TEAM" | "ENTERPRISE";

export type VpnEntitlement = { entitled: true } | { entitled: false; reason: string };

export function checkVpnEntitlement(org: { plan: Plan; vpnAddOn: boolean }): VpnEntitlement {
  if (org.plan === "ENTERPRISE") return { entitled: true };
  if (org.vpnAddOn) return { entitled: true };
  return {
    entitled: false,
    reason:
      "Site-to-site VPN is an add-on for the Team plan and is not enabled for your organization. " +
      "Ask your account owner to add the VPN add-on (or move to Enterprise, where it is included), then request again.",
  };
}
