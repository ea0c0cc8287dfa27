// The steps of each kind of day-2 change (decision 022). Each step is idempotent: it reads AWS or
// the database before it writes, so a worker killed at any point re-runs the step it was in and
// the change completes once. A step returns its output (recorded on the change) and the AWS
// request IDs of the calls it made.
import "server-only";
import {
  CreateVpnConnectionRouteCommand,
  DeleteCustomerGatewayCommand,
  DeleteVpnConnectionRouteCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
  GetVpnTunnelReplacementStatusCommand,
  ModifyVpnConnectionCommand,
  ModifyVpnTunnelOptionsCommand,
  ReplaceVpnTunnelCommand,
} from "@aws-sdk/client-ec2";
import { z } from "zod";
import { awsErrorCode } from "@/lib/aws/aws-errors";
import { untilVisible } from "@/lib/aws/eventual-consistency";
import { openTunnelPsk, sealTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VpnChangeKind } from "@/lib/generated/prisma/enums";
import { waitFor } from "@/lib/provisioning/aws-resources";
import { findOrCreateCustomerGateway } from "@/lib/provisioning/customer-gateway";
import { generatePsk } from "@/lib/provisioning/generate-tunnel-secrets";
import { diffRoutes } from "@/lib/vpn-change/plan-route-change";
import { lastTunnelRefusal } from "@/lib/vpn-change/tunnel-by-tunnel";
import {
  type ChangeRequested,
  gatewayRequested,
  networksRequested,
  replacementRequested,
  rotationRequested,
  routesRequested,
  tunnelOptionsRequested,
} from "@/lib/vpn-change/vpn-change-schema";

export type ChangeStepContext = {
  change: { id: string; requestId: string; requested: ChangeRequested };
  request: { id: string; vpnConnectionId: string };
  ec2: EC2Client;
  /** The outputs of the steps already DONE, by step name (saved on the change). */
  outputs: Readonly<Record<string, unknown>>;
  /** How a step that waits for AWS polls, and for how long before it fails. */
  wait: { intervalMs: number; timeoutMs: number; sleep: (ms: number) => Promise<void> };
};

export type ChangeStepResult = { output: Record<string, unknown>; awsRequestIds: string[] };

export type ChangeStep = { name: string; run(ctx: ChangeStepContext): Promise<ChangeStepResult> };

const idOf = (response: { $metadata: { requestId?: string } }) =>
  response.$metadata.requestId ? [response.$metadata.requestId] : [];

async function describeConnection(ctx: ChangeStepContext) {
  const response = await ctx.ec2.send(
    new DescribeVpnConnectionsCommand({ VpnConnectionIds: [ctx.request.vpnConnectionId] }),
  );
  const connection = response.VpnConnections?.[0];
  if (!connection) throw new Error(`VPN connection ${ctx.request.vpnConnectionId} was not found in AWS.`);
  return { connection, awsRequestIds: idOf(response) };
}

/**
 * One route call per CIDR, in turn; `alreadyDone` is AWS's error when an attempt whose answer was
 * lost made the change already (the route is there, or gone), which is what we want.
 */
async function eachRoute(
  cidrs: readonly string[],
  alreadyDone: string,
  call: (cidr: string) => Promise<{ $metadata: { requestId?: string } }>,
): Promise<string[]> {
  const awsRequestIds: string[] = [];
  for (const cidr of cidrs) {
    try {
      awsRequestIds.push(...idOf(await call(cidr)));
    } catch (error) {
      if (awsErrorCode(error) !== alreadyDone) throw error;
    }
  }
  return awsRequestIds;
}

/** Static routes: create what is missing and delete what is no longer wanted, as AWS holds them now. */
const applyRoutes: ChangeStep = {
  name: "applyRoutes",
  async run(ctx) {
    const { subnetRanges } = routesRequested(ctx.change.requested);
    const { connection, awsRequestIds } = await describeConnection(ctx);
    const present = (connection.Routes ?? [])
      .filter((route) => route.State !== "deleted" && route.State !== "deleting")
      .map((route) => route.DestinationCidrBlock ?? "");
    const plan = diffRoutes(present, subnetRanges);
    const route = (cidr: string) => ({
      VpnConnectionId: ctx.request.vpnConnectionId,
      DestinationCidrBlock: cidr,
    });
    awsRequestIds.push(
      ...(await eachRoute(plan.add, "RouteAlreadyExists", (cidr) =>
        ctx.ec2.send(new CreateVpnConnectionRouteCommand(route(cidr))),
      )),
      ...(await eachRoute(plan.remove, "InvalidRoute.NotFound", (cidr) =>
        ctx.ec2.send(new DeleteVpnConnectionRouteCommand(route(cidr))),
      )),
    );
    return { output: { added: plan.add, removed: plan.remove }, awsRequestIds };
  },
};

/**
 * A change's last step: the request records what the change made true (the pages and the router
 * configuration read the request); the recorded fields are the step's output.
 */
function recordOnRequest(
  name: string,
  fields: (requested: ChangeRequested) => Prisma.VpnRequestUpdateInput & Record<string, unknown>,
): ChangeStep {
  return {
    name,
    async run(ctx) {
      const data = fields(ctx.change.requested);
      await db.vpnRequest.update({ where: { id: ctx.request.id }, data });
      return { output: data, awsRequestIds: [] };
    },
  };
}

/** The request records the routes it now has (the configuration download reads them). */
const recordRoutes = recordOnRequest("recordRoutes", (requested) => ({
  subnetRanges: routesRequested(requested).subnetRanges,
}));

/**
 * A new CSPRNG key, sealed and stored as the tunnel's pending key BEFORE AWS hears of it, so the
 * portal knows every key AWS may hold. A resumed step keeps the pending key it made.
 */
const sealNewKey: ChangeStep = {
  name: "sealNewKey",
  async run(ctx) {
    const { tunnel } = rotationRequested(ctx.change.requested);
    await db.tunnel.updateMany({
      where: { requestId: ctx.request.id, number: tunnel, pendingPskEncrypted: null },
      data: { pendingPskEncrypted: sealTunnelPsk(ctx.request.id, tunnel, generatePsk()) },
    });
    return { output: { tunnel }, awsRequestIds: [] };
  },
};

async function findTunnelWithKeys(requestId: string, number: number) {
  const tunnel = await db.tunnel.findUnique({
    where: { requestId_number: { requestId, number } },
    omit: { pskEncrypted: false, pendingPskEncrypted: false },
  });
  if (!tunnel) throw new Error(`Tunnel ${number} of this VPN was not found.`);
  return tunnel;
}

/** Sets the pending key on that one tunnel, in place: its outside IP and the other tunnel stay. */
const setKeyOnTunnel: ChangeStep = {
  name: "setKeyOnTunnel",
  async run(ctx) {
    const { tunnel: number } = rotationRequested(ctx.change.requested);
    const tunnel = await findTunnelWithKeys(ctx.request.id, number);
    // No pending key: a previous attempt already committed it after AWS took it.
    if (!tunnel.pendingPskEncrypted) return { output: { tunnel: number }, awsRequestIds: [] };
    if (!tunnel.outsideIp) throw new Error(`Tunnel ${number} has no outside IP address yet.`);
    const response = await ctx.ec2.send(
      new ModifyVpnTunnelOptionsCommand({
        VpnConnectionId: ctx.request.vpnConnectionId,
        VpnTunnelOutsideIpAddress: tunnel.outsideIp,
        TunnelOptions: { PreSharedKey: openTunnelPsk(ctx.request.id, number, tunnel.pendingPskEncrypted) },
      }),
    );
    return { output: { tunnel: number, outsideIp: tunnel.outsideIp }, awsRequestIds: idOf(response) };
  },
};

/** The pending key becomes the tunnel's key; the old one is gone (not kept, issue 12). */
const commitKey: ChangeStep = {
  name: "commitKey",
  async run(ctx) {
    const { tunnel: number } = rotationRequested(ctx.change.requested);
    const tunnel = await findTunnelWithKeys(ctx.request.id, number);
    if (tunnel.pendingPskEncrypted) {
      await db.tunnel.updateMany({
        where: { id: tunnel.id, pendingPskEncrypted: tunnel.pendingPskEncrypted },
        data: { pskEncrypted: tunnel.pendingPskEncrypted, pendingPskEncrypted: null },
      });
    }
    return { output: { tunnel: number }, awsRequestIds: [] };
  },
};

/**
 * Applies AWS's pending maintenance on one tunnel (ReplaceVpnTunnel, ApplyPendingMaintenance), in
 * place: its outside IP stays. Idempotent: nothing pending any more (a lost reply) counts as done.
 */
const replaceTunnel: ChangeStep = {
  name: "replaceTunnel",
  async run(ctx) {
    const { tunnel: number } = replacementRequested(ctx.change.requested);
    const tunnel = await db.tunnel.findUnique({
      where: { requestId_number: { requestId: ctx.request.id, number } },
    });
    if (!tunnel?.outsideIp) throw new Error(`Tunnel ${number} has no outside IP address yet.`);
    const status = await ctx.ec2.send(
      new GetVpnTunnelReplacementStatusCommand({
        VpnConnectionId: ctx.request.vpnConnectionId,
        VpnTunnelOutsideIpAddress: tunnel.outsideIp,
      }),
    );
    const awsRequestIds = idOf(status);
    if (!status.MaintenanceDetails?.PendingMaintenance)
      return { output: { tunnel: number, alreadyApplied: true }, awsRequestIds };
    const response = await ctx.ec2.send(
      new ReplaceVpnTunnelCommand({
        VpnConnectionId: ctx.request.vpnConnectionId,
        VpnTunnelOutsideIpAddress: tunnel.outsideIp,
        ApplyPendingMaintenance: true,
      }),
    );
    awsRequestIds.push(...idOf(response));
    return { output: { tunnel: number, outsideIp: tunnel.outsideIp }, awsRequestIds };
  },
};

/** The tunnel no longer shows the maintenance (the poller would clear it at its next cycle too). */
const clearMaintenance: ChangeStep = {
  name: "clearMaintenance",
  async run(ctx) {
    const { tunnel } = replacementRequested(ctx.change.requested);
    await db.tunnel.updateMany({
      where: { requestId: ctx.request.id, number: tunnel },
      data: { maintenancePending: null, maintenanceDeadline: null, maintenanceAlertedAt: null },
    });
    return { output: { tunnel }, awsRequestIds: [] };
  },
};

/** The requested options on one tunnel, in place (outside IP and key kept); sending them again is harmless. */
function optionsOnTunnel(number: 1 | 2): ChangeStep {
  return {
    name: `optionsOnTunnel${number}`,
    async run(ctx) {
      const requested = tunnelOptionsRequested(ctx.change.requested);
      const tunnel = await db.tunnel.findUnique({
        where: { requestId_number: { requestId: ctx.request.id, number } },
      });
      if (!tunnel) return { output: { tunnel: number, skipped: true }, awsRequestIds: [] };
      if (!tunnel.outsideIp) throw new Error(`Tunnel ${number} has no outside IP address yet.`);
      const appliedAt = new Date().toISOString();
      const response = await ctx.ec2.send(
        new ModifyVpnTunnelOptionsCommand({
          VpnConnectionId: ctx.request.vpnConnectionId,
          VpnTunnelOutsideIpAddress: tunnel.outsideIp,
          TunnelOptions: {
            IKEVersions: [{ Value: requested.ikeVersion === "IKEV2" ? "ikev2" : "ikev1" }],
            DPDTimeoutAction: requested.dpdTimeoutAction,
            StartupAction: requested.startupAction,
          },
        }),
      );
      return {
        output: { tunnel: number, outsideIp: tunnel.outsideIp, appliedAt },
        awsRequestIds: idOf(response),
      };
    },
  };
}

const appliedOutput = z.object({ appliedAt: z.string().optional(), skipped: z.boolean().optional() });

/**
 * Tunnel 2 is changed only once tunnel 1 is UP again with its new options (AWS's telemetry, a
 * status change after tunnel 1 was modified), or when changing tunnel 2 takes nothing down, or the
 * customer chose to go on: the rule of every tunnel-by-tunnel change (`lastTunnelRefusal`).
 * Waits for the worker's wait budget, then fails with what to do; a retry waits again.
 */
const tunnel1UpAgain: ChangeStep = {
  name: "tunnel1UpAgain",
  async run(ctx) {
    const applied = appliedOutput.parse(ctx.outputs.optionsOnTunnel1 ?? {});
    const tunnels = await db.tunnel.findMany({
      where: { requestId: ctx.request.id },
      orderBy: { number: "asc" },
    });
    const [first, second] = tunnels;
    if (applied.skipped || !first?.outsideIp || !second?.outsideIp)
      return { output: { waited: false }, awsRequestIds: [] };
    const since = applied.appliedAt ? Date.parse(applied.appliedAt) : 0;
    const { goOn } = tunnelOptionsRequested(ctx.change.requested);
    const awsRequestIds: string[] = [];
    let refusal: string | null = null;
    const startedAt = Date.now();
    try {
      const seen = await waitFor(
        async () => {
          const { connection, awsRequestIds: ids } = await describeConnection(ctx);
          awsRequestIds.push(...ids);
          const telemetry = (ip: string) => connection.VgwTelemetry?.find((t) => t.OutsideIpAddress === ip);
          const one = telemetry(first.outsideIp ?? "");
          // UP only counts once it is news: a status from before tunnel 1 was modified is stale.
          const oneUp = one?.Status === "UP" && (one.LastStatusChange?.getTime() ?? 0) >= since;
          const tunnel1 = { number: 1, status: oneUp ? "UP" : "DOWN" };
          const tunnel2 = { number: 2, status: telemetry(second.outsideIp ?? "")?.Status ?? "UNKNOWN" };
          refusal = lastTunnelRefusal(tunnel2, tunnel1, { goOn });
          return refusal ? undefined : { tunnel1: tunnel1.status, tunnel2: tunnel2.status, goOn };
        },
        { ...ctx.wait, what: "tunnel 1 to be up again" },
      );
      return { output: { ...seen, waitedMs: Date.now() - startedAt }, awsRequestIds };
    } catch (error) {
      if (!refusal) throw error;
      throw new Error(
        `${refusal} Tunnel 1 did not come up again with the new options within ${Math.round(ctx.wait.timeoutMs / 1000)} s, so tunnel 2 was left as it was. Bring tunnel 1 up (load the router configuration), then retry the change.`,
      );
    }
  },
};

/** The request records its options: the router configuration renderers read its ikeVersion. */
const recordTunnelOptions = recordOnRequest("recordTunnelOptions", (requested) => {
  const { ikeVersion, dpdTimeoutAction } = tunnelOptionsRequested(requested);
  return { ikeVersion, dpdTimeoutAction };
});

/** BGP: the request records the networks its router advertises (AWS learns them over BGP). */
const recordNetworks = recordOnRequest("recordNetworks", (requested) => ({
  advertisedNetworks: networksRequested(requested).advertisedNetworks,
}));

const gatewayStepOutput = z.object({ customerGatewayId: z.string(), previousCustomerGatewayId: z.string() });

/** The new gateway's IDs, from the step that made it (saved on the change). */
function gatewayIds(ctx: ChangeStepContext) {
  return gatewayStepOutput.parse(ctx.outputs.createCustomerGateway);
}

/**
 * A customer gateway for the new IP with the request's ASN and type, tagged like provisioning's
 * (found by tags and IP before it is created); the connection's gateway now is the one to delete.
 */
const createCustomerGateway: ChangeStep = {
  name: "createCustomerGateway",
  async run(ctx) {
    const { customerGatewayIp } = gatewayRequested(ctx.change.requested);
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: ctx.request.id } });
    const { connection, awsRequestIds } = await describeConnection(ctx);
    const { customerGatewayId } = await findOrCreateCustomerGateway(ctx.ec2, {
      id: request.id,
      routing: request.routing,
      bgpAsn: request.bgpAsn === null ? null : Number(request.bgpAsn),
      customerGatewayIp,
    });
    return {
      output: { customerGatewayId, previousCustomerGatewayId: connection.CustomerGatewayId ?? "" },
      awsRequestIds,
    };
  },
};

/** The connection moves to the new gateway (ModifyVpnConnection); done already if AWS shows it there. */
const moveConnection: ChangeStep = {
  name: "modifyVpnConnection",
  async run(ctx) {
    const { customerGatewayId } = gatewayIds(ctx);
    const { connection, awsRequestIds } = await describeConnection(ctx);
    if (connection.CustomerGatewayId === customerGatewayId)
      return { output: { customerGatewayId }, awsRequestIds };
    // The gateway was created a moment ago: EC2 may not know its ID everywhere yet (NotFound = not yet).
    const response = await untilVisible(
      () =>
        ctx.ec2.send(
          new ModifyVpnConnectionCommand({
            VpnConnectionId: ctx.request.vpnConnectionId,
            CustomerGatewayId: customerGatewayId,
          }),
        ),
      { windowMs: getEnv().AWS_CONSISTENCY_WINDOW_MS, sleep: ctx.wait.sleep },
    );
    return { output: { customerGatewayId }, awsRequestIds: [...awsRequestIds, ...idOf(response)] };
  },
};

/** Until AWS shows the connection available on the new gateway. */
const connectionAvailable: ChangeStep = {
  name: "waitForConnection",
  async run(ctx) {
    const { customerGatewayId } = gatewayIds(ctx);
    const awsRequestIds: string[] = [];
    const state = await waitFor(
      async () => {
        const { connection, awsRequestIds: ids } = await describeConnection(ctx);
        awsRequestIds.push(...ids);
        const ready = connection.State === "available" && connection.CustomerGatewayId === customerGatewayId;
        return ready ? connection.State : undefined;
      },
      { ...ctx.wait, what: "the VPN connection to be available on its new customer gateway" },
    );
    return { output: { state }, awsRequestIds };
  },
};

/** The gateway of the old IP goes (gone already is done); nothing else uses it. */
const deleteOldCustomerGateway: ChangeStep = {
  name: "deleteOldCustomerGateway",
  async run(ctx) {
    const { customerGatewayId, previousCustomerGatewayId } = gatewayIds(ctx);
    if (!previousCustomerGatewayId || previousCustomerGatewayId === customerGatewayId)
      return { output: { deleted: null }, awsRequestIds: [] };
    try {
      const response = await ctx.ec2.send(
        new DeleteCustomerGatewayCommand({ CustomerGatewayId: previousCustomerGatewayId }),
      );
      return { output: { deleted: previousCustomerGatewayId }, awsRequestIds: idOf(response) };
    } catch (error) {
      if (awsErrorCode(error) !== "InvalidCustomerGatewayID.NotFound") throw error;
      return { output: { deleted: previousCustomerGatewayId }, awsRequestIds: [] };
    }
  },
};

/** The request records the new IP: the router configuration and the pages follow. */
const recordGatewayIp = recordOnRequest("recordGatewayIp", (requested) => ({
  customerGatewayIp: gatewayRequested(requested).customerGatewayIp,
}));

export const CHANGE_STEPS: Readonly<Record<VpnChangeKind, readonly ChangeStep[]>> = {
  ROUTES: [applyRoutes, recordRoutes],
  ROTATE_KEY: [sealNewKey, setKeyOnTunnel, commitKey],
  REPLACE_TUNNEL: [replaceTunnel, clearMaintenance],
  TUNNEL_OPTIONS: [optionsOnTunnel(1), tunnel1UpAgain, optionsOnTunnel(2), recordTunnelOptions],
  NETWORKS: [recordNetworks],
  CUSTOMER_GATEWAY: [
    createCustomerGateway,
    moveConnection,
    connectionAvailable,
    deleteOldCustomerGateway,
    recordGatewayIp,
  ],
};
