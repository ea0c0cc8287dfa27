// The page and the domain agree: for every status and viewer, a button the request page renders
// (capabilitiesFor) is a call the domain accepts, and a button it hides is a call the domain refuses.
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { decommissionVpn, retryFailedWorkflow } from "@/lib/provisioning/start-workflow";
import { stopBoss } from "@/lib/queue/boss";
import { createUser, customerViewer, staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { approveVpnRequest, cancelVpnRequest, rejectVpnRequest } from "./decide-vpn-request";
import { capabilitiesFor, VPN_STATUSES, type VpnStatus } from "./lifecycle";

afterAll(async () => {
  await stopBoss();
});

type Call = (id: string, viewer: Viewer) => Promise<unknown>;
const CALLS: Record<"cancel" | "approve" | "reject" | "retry" | "decommission", Call> = {
  cancel: (id, viewer) => (viewer.role === "CUSTOMER" ? cancelVpnRequest(id, viewer) : refusedByAudience()),
  approve: (id, viewer) => (viewer.role !== "CUSTOMER" ? approveVpnRequest(id, viewer) : refusedByAudience()),
  reject: (id, viewer) =>
    viewer.role !== "CUSTOMER"
      ? rejectVpnRequest(id, "Not this one, sorry: wrong IP.", viewer)
      : refusedByAudience(),
  retry: (id, viewer) => (viewer.role !== "CUSTOMER" ? retryFailedWorkflow(id, viewer) : refusedByAudience()),
  decommission: (id, viewer) => decommissionVpn(id, viewer),
};

/** The action wrapper refuses the wrong audience before the domain is reached. */
async function refusedByAudience(): Promise<never> {
  throw new ConflictError("refused by the action's audience");
}

describe("request page and domain agree on every capability", () => {
  it("FAILED → decommission: offered to the owning customer and staff, and accepted", async () => {
    const { id, customer, staff } = await createApprovedRequest();
    for (const viewer of [customerViewer(customer), staffViewer(staff)]) {
      await db.vpnRequest.update({ where: { id }, data: { status: "FAILED" } });
      expect(capabilitiesFor("FAILED", viewer).decommission).toBe(true);
      await decommissionVpn(id, viewer);
      expect((await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status).toBe("DECOMMISSIONING");
    }
  });

  it("every status × viewer × action: rendered ⇔ accepted", async () => {
    const { id, customer, staff } = await createApprovedRequest();
    const admin = await createUser("ADMIN", null);
    const viewers = [customerViewer(customer), staffViewer(staff), staffViewer(admin)];
    let cells = 0;
    for (const status of VPN_STATUSES) {
      for (const viewer of viewers) {
        for (const [capability, call] of Object.entries(CALLS)) {
          await db.vpnRequest.update({ where: { id }, data: { status } });
          const rendered = capabilitiesFor(status, viewer)[capability as keyof typeof CALLS];
          const outcome = await call(id, viewer).then(
            () => "accepted",
            (error: unknown) => (error instanceof ConflictError ? "refused" : `error: ${String(error)}`),
          );
          expect(outcome, `${status} × ${viewer.role} × ${capability}`).toBe(
            rendered ? "accepted" : "refused",
          );
          const after = (await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status as VpnStatus;
          if (!rendered) expect(after, "a refused call changes nothing").toBe(status);
          cells++;
        }
      }
    }
    console.log(`capabilities: ${cells} status × viewer × action cells, page and domain agree on all`);
    expect(cells).toBe(VPN_STATUSES.length * 3 * 5);
  });
});
