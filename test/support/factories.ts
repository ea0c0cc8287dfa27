// Test data made through the real database, each test with its own organization.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
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
