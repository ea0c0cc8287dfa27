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
/** The plan for `pending` changes after `statusBefore`, at `now`, with the last alert at `lastAlertAt`. */
const planIn5Minutes = (
  pending: PendingChange[],
  statusBefore: Parameters<typeof planTunnelAlert>[0]["statusBefore"],
  now: Date,
  lastAlertAt: Date | null = null,
) => planTunnelAlert({ pending, statusBefore, lastAlertAt, now, windowMs: WINDOW });

describe("planTunnelAlert", () => {
  it("sends at once when no alert went out in the window", () => {
    const plan = planIn5Minutes([change("DOWN", 0, "IPSEC IS DOWN")], "UP", at(5));
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
    const plan = planIn5Minutes([change("UP", 100)], "DOWN", at(101), at(0));
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
    const waiting = planIn5Minutes(pending, "DOWN", at(60), at(0));
    expect(waiting.action).toBe("wait");
    const plan = planIn5Minutes(pending, "DOWN", at(300), at(0));
    expect(plan).toMatchObject({
      action: "send",
      summary: { kind: "tunnel.up", wentDown: 2, cameUp: 3, firstAt: at(10), lastAt: at(50) },
    });
  });

  it("calls it flapped when the tunnel ends where it started", () => {
    const plan = planIn5Minutes([change("DOWN", 10), change("UP", 20)], "UP", at(30));
    expect(plan).toMatchObject({
      action: "send",
      summary: { kind: "tunnel.flapped", from: "UP", to: "UP", wentDown: 1, cameUp: 1 },
    });
  });

  it("does not alert on a new tunnel's first DOWN, nor on message-only changes", () => {
    expect(planIn5Minutes([change("DOWN", 0)], "UNKNOWN", at(1))).toEqual({
      action: "consume",
    });
    expect(planIn5Minutes([change("UP", 0, "5 BGP ROUTES")], "UP", at(1))).toEqual({
      action: "consume",
    });
  });

  it("alerts the first time a new tunnel comes up, in whatever order the changes were read", () => {
    const plan = planIn5Minutes([change("UP", 20), change("DOWN", 10)], "UNKNOWN", at(30));
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
