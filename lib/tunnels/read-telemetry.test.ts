import { describe, expect, it } from "vitest";
import { isRedundancyMet, readTelemetry, requestStatusFor, type StoredTunnel } from "./read-telemetry";

const since = new Date("2026-11-27T10:00:00Z");
const tunnel = (number: number, overrides: Partial<StoredTunnel> = {}): StoredTunnel => ({
  id: `t${number}`,
  number,
  outsideIp: `203.0.113.${number}`,
  status: "UNKNOWN",
  statusMessage: null,
  statusSince: null,
  acceptedRouteCount: null,
  ...overrides,
});

describe("readTelemetry", () => {
  it("matches by outside IP, whatever the order AWS lists the tunnels in", () => {
    const changes = readTelemetry(
      [tunnel(1), tunnel(2)],
      [
        {
          OutsideIpAddress: "203.0.113.2",
          Status: "UP",
          StatusMessage: "3 BGP ROUTES",
          LastStatusChange: since,
          AcceptedRouteCount: 3,
        },
        {
          OutsideIpAddress: "203.0.113.1",
          Status: "DOWN",
          StatusMessage: "IPSEC IS DOWN",
          LastStatusChange: since,
          AcceptedRouteCount: 0,
        },
      ],
    );
    expect(changes).toEqual([
      expect.objectContaining({
        number: 1,
        status: "DOWN",
        statusMessage: "IPSEC IS DOWN",
        statusChanged: true,
        previousStatus: "UNKNOWN",
      }),
      expect.objectContaining({ number: 2, status: "UP", acceptedRouteCount: 3, statusSince: since }),
    ]);
  });

  it("reports a message or route-count change without a status change, and nothing when all is the same", () => {
    const stored = tunnel(1, {
      status: "UP",
      statusMessage: "3 BGP ROUTES",
      acceptedRouteCount: 3,
      statusSince: since,
    });
    expect(
      readTelemetry(
        [stored],
        [
          {
            OutsideIpAddress: "203.0.113.1",
            Status: "UP",
            StatusMessage: "3 BGP ROUTES",
            AcceptedRouteCount: 3,
          },
        ],
      ),
    ).toEqual([]);
    const [change] = readTelemetry(
      [stored],
      [
        {
          OutsideIpAddress: "203.0.113.1",
          Status: "UP",
          StatusMessage: "95 BGP ROUTES",
          AcceptedRouteCount: 95,
        },
      ],
    );
    expect(change).toMatchObject({ statusChanged: false, acceptedRouteCount: 95, statusSince: since });
  });

  it("treats an empty message as none and skips tunnels AWS does not list", () => {
    const changes = readTelemetry(
      [tunnel(1), tunnel(2, { outsideIp: null })],
      [{ OutsideIpAddress: "203.0.113.1", Status: "UP", StatusMessage: "" }],
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]?.statusMessage).toBeNull();
  });
});

describe("requestStatusFor", () => {
  const up = (number: number) => ({ number, status: "UP" as const });
  const downT = (number: number) => ({ number, status: "DOWN" as const });
  /** The request's status from its current one, tunnel count, tunnels and whether one was ever up. */
  const statusOf = (
    current: Parameters<typeof requestStatusFor>[0]["current"],
    tunnelCount: number,
    tunnels: Parameters<typeof requestStatusFor>[0]["tunnels"],
    wasEverUp: boolean,
  ) => requestStatusFor({ current, tunnelCount, tunnels, wasEverUp });

  it("ACTIVE with both up, DEGRADED with one, DOWN with none after having been up", () => {
    expect(statusOf("AWAITING_CUSTOMER", 2, [up(1), up(2)], false)).toBe("ACTIVE");
    expect(statusOf("ACTIVE", 2, [downT(1), up(2)], true)).toBe("DEGRADED");
    expect(statusOf("DEGRADED", 2, [downT(1), downT(2)], true)).toBe("DOWN");
  });

  it("stays AWAITING_CUSTOMER while no tunnel has ever been up", () => {
    expect(statusOf("AWAITING_CUSTOMER", 2, [downT(1), downT(2)], false)).toBe("AWAITING_CUSTOMER");
  });

  it("counts only tunnel 1 for a one-tunnel request", () => {
    expect(statusOf("AWAITING_CUSTOMER", 1, [up(1), downT(2)], false)).toBe("ACTIVE");
    expect(statusOf("ACTIVE", 1, [downT(1), up(2)], true)).toBe("DOWN");
  });

  it("leaves requests alone outside the tunnel-driven statuses", () => {
    expect(statusOf("DECOMMISSIONING", 2, [up(1), up(2)], true)).toBeNull();
    expect(statusOf("PROVISIONING", 2, [up(1), up(2)], true)).toBeNull();
  });
});

describe("isRedundancyMet", () => {
  it("needs two configured tunnels, both up", () => {
    expect(
      isRedundancyMet(2, [
        { number: 1, status: "UP" },
        { number: 2, status: "UP" },
      ]),
    ).toBe(true);
    expect(
      isRedundancyMet(2, [
        { number: 1, status: "UP" },
        { number: 2, status: "DOWN" },
      ]),
    ).toBe(false);
    expect(isRedundancyMet(1, [{ number: 1, status: "UP" }])).toBe(false);
  });
});
