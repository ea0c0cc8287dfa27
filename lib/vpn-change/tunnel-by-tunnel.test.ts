import { describe, expect, it } from "vitest";
import { lastTunnelRefusal } from "./tunnel-by-tunnel";

describe("lastTunnelRefusal", () => {
  const up = (number: number) => ({ number, status: "UP" });
  const down = (number: number) => ({ number, status: "DOWN" });

  it("refuses to change a tunnel that may carry traffic while the other is down", () => {
    expect(lastTunnelRefusal(up(2), down(1), { goOn: false })).toMatch(/Tunnel 1 is down/);
    expect(lastTunnelRefusal({ number: 1, status: "UNKNOWN" }, down(2), { goOn: false })).toMatch(
      /Tunnel 2 is down/,
    );
  });

  it("allows it when the other is up, the target is down already, there is no other, or the customer goes on", () => {
    expect(lastTunnelRefusal(up(2), up(1), { goOn: false })).toBeNull();
    expect(lastTunnelRefusal(up(2), { number: 1, status: "UNKNOWN" }, { goOn: false })).toBeNull();
    expect(lastTunnelRefusal(down(2), down(1), { goOn: false })).toBeNull();
    expect(lastTunnelRefusal(up(1), undefined, { goOn: false })).toBeNull();
    expect(lastTunnelRefusal(up(2), down(1), { goOn: true })).toBeNull();
  });
});
