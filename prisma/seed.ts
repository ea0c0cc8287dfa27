// Demo data for `npm start` and the end-to-end tests — never run in production. Idempotent:
// a database that already has the demo organizations is left as it is.

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { sealTotpSecret } from "@/lib/auth/totp-secret";
import { db } from "@/lib/db";

export const DEMO_ORGS = {
  enterprise: {
    id: "5b0f8a52-5c1e-4d7a-9a43-0e1c2d3b4a01",
    name: "Acme Manufacturing",
    plan: "ENTERPRISE",
    vpnAddOn: false,
  },
  teamPlus: {
    id: "5b0f8a52-5c1e-4d7a-9a43-0e1c2d3b4a02",
    name: "Globex Logistics",
    plan: "TEAM",
    vpnAddOn: true,
  },
  team: { id: "5b0f8a52-5c1e-4d7a-9a43-0e1c2d3b4a03", name: "Initech Retail", plan: "TEAM", vpnAddOn: false },
} as const;

export const DEMO_USERS = [
  {
    email: "enterprise@example.com",
    name: "Erin Enterprise",
    role: "CUSTOMER",
    org: DEMO_ORGS.enterprise.id,
  },
  { email: "teamplus@example.com", name: "Tom Teamplus", role: "CUSTOMER", org: DEMO_ORGS.teamPlus.id },
  { email: "team@example.com", name: "Tara Team", role: "CUSTOMER", org: DEMO_ORGS.team.id },
  { email: "support@example.com", name: "Sam Support", role: "SUPPORT", org: null },
  { email: "admin@example.com", name: "Ada Admin", role: "ADMIN", org: null },
] as const;

/** Returns false when the demo data was already there. */
export async function seedDemoData(
  password: string,
  options: {
    withRequests?: boolean;
    /** Demo staff enrolled with this TOTP secret (e2e: the tests compute its codes); else they enrol. */
    staffTotpSecret?: string;
  } = {},
): Promise<boolean> {
  const existing = await db.organization.findUnique({ where: { id: DEMO_ORGS.enterprise.id } });
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    for (const org of Object.values(DEMO_ORGS)) await tx.organization.create({ data: org });
    for (const user of DEMO_USERS) {
      const created = await tx.user.create({
        data: { email: user.email, name: user.name, role: user.role, organizationId: user.org, passwordHash },
      });
      if (options.staffTotpSecret && user.role !== "CUSTOMER") {
        await tx.user.update({
          where: { id: created.id },
          data: {
            totpSecretEncrypted: sealTotpSecret(created.id, options.staffTotpSecret),
            totpEnabledAt: new Date(),
          },
        });
      }
    }
  });
  if (options.withRequests ?? true) await seedDemoRequests();
  return true;
}

/** Two pending requests so that support has something to approve on a fresh start. */
async function seedDemoRequests() {
  const erin = await db.user.findUniqueOrThrow({ where: { email: "enterprise@example.com" } });
  const tom = await db.user.findUniqueOrThrow({ where: { email: "teamplus@example.com" } });
  const requests = [
    {
      user: erin,
      data: {
        organizationId: DEMO_ORGS.enterprise.id,
        customerName: "Acme Plant Chicago",
        location: "us-chi",
        region: "us-west-2",
        recommendedRegion: "us-west-2",
        estimatedRttMs: 50,
        customerGatewayIp: "198.51.100.10",
        routing: "STATIC" as const,
        subnetRanges: ["10.20.0.0/16", "172.20.8.0/22"],
        advertisedNetworks: [],
        ikeVersion: "IKEV2" as const,
        tunnelCount: 2,
      },
    },
    {
      user: tom,
      data: {
        organizationId: DEMO_ORGS.teamPlus.id,
        customerName: "Globex Warehouse Dublin",
        location: "ie-dub",
        region: "eu-west-1",
        recommendedRegion: "eu-west-1",
        estimatedRttMs: 3,
        customerGatewayIp: "203.0.113.20",
        routing: "BGP" as const,
        bgpAsn: 65010n,
        subnetRanges: [],
        advertisedNetworks: ["10.50.0.0/16"],
        ikeVersion: "IKEV2" as const,
        tunnelCount: 2,
      },
    },
  ];
  for (const { user, data } of requests) {
    const request = await db.vpnRequest.create({ data: { ...data, submittedById: user.id } });
    await recordAuditEvent({
      actor: { id: user.id, email: user.email },
      action: "vpn-request.submitted",
      targetType: "VpnRequest",
      targetId: request.id,
      organizationId: data.organizationId,
      details: { region: data.region, routing: data.routing, tunnels: data.tunnelCount, demo: true },
    });
  }
}

/** The demo AWS account pool, when the pool is empty (an admin's own pool is left as it is). */
export async function seedDemoAwsPool(
  accounts: readonly { name: string; roleArn: string; externalId: string }[],
  regions: readonly string[],
): Promise<boolean> {
  if ((await db.awsAccount.count()) > 0) return false;
  await db.awsAccount.createMany({
    data: accounts.map((account) => ({ ...account, regions: [...regions] })),
  });
  return true;
}
