import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { admin, type InventoryResponse, rejectionOf, testEmulatorForFile } from "./testing";

const emu = testEmulatorForFile({
  config: {
    accounts: { "111111111111": { externalId: "ext-a" }, "222222222222": { externalId: "ext-b" } },
  },
});
const region = "eu-west-1";
const base = { accessKeyId: "emulator", secretAccessKey: "emulator" };

async function assume(account: string, externalId: string | undefined) {
  const sts = new STSClient({ endpoint: emu.url, region, credentials: base, maxAttempts: 1 });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/vpn-portal`,
      RoleSessionName: "portal",
      ...(externalId ? { ExternalId: externalId } : {}),
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("no credentials");
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

type AwsClientConfig = {
  endpoint: string;
  region: string;
  credentials: Awaited<ReturnType<typeof assume>>;
  maxAttempts: number;
};

/** An SDK client (EC2, Service Quotas) signed with a role assumed in `account`. */
async function clientIn<C>(Client: new (config: AwsClientConfig) => C, account: string, externalId: string) {
  return new Client({
    endpoint: emu.url,
    region,
    credentials: await assume(account, externalId),
    maxAttempts: 1,
  });
}

describe("several accounts behind one endpoint", () => {
  it("AssumeRole returns temporary credentials for the role's account, and only with its external ID", async () => {
    const creds = await assume("111111111111", "ext-a");
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const wrong = await rejectionOf(assume("111111111111", "ext-b"));
    expect(wrong.name).toBe("AccessDenied");
    expect((await rejectionOf(assume("111111111111", undefined))).name).toBe("AccessDenied");
    expect((await rejectionOf(assume("333333333333", "ext-a"))).name).toBe("AccessDenied");
  });

  it("keeps each account's resources apart, each with its own default VPC", async () => {
    const a = await clientIn(EC2Client, "111111111111", "ext-a");
    const b = await clientIn(EC2Client, "222222222222", "ext-b");
    const made = await a.send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" }));
    const inA = (await a.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    const inB = (await b.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(inA.map((v) => v.VpcId)).toContain(made.Vpc?.VpcId);
    expect(inA.filter((v) => v.IsDefault)).toHaveLength(1);
    expect(inB.map((v) => v.VpcId)).not.toContain(made.Vpc?.VpcId);
    expect(inB.filter((v) => v.IsDefault)).toHaveLength(1);
    const inventory = await admin<InventoryResponse & { resources: { accountId: string }[] }>(
      emu.url,
      "inventory?type=vpc",
    );
    expect(inventory.resources.find((r) => r.id === made.Vpc?.VpcId)?.accountId).toBe("111111111111");
  });

  it("answers GetServiceQuota with AWS's default quotas", async () => {
    const sq = await clientIn(ServiceQuotasClient, "222222222222", "ext-b");
    const vpcs = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "vpc", QuotaCode: "L-F678F1CE" }));
    expect(vpcs.Quota?.Value).toBe(5);
    expect(vpcs.Quota?.QuotaArn).toContain(":222222222222:");
    const eips = await sq.send(new GetServiceQuotaCommand({ ServiceCode: "ec2", QuotaCode: "L-0263D0A3" }));
    expect(eips.Quota?.Value).toBe(5);
    const missing = await rejectionOf(
      sq.send(new GetServiceQuotaCommand({ ServiceCode: "vpc", QuotaCode: "L-00000000" })),
    );
    expect(missing.name).toBe("NoSuchResourceException");
  });
});
