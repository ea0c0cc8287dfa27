// Test data made through the real database, each test with its own organization.
import { randomUUID } from "node:crypto";
import { type CustomerViewer, type StaffViewer, type Viewer, viewerOf } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Plan, Role } from "@/lib/generated/prisma/enums";

export async function createOrganization(plan: Plan = "ENTERPRISE", vpnAddOn = false) {
  return db.organization.create({
    data: { id: randomUUID(), name: `Org ${randomUUID().slice(0, 8)}`, plan, vpnAddOn },
  });
}

export async function createUser(role: Role, organizationId: string | null) {
  const user = await db.user.create({
    data: {
      email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`,
      name: "Test User",
      role,
      organizationId,
      passwordHash: "not-used-in-these-tests",
    },
  });
  return { ...user, organizationId };
}

/**
 * A request row written straight to the database (no workflow): a static two-tunnel VPN in
 * eu-west-1 unless `data` says otherwise.
 */
export function createRequestRow(
  organizationId: string,
  submittedById: string,
  data: Partial<Prisma.VpnRequestUncheckedCreateInput> = {},
) {
  return db.vpnRequest.create({
    data: {
      organizationId,
      submittedById,
      customerName: "Test site",
      location: "ie-dub",
      region: "eu-west-1",
      recommendedRegion: "eu-west-1",
      estimatedRttMs: 5,
      customerGatewayIp: "198.51.100.9",
      routing: "STATIC",
      subnetRanges: ["10.0.0.0/16"],
      ikeVersion: "IKEV2",
      tunnelCount: 2,
      ...data,
    },
  });
}

/** The viewer a signed-in user would be (what pages and actions hand to the domain). */
export function viewerFor(user: Parameters<typeof viewerOf>[0]): Viewer {
  const viewer = viewerOf(user);
  if (!viewer) throw new Error(`user ${user.email} cannot be a viewer (customer without organization)`);
  return viewer;
}

export function customerViewer(user: Parameters<typeof viewerOf>[0]): CustomerViewer {
  const viewer = viewerFor(user);
  if (viewer.role !== "CUSTOMER") throw new Error(`${user.email} is not a customer`);
  return viewer;
}

export function staffViewer(user: Parameters<typeof viewerOf>[0]): StaffViewer {
  const viewer = viewerFor(user);
  if (viewer.role === "CUSTOMER") throw new Error(`${user.email} is not staff`);
  return viewer;
}
