import { describe, expect, it } from "vitest";
import { parseTunnelLogEvent } from "./explain-tunnel-logs";
import { explainTunnelStatus } from "./explain-tunnel-status";
import { RECORDED } from "./fixtures/tunnel-log-events";

type Telemetry = {
  status: "UP" | "DOWN" | "UNKNOWN";
  statusMessage: string | null;
  acceptedRouteCount: number | null;
};
// The tunnel row as the poller stores it, StatusMessage included: the explanation must not read it.
const explain = (tunnel: Telemetry, events: { timestamp: number; message: string }[] = []) =>
  explainTunnelStatus(
    tunnel,
    events.flatMap((event) => parseTunnelLogEvent(event.timestamp, event.message) ?? []),
  );
const down = (statusMessage: string | null, events: { timestamp: number; message: string }[] = []) =>
  explain({ status: "DOWN", statusMessage, acceptedRouteCount: 0 }, events);

describe("explainTunnelStatus", () => {
  // AWS's StatusMessage is only "IPSEC IS DOWN", "IPSEC IS UP" or "N BGP ROUTES": the cause comes
  // from the tunnel log whatever it says.
  it.each([
    ["IPSEC IS DOWN", RECORDED.pskIkev1, "psk-mismatch", /pre-shared key/],
    ["IPSEC IS DOWN", RECORDED.noProposalIkev1, "no-proposal-match", /AES-256, SHA2-256 and DH group 14/],
    ["IPSEC IS DOWN", RECORDED.phase2, "phase2-failing", /0\.0\.0\.0\/0/],
    ["IPSEC IS UP", RECORDED.bgpDown, "bgp-down", /BGP neighbour/],
    ["IPSEC IS DOWN", RECORDED.peerDead, "peer-not-responding", /UDP 500 and 4500/],
  ])("%s with the log's events → %s", (message, events, cause, action) => {
    const explanation = down(message, events);
    expect(explanation.cause).toBe(cause);
    expect(explanation.action).toMatch(action);
  });

  it("reads no cause from StatusMessage text: without log events a down tunnel's cause is unknown", () => {
    for (const message of ["IPSEC IS DOWN", "IPSEC IS UP", "AUTHENTICATION_FAILED", "", null]) {
      const explanation = down(message);
      expect(explanation.cause).toBe("unknown");
      expect(explanation.action).toMatch(/initiate the tunnel/);
    }
  });

  it("warns from 90 of the 100 accepted routes", () => {
    expect(explain({ status: "UP", statusMessage: "89 BGP ROUTES", acceptedRouteCount: 89 }).cause).toBe(
      "up",
    );
    const near = explain({ status: "UP", statusMessage: "90 BGP ROUTES", acceptedRouteCount: 90 });
    expect(near.cause).toBe("up-near-route-limit");
    expect(near.summary).toContain("90 of 100");
  });

  it("has nothing to act on before AWS reports", () => {
    expect(explain({ status: "UNKNOWN", statusMessage: null, acceptedRouteCount: null })).toEqual({
      cause: "not-reported",
      summary: "No telemetry from AWS yet.",
      action: null,
    });
  });
});
