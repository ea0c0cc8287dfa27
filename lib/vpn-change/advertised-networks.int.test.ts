// BGP "Networks to be advertised" as a day-2 change (issue 12): recorded with the request's rules,
// clear of the platform VPC; the router configuration lists what the request records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { loadRouterConfigInput } from "@/lib/router-config/load-router-config-input";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { customerViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { runVpnChange } from "./run-vpn-change";
import { requestNetworksChange, requestRouteChange } from "./start-vpn-change";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

describe("networks to be advertised (BGP)", () => {
  it("records the new networks by the request's rules; the configuration follows", async () => {
    const created = await createApprovedRequest({
      routing: "BGP",
      subnetRanges: "",
      bgpAsn: "65010",
      advertisedNetworks: "10.50.0.0/16",
    });
    expect(await runWorkflow(created.id)).toBe("completed");
    const viewer = customerViewer(created.customer);

    await requestNetworksChange(created.id, "10.50.0.0/16\n10.51.0.0/16", viewer);
    expect(await runVpnChange(created.id)).toBe("completed");
    const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: created.id } });
    expect(change).toMatchObject({
      kind: "NETWORKS",
      status: "DONE",
      requested: { advertisedNetworks: ["10.50.0.0/16", "10.51.0.0/16"], add: ["10.51.0.0/16"], remove: [] },
    });
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(request.advertisedNetworks).toEqual(["10.50.0.0/16", "10.51.0.0/16"]);
    const config = await loadRouterConfigInput(created.id, viewer.scope);
    expect(config.state === "ready" ? config.input.customerCidrs : config.state).toEqual([
      "10.50.0.0/16",
      "10.51.0.0/16",
    ]);

    // The request's rules: overlaps and the platform VPC are refused on the field; static is not BGP.
    await expect(requestNetworksChange(created.id, "10.50.0.0/16\n10.50.1.0/24", viewer)).rejects.toThrow(
      /overlap/,
    );
    await expect(
      requestNetworksChange(created.id, `10.50.0.0/16\n${request.platformVpcCidr ?? ""}`, viewer),
    ).rejects.toThrow(/platform VPC/);
    await expect(requestRouteChange(created.id, "10.60.0.0/16", viewer)).rejects.toThrow(/BGP/);
    expect(await db.vpnChange.count({ where: { requestId: created.id } })).toBe(1);
  });

  it("is refused on a static VPN", async () => {
    const created = await createApprovedRequest();
    expect(await runWorkflow(created.id)).toBe("completed");
    await expect(
      requestNetworksChange(created.id, "10.70.0.0/16", customerViewer(created.customer)),
    ).rejects.toThrow(/static routing/);
  });
});
