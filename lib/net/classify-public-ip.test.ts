import { describe, expect, it } from "vitest";
import { checkPublicIpv4 } from "./classify-public-ip";

const strict = { allowDocumentation: false };
const lab = { allowDocumentation: true };

describe("checkPublicIpv4", () => {
  it("accepts public unicast addresses, including the edges of reserved blocks", () => {
    for (const ip of [
      "52.14.7.20",
      "8.8.8.8",
      "1.0.0.1",
      "9.255.255.255", // just below 10/8
      "11.0.0.0", // just above 10/8
      "172.15.255.255",
      "172.32.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "192.0.1.255",
      "192.0.3.0",
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255", // last before multicast
      " 52.14.7.20 ", // trimmed
    ]) {
      expect(checkPublicIpv4(ip, strict), ip).toBeNull();
    }
  });

  it.each([
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["10.0.0.1", "private (RFC 1918)"],
    ["10.255.255.255", "private (RFC 1918)"],
    ["172.16.0.1", "private (RFC 1918)"],
    ["172.31.255.255", "private (RFC 1918)"],
    ["192.168.1.1", "private (RFC 1918)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["169.254.10.1", "link-local"],
    ["192.0.0.9", "IETF protocol assignments"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["224.0.0.5", "multicast"],
    ["239.255.255.255", "multicast"],
    ["240.0.0.1", "reserved address (240.0.0.0/4)"],
    ["255.255.255.254", "reserved address (240.0.0.0/4)"],
    ["255.255.255.255", "broadcast"],
  ])("rejects %s (%s) and asks for the public address", (ip, why) => {
    const message = checkPublicIpv4(ip, lab);
    expect(message).toContain(ip);
    expect(message).toContain(why);
    expect(message).toContain("enter your gateway's public IPv4 address");
  });

  it("gives the example message for RFC 1918", () => {
    expect(checkPublicIpv4("192.168.1.1", strict)).toMatch(
      /^192\.168\.1\.1 is a private \(RFC 1918\) address — enter your gateway's public IPv4 address/,
    );
  });

  it.each([
    ["192.0.2.10", "TEST-NET-1"],
    ["198.51.100.7", "TEST-NET-2"],
    ["203.0.113.255", "TEST-NET-3"],
  ])("documentation address %s is rejected unless the deployment allows it", (ip, name) => {
    expect(checkPublicIpv4(ip, strict)).toContain(`documentation address (${name}`);
    expect(checkPublicIpv4(ip, lab)).toBeNull();
  });

  it("explains malformed input", () => {
    expect(checkPublicIpv4("", strict)).toMatch(/^Enter your gateway's public IPv4 address/);
    expect(checkPublicIpv4("1.2.3", strict)).toContain("1.2.3 is not an IPv4 address");
    expect(checkPublicIpv4("vpn.example.com", strict)).toContain("not an IPv4 address");
    expect(checkPublicIpv4("52.1.2.3/32", strict)).toContain("without a prefix length, e.g. 52.1.2.3");
    expect(checkPublicIpv4("2001:db8::1", strict)).toContain("IPv6");
  });
});
