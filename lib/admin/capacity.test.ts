import { describe, expect, it } from "vitest";
import { capacityRows } from "./capacity";

describe("capacityRows", () => {
  it("counts one of each resource per request against AWS's default quotas", () => {
    const [row] = capacityRows({
      account: "default",
      regions: ["eu-west-1"],
      requestsByRegion: new Map([["eu-west-1", 3]]),
    });
    expect(row?.resources.VPC).toEqual({ used: 3, quota: 5, warning: false });
    expect(row?.resources.VPN).toEqual({ used: 3, quota: 50, warning: false });
    expect(row?.warnings).toEqual([]);
  });

  it("warns from 80 % (4 of 5), not before", () => {
    const rows = capacityRows({
      account: "default",
      regions: ["eu-west-1", "us-west-2"],
      requestsByRegion: new Map([
        ["eu-west-1", 4],
        ["us-west-2", 3],
      ]),
    });
    expect(rows.map((row) => [row.region, row.warnings])).toEqual([
      ["eu-west-1", ["VPC", "VGW", "EIP", "NAT"]],
      ["us-west-2", []],
    ]);
  });

  it("shows a region that is no longer offered but still holds resources, and empty offered regions", () => {
    const rows = capacityRows({
      account: "a",
      regions: ["ap-southeast-2"],
      requestsByRegion: new Map([["eu-west-2", 1]]),
    });
    expect(rows.map((row) => [row.region, row.resources.VGW.used])).toEqual([
      ["ap-southeast-2", 0],
      ["eu-west-2", 1],
    ]);
  });
});
