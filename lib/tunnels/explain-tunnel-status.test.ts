import { describe, expect, it } from "vitest";
import { explainTunnelStatus } from "./explain-tunnel-status";

const down = (statusMessage: string | null) =>
  explainTunnelStatus({ status: "DOWN", statusMessage, acceptedRouteCount: 0 });

describe("explainTunnelStatus", () => {
  it.each([
    ["AUTHENTICATION_FAILED", "psk-mismatch", /pre-shared key/],
    ["IKE SA: authentication failed (PSK)", "psk-mismatch", /pre-shared key/],
    ["NO_PROPOSAL_CHOSEN", "no-proposal-match", /AES-256, SHA2-256 and DH group 14/],
    ["TS_UNACCEPTABLE", "traffic-selectors", /0\.0\.0\.0\/0/],
    ["IPSEC IS UP", "bgp-down", /BGP neighbour/],
    ["BGP session is down", "bgp-down", /TCP 179/],
    ["No packets received from peer", "no-packets", /UDP 500 and 4500/],
    ["DPD timeout", "no-packets", /UDP 500 and 4500/],
    ["IPSEC IS DOWN", "ipsec-down", /initiate the tunnel/],
  ])("%s → %s", (message, cause, action) => {
    const explanation = down(message);
    expect(explanation.cause).toBe(cause);
    expect(explanation.action).toMatch(action);
  });

  it("says what AWS said when the cause is not known, and that nothing was said when empty", () => {
    expect(down("SOMETHING ODD").summary).toContain('"SOMETHING ODD"');
    expect(down("").summary).toMatch(/no reason/);
    expect(down(null).cause).toBe("unknown");
  });

  it("warns from 90 of the 100 accepted routes", () => {
    expect(
      explainTunnelStatus({ status: "UP", statusMessage: "89 BGP ROUTES", acceptedRouteCount: 89 }).cause,
    ).toBe("up");
    const near = explainTunnelStatus({
      status: "UP",
      statusMessage: "90 BGP ROUTES",
      acceptedRouteCount: 90,
    });
    expect(near.cause).toBe("up-near-route-limit");
    expect(near.summary).toContain("90 of 100");
  });

  it("has nothing to act on before AWS reports", () => {
    expect(explainTunnelStatus({ status: "UNKNOWN", statusMessage: null, acceptedRouteCount: null })).toEqual(
      {
        cause: "not-reported",
        summary: "No telemetry from AWS yet.",
        action: null,
      },
    );
  });
});
