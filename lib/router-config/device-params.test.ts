import { describe, expect, it } from "vitest";
import { defaultDeviceParams, defaultTunnelNumbers, parseDeviceParams } from "./device-params";

describe("device parameters", () => {
  it("gives an organization's Nth connection tunnel numbers 2N-1 and 2N (never shared)", () => {
    expect(defaultTunnelNumbers(1)).toEqual({ tunnel1: 1, tunnel2: 2 });
    expect(defaultTunnelNumbers(2)).toEqual({ tunnel1: 3, tunnel2: 4 });
    expect(defaultTunnelNumbers(7)).toEqual({ tunnel1: 13, tunnel2: 14 });
    expect(defaultTunnelNumbers(0)).toEqual({ tunnel1: 1, tunnel2: 2 });
    const used = new Set<number>();
    for (let n = 1; n <= 50; n++) {
      const { tunnel1, tunnel2 } = defaultTunnelNumbers(n);
      expect(used.has(tunnel1) || used.has(tunnel2)).toBe(false);
      used.add(tunnel1).add(tunnel2);
    }
  });

  it("uses the vendor's usual interface names as defaults", () => {
    expect(defaultDeviceParams("cisco-ios", 1).outside).toBe("GigabitEthernet1");
    expect(defaultDeviceParams("juniper-srx", 2)).toMatchObject({
      outside: "ge-0/0/0.0",
      inside: "trust",
      tunnel1: 3,
    });
    expect(defaultDeviceParams("fortigate", 1).inside).toBe("internal");
  });

  it("reads this format's parameters from the query, keeps only non-defaults in the link", () => {
    const parsed = parseDeviceParams(
      "cisco-asa",
      new URLSearchParams("format=cisco-asa&outside=wan&tunnel1=3&tunnel2=20&inside=inside&updown=/x"),
      2,
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.params).toMatchObject({ outside: "wan", inside: "inside", tunnel1: 3, tunnel2: 20 });
    // tunnel1=3 and inside=inside are this connection's defaults; updown is not an ASA parameter.
    expect(parsed.query).toBe("?outside=wan&tunnel2=20");
    expect(parsed.fields.map((f) => f.name)).toEqual(["outside", "inside", "tunnel1", "tunnel2"]);
  });

  it("refuses names that could break out of a CLI line and falls back to the default", () => {
    const parsed = parseDeviceParams(
      "cisco-ios",
      new URLSearchParams({ outside: "Gi1\nusername x", tunnel1: "-1", tunnel2: "abc" }),
      1,
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.params).toMatchObject({ outside: "GigabitEthernet1", tunnel1: 1, tunnel2: 2 });
    expect(parsed.query).toBe("");
    expect(parsed.fields.filter((f) => f.error).map((f) => f.name)).toEqual([
      "outside",
      "tunnel1",
      "tunnel2",
    ]);
    const path = parseDeviceParams("strongswan", new URLSearchParams({ updown: "/tmp/x; rm -rf /" }), 1);
    expect(path.params.updown).toBe("/usr/local/sbin/aws-vpn-updown");
  });

  it("refuses the same number for both tunnels", () => {
    const parsed = parseDeviceParams("vyos", new URLSearchParams({ tunnel1: "5", tunnel2: "5" }), 1);
    expect(parsed.ok).toBe(false);
    expect(parsed.params).toMatchObject({ tunnel1: 1, tunnel2: 2 });
    expect(parsed.fields.find((f) => f.name === "tunnel2")?.error).toMatch(/differ/);
  });
});
