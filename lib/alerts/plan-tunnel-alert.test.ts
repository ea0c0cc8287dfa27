import { describe, expect, it } from "vitest";
import { type PendingChange, planTunnelAlert, redundancyChange } from "./plan-tunnel-alert";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + seconds * 1000);
const change = (
  status: "UP" | "DOWN",
  seconds: number,
  statusMessage: string | null = null,
): PendingChange => ({
  status,
  statusMessage,
  occurredAt: at(seconds),
});
const WINDOW = 300_000;

describe("planTunnelAlert", () => {
  it("sends at once when no alert went out in the window", () => {
    const plan = planTunnelAlert({
      pending: [change("DOWN", 0, "IPSEC IS DOWN")],
      statusBefore: "UP",
      lastAlertAt: null,
      now: at(5),
      windowMs: WINDOW,
    });
    expect(plan).toEqual({
      action: "send",
      summary: {
        kind: "tunnel.down",
        from: "UP",
        to: "DOWN",
        wentDown: 1,
        cameUp: 0,
        firstAt: at(0),
        lastAt: at(0),
        lastMessage: "IPSEC IS DOWN",
      },
    });
  });

  it("holds a change that comes within the window of the last alert until the window ends", () => {
    const plan = planTunnelAlert({
      pending: [change("UP", 100)],
      statusBefore: "DOWN",
      lastAlertAt: at(0),
      now: at(101),
      windowMs: WINDOW,
    });
    expect(plan).toEqual({ action: "wait", until: at(300) });
  });

  it("summarises a flapping tunnel in one alert when the window ends", () => {
    const pending = [
      change("UP", 10),
      change("DOWN", 20),
      change("UP", 30),
      change("DOWN", 40),
      change("UP", 50),
    ];
    const waiting = planTunnelAlert({
      pending,
      statusBefore: "DOWN",
      lastAlertAt: at(0),
      now: at(60),
      windowMs: WINDOW,
    });
    expect(waiting.action).toBe("wait");
    const plan = planTunnelAlert({
      pending,
      statusBefore: "DOWN",
      lastAlertAt: at(0),
      now: at(300),
      windowMs: WINDOW,
    });
    expect(plan).toMatchObject({
      action: "send",
      summary: { kind: "tunnel.up", wentDown: 2, cameUp: 3, firstAt: at(10), lastAt: at(50) },
    });
  });

  it("calls it flapped when the tunnel ends where it started", () => {
    const plan = planTunnelAlert({
      pending: [change("DOWN", 10), change("UP", 20)],
      statusBefore: "UP",
      lastAlertAt: null,
      now: at(30),
      windowMs: WINDOW,
    });
    expect(plan).toMatchObject({
      action: "send",
      summary: { kind: "tunnel.flapped", from: "UP", to: "UP", wentDown: 1, cameUp: 1 },
    });
  });

  it("does not alert on a new tunnel's first DOWN, nor on message-only changes", () => {
    expect(
      planTunnelAlert({
        pending: [change("DOWN", 0)],
        statusBefore: "UNKNOWN",
        lastAlertAt: null,
        now: at(1),
        windowMs: WINDOW,
      }),
    ).toEqual({
      action: "consume",
    });
    expect(
      planTunnelAlert({
        pending: [change("UP", 0, "5 BGP ROUTES")],
        statusBefore: "UP",
        lastAlertAt: null,
        now: at(1),
        windowMs: WINDOW,
      }),
    ).toEqual({
      action: "consume",
    });
  });

  it("alerts the first time a new tunnel comes up, in whatever order the changes were read", () => {
    const plan = planTunnelAlert({
      pending: [change("UP", 20), change("DOWN", 10)],
      statusBefore: "UNKNOWN",
      lastAlertAt: null,
      now: at(30),
      windowMs: WINDOW,
    });
    expect(plan).toMatchObject({
      action: "send",
      summary: { kind: "tunnel.up", wentDown: 0, cameUp: 1, firstAt: at(20) },
    });
  });
});

describe("redundancyChange", () => {
  it("says lost or restored only when it differs from what was announced", () => {
    expect(redundancyChange(null, false)).toBeNull();
    expect(redundancyChange(null, true)).toBe("restored");
    expect(redundancyChange(true, false)).toBe("lost");
    expect(redundancyChange(false, true)).toBe("restored");
    expect(redundancyChange(true, true)).toBeNull();
  });
});
