import { describe, expect, it } from "vitest";
import { parseTunnelLogEvent } from "@/lib/tunnels/explain-tunnel-logs";
import { RECORDED } from "@/lib/tunnels/fixtures/tunnel-log-events";
import { composeAlert } from "./compose-alert";

const base = {
  organizationId: "org-1",
  request: {
    id: "req-1",
    customerName: "Dublin DC",
    region: "eu-west-1",
    status: "DEGRADED",
    vpnConnectionId: "vpn-0123",
  },
  tunnel: {
    number: 1,
    outsideIp: "203.0.113.7",
    status: "DOWN" as const,
    statusMessage: "IPSEC IS DOWN",
    acceptedRouteCount: 0,
  },
  summary: {
    kind: "tunnel.down" as const,
    from: "UP" as const,
    to: "DOWN" as const,
    wentDown: 1,
    cameUp: 0,
    firstAt: new Date("2026-11-27T12:00:00Z"),
    lastAt: new Date("2026-11-27T12:00:00Z"),
    lastMessage: "IPSEC IS DOWN",
  },
  sentAt: new Date("2026-11-27T12:00:05Z"),
  // AWS's StatusMessage says only "IPSEC IS DOWN": the cause is in the tunnel log.
  logEvents: RECORDED.pskIkev1.flatMap((event) => parseTunnelLogEvent(event.timestamp, event.message) ?? []),
};

describe("composeAlert", () => {
  it("names the connection, tunnel, cause, what to do and lost redundancy", () => {
    const alert = composeAlert({ ...base, redundancy: { met: false, change: "lost" } });
    expect(alert.subject).toBe("[VPN] Dublin DC: tunnel 1 down, redundancy lost");
    expect(alert.kind).toBe("tunnel.down+redundancy.lost");
    expect(alert.text).toContain("Pre-shared key mismatch");
    expect(alert.text).toContain("invalid Pre-shared Key");
    expect(alert.text).toContain("Redundancy: NOT met (lost)");
    expect(alert.payload).toMatchObject({
      kind: "tunnel.down",
      redundancy: { change: "lost" },
      tunnel: { cause: "psk-mismatch" },
    });
  });

  it("says why a tunnel that was never up does not come up, in the subject and the text", () => {
    const alert = composeAlert({
      ...base,
      summary: { ...base.summary, kind: "tunnel.failing", from: "DOWN", wentDown: 0 },
      redundancy: { met: false, change: null },
      everUp: false,
    });
    expect(alert.subject).toBe("[VPN] Dublin DC: tunnel 1 not coming up: pre-shared key mismatch");
    expect(alert.text).toContain("Still DOWN, and never up yet; AWS's tunnel log now says why.");
    expect(alert.text).toContain("What to do: Copy this tunnel's pre-shared key again");
    expect(alert.payload).toMatchObject({ kind: "tunnel.failing", tunnel: { cause: "psk-mismatch" } });
  });

  it("summarises a flapping window", () => {
    const alert = composeAlert({
      ...base,
      tunnel: { ...base.tunnel, status: "UP", statusMessage: "" },
      summary: { ...base.summary, kind: "tunnel.flapped", to: "UP", from: "UP", wentDown: 3, cameUp: 3 },
      redundancy: { met: true, change: null },
    });
    expect(alert.subject).toBe("[VPN] Dublin DC: tunnel 1 flapping");
    expect(alert.text).toContain("went down 3 time(s) and came up 3 time(s)");
  });
});
