import { describe, expect, it } from "vitest";
import { AWS_DEFAULT_QUOTAS } from "@/lib/admin/capacity";
import { type AccountCapacity, chooseAccount, fullResource } from "./choose-account";

const account = (name: string, vpcs: number, others = vpcs): AccountCapacity => ({
  accountId: `id-${name}`,
  name,
  quotas: AWS_DEFAULT_QUOTAS,
  used: { VPC: vpcs, VGW: others, EIP: others, NAT: others, VPN: others },
});

describe("chooseAccount", () => {
  it("places in the account with the most room, ties by name", () => {
    expect(chooseAccount("eu-west-1", [account("b", 1), account("a", 1)])).toEqual({
      placed: true,
      accountId: "id-a",
    });
    expect(chooseAccount("eu-west-1", [account("a", 3), account("b", 2)])).toEqual({
      placed: true,
      accountId: "id-b",
    });
  });

  it("counts the default VPC: an account with it and four requests is full for VPCs", () => {
    // 4 requests + the default VPC = 5 of 5 VPCs; the other resources are at 4 of 5.
    const full = account("a", 5, 4);
    expect(fullResource(full)).toBe("VPC");
    expect(chooseAccount("eu-west-1", [full, account("b", 2, 1)])).toEqual({
      placed: true,
      accountId: "id-b",
    });
  });

  it("waits with a reason naming each account's full resource when none has room", () => {
    const result = chooseAccount("eu-west-1", [account("a", 5, 4), account("b", 5, 4)]);
    expect(result.placed).toBe(false);
    if (!result.placed) {
      expect(result.reason).toContain("Waiting for capacity in eu-west-1");
      expect(result.reason).toContain("a: VPCs 5/5");
      expect(result.reason).toContain("b: VPCs 5/5");
    }
  });

  it("waits when no account serves the region", () => {
    expect(chooseAccount("ap-south-1", [])).toEqual({
      placed: false,
      reason: "No enabled AWS account of the pool serves ap-south-1.",
    });
  });
});
