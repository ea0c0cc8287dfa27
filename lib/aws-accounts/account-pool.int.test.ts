// Acceptance of issue 14 (items 2, 3, 5): a pool of two accounts with AWS's default quotas,
// through the real SDK (STS, Service Quotas, EC2) against the emulator and a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCapacity } from "@/lib/admin/find-capacity";
import { createAwsAccount, setAwsAccountEnabled } from "@/lib/aws-accounts/save-aws-account";
import { db } from "@/lib/db";
import { CUSTOMER_CAPACITY_WAIT, findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { decommissionVpn } from "@/lib/provisioning/start-workflow";
import { startEmulatorForApp, type TestEmulator, workerPolicy } from "@/test/support/emulator";
import { customerViewer, staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";

let emulator: TestEmulator;
const ACCOUNTS = [
  { id: "111111111111", name: "pool-a", externalId: "ext-pool-a" },
  { id: "222222222222", name: "pool-b", externalId: "ext-pool-b" },
];
let accountIds: string[] = [];

type Resource = { accountId: string; type: string; state: string; tags: Record<string, string> };

beforeAll(async () => {
  emulator = await startEmulatorForApp({
    // AWS's defaults: 5 VPCs, 5 VGWs, 5 EIPs, 5 NAT gateways per AZ, 50 VPN connections.
    quotas: { vpcs: 5, internetGateways: 5, elasticIps: 5, natGatewaysPerAz: 5, vpnGateways: 5 },
    accounts: Object.fromEntries(ACCOUNTS.map((a) => [a.id, { externalId: a.externalId }])),
    // The cross-account role carries the worker's policy (docs/running-on-aws.md): every call through it is evaluated.
    iam: {
      policies: {
        emulator: workerPolicy(),
        ...Object.fromEntries(ACCOUNTS.map((a) => [`role:${a.id}`, workerPolicy()])),
      },
    },
  });
  const created = await Promise.all(
    ACCOUNTS.map((a) =>
      db.awsAccount.create({
        data: {
          name: a.name,
          roleArn: `arn:aws:iam::${a.id}:role/vpn-portal-provisioning`,
          externalId: a.externalId,
          regions: ["eu-west-1"],
        },
      }),
    ),
  );
  accountIds = created.map((account) => account.id);
});

afterAll(async () => {
  // Other suites of the run use the worker's own credentials: leave no pool behind.
  await db.vpnRequest.updateMany({
    where: { awsAccountId: { in: accountIds } },
    data: { awsAccountId: null },
  });
  await db.awsAccount.deleteMany({ where: { id: { in: accountIds } } });
  await emulator?.close();
});

describe("the AWS account pool", () => {
  it("places 8 requests in two accounts with default quotas, waits with the 9th, and proceeds when one is decommissioned", async () => {
    const requests = [];
    for (let i = 0; i < 8; i++) {
      const request = await createApprovedRequest();
      requests.push(request);
      expect(await runWorkflow(request.id)).toBe("completed");
    }
    const placed = await db.vpnRequest.findMany({
      where: { id: { in: requests.map((r) => r.id) } },
      select: { status: true, awsAccount: { select: { name: true } } },
    });
    expect(placed.every((r) => r.status === "AWAITING_CUSTOMER")).toBe(true);
    const perAccount = (name: string) => placed.filter((r) => r.awsAccount?.name === name).length;
    // Each account's region starts with its default VPC (and internet gateway): 4 more VPCs fit.
    expect([perAccount("pool-a"), perAccount("pool-b")]).toEqual([4, 4]);

    // What AWS holds agrees: 5 of 5 VPCs in each account, the portal's resources in their account.
    const { resources } = await emulator.admin<{ resources: Resource[] }>(
      "inventory?type=vpc&includeDefault=1",
    );
    for (const account of ACCOUNTS)
      expect(resources.filter((r) => r.accountId === account.id && r.type === "vpc")).toHaveLength(5);

    // The capacity page shows a row per account of the pool, from the portal's records.
    const capacity = await findCapacity();
    for (const name of ["pool-a", "pool-b"])
      expect(
        capacity.find((row) => row.account === name && row.region === "eu-west-1")?.resources.VPC.used,
      ).toBe(4);

    const ninth = await createApprovedRequest();
    expect(await runWorkflow(ninth.id)).toBe("waiting");
    const waiting = await db.vpnRequest.findUniqueOrThrow({ where: { id: ninth.id } });
    expect(waiting.status).toBe("PROVISIONING");
    expect(waiting.awsAccountId).toBeNull();
    expect(waiting.capacityWaitReason).toContain("every account of the pool is full");
    expect(waiting.capacityWaitReason).toContain("pool-a: VPCs 5/5");
    expect(waiting.capacityWaitingSince).not.toBeNull();
    // Staff see why on the request's progress; the customer sees that it continues by itself.
    const staffSees = await findWorkflowProgress(ninth.id, staffViewer(ninth.staff));
    expect(staffSees?.capacityWait).toBe(waiting.capacityWaitReason);
    const customerSees = await findWorkflowProgress(ninth.id, customerViewer(ninth.customer));
    expect(customerSees?.capacityWait).toBe(CUSTOMER_CAPACITY_WAIT);
    // Nothing was built for it, and nothing failed.
    expect(await emulator.inventory(ninth.id)).toEqual([]);
    expect(await runWorkflow(ninth.id)).toBe("waiting");

    const first = requests[0];
    if (!first) throw new Error("no request");
    const freed = await db.vpnRequest.findUniqueOrThrow({
      where: { id: first.id },
      select: { awsAccountId: true },
    });
    await decommissionVpn(first.id, staffViewer(first.staff));
    expect(await runWorkflow(first.id)).toBe("completed");

    expect(await runWorkflow(ninth.id)).toBe("completed");
    const proceeded = await db.vpnRequest.findUniqueOrThrow({ where: { id: ninth.id } });
    expect(proceeded.status).toBe("AWAITING_CUSTOMER");
    expect(proceeded.awsAccountId).toBe(freed.awsAccountId);
    expect(proceeded.capacityWaitReason).toBeNull();
  });

  it("lets an admin add an account (audited, without its external ID) and disable it", async () => {
    const { staff } = await createApprovedRequest();
    const actor = { id: staff.id, email: staff.email };
    const input = {
      name: "pool-c",
      roleArn: "arn:aws:iam::333333333333:role/vpn-portal-provisioning",
      externalId: "ext-pool-c",
      regions: ["eu-west-1"],
      enabled: true,
    };
    const { id } = await createAwsAccount(input, actor);
    accountIds.push(id);
    await expect(
      createAwsAccount({ ...input, roleArn: "arn:aws:iam::444444444444:role/x" }, actor),
    ).rejects.toThrow("An account of that name is in the pool already.");
    await setAwsAccountEnabled(id, false, actor);
    expect((await db.awsAccount.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["aws-account.created", "aws-account.disabled"]);
    expect(JSON.stringify(events)).not.toContain("ext-pool-c");
  });
});
