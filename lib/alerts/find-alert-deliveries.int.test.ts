// The delivery log's plain read (decision 027): newest first, the organization's name joined, a
// customer's own deliveries only with the class of a failure, staff every organization's with the
// detail — what the Prisma query it replaced answered.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOrganization } from "@/test/support/factories";
import { findAlertDeliveries } from "./find-alert-deliveries";

describe("findAlertDeliveries", () => {
  it("reads each scope's deliveries, newest first, as the viewer may see them", async () => {
    const mine = await createOrganization();
    const theirs = await createOrganization();
    const base = Date.UTC(2026, 5, 1, 10, 0, 0);
    const delivery = (organizationId: string, minute: number, data: Record<string, unknown> = {}) =>
      db.alertDelivery.create({
        data: {
          organizationId,
          kind: "tunnel-down",
          channel: "WEBHOOK",
          target: "https://hooks.example.test/vpn",
          payload: { subject: `Tunnel down ${minute}` },
          createdAt: new Date(base + minute * 60_000 + 7),
          ...data,
        },
      });
    await delivery(mine.id, 1, { status: "DELIVERED", attempts: 1, deliveredAt: new Date(base + 61_007) });
    await delivery(mine.id, 2, {
      status: "FAILED",
      attempts: 5,
      lastError: "refused: private address — 10.0.0.5:443",
      requestId: null,
      tunnelNumber: 2,
    });
    await delivery(theirs.id, 3, {
      channel: "EMAIL",
      target: "noc@example.test",
      payload: { text: "no subject" },
    });

    const customer = await findAlertDeliveries({ kind: "organization", organizationId: mine.id });
    expect(customer.map((row) => row.subject)).toEqual(["Tunnel down 2", "Tunnel down 1"]);
    expect(customer[0]).toMatchObject({
      organizationName: mine.name,
      channel: "WEBHOOK",
      status: "FAILED",
      attempts: 5,
      tunnelNumber: 2,
      createdAt: new Date(base + 2 * 60_000 + 7).toISOString(),
      deliveredAt: null,
    });
    expect(customer[0]?.lastError).toBe("refused: private address");
    expect(customer[1]?.deliveredAt).toBe(new Date(base + 61_007).toISOString());

    const staff = await findAlertDeliveries({ kind: "staff" }, 500);
    const ours = staff.filter((row) => [mine.name, theirs.name].includes(row.organizationName));
    expect(ours.map((row) => row.subject)).toEqual([null, "Tunnel down 2", "Tunnel down 1"]);
    expect(ours[1]?.lastError).toBe("refused: private address — 10.0.0.5:443");
    expect(ours[0]).toMatchObject({ channel: "EMAIL", target: "noc@example.test", status: "PENDING" });
    expect(await findAlertDeliveries({ kind: "staff" }, 1)).toHaveLength(1);
  });
});
