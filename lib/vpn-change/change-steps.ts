// The steps of each kind of day-2 change (decision 022). Each step is idempotent: it reads AWS or
// the database before it writes, so a worker killed at any point re-runs the step it was in and
// the change completes once. A step returns its output (recorded on the change) and the AWS
// request IDs of the calls it made.
import "server-only";
import {
  CreateVpnConnectionRouteCommand,
  DeleteVpnConnectionRouteCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
  GetVpnTunnelReplacementStatusCommand,
  ModifyVpnTunnelOptionsCommand,
  ReplaceVpnTunnelCommand,
} from "@aws-sdk/client-ec2";
import { awsErrorCode } from "@/lib/aws/aws-errors";
import { openTunnelPsk, sealTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import type { VpnChangeKind } from "@/lib/generated/prisma/enums";
import { generatePsk } from "@/lib/provisioning/generate-tunnel-secrets";
import { diffRoutes } from "@/lib/vpn-change/plan-route-change";
import {
  type ChangeRequested,
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
    for (const cidr of plan.add) {
      try {
        const response = await ctx.ec2.send(
          new CreateVpnConnectionRouteCommand({
            VpnConnectionId: ctx.request.vpnConnectionId,
            DestinationCidrBlock: cidr,
          }),
        );
        awsRequestIds.push(...idOf(response));
      } catch (error) {
        // Made by an attempt whose answer was lost: the route is there, which is what we want.
        if (awsErrorCode(error) !== "RouteAlreadyExists") throw error;
      }
    }
    for (const cidr of plan.remove) {
      try {
        const response = await ctx.ec2.send(
          new DeleteVpnConnectionRouteCommand({
            VpnConnectionId: ctx.request.vpnConnectionId,
            DestinationCidrBlock: cidr,
          }),
        );
        awsRequestIds.push(...idOf(response));
      } catch (error) {
        if (awsErrorCode(error) !== "InvalidRoute.NotFound") throw error;
      }
    }
    return { output: { added: plan.add, removed: plan.remove }, awsRequestIds };
  },
};

/** The request records the routes it now has (the configuration download reads them). */
const recordRoutes: ChangeStep = {
  name: "recordRoutes",
  async run(ctx) {
    const { subnetRanges } = routesRequested(ctx.change.requested);
    await db.vpnRequest.update({ where: { id: ctx.request.id }, data: { subnetRanges } });
    return { output: { subnetRanges }, awsRequestIds: [] };
  },
};

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
      return { output: { tunnel: number, outsideIp: tunnel.outsideIp }, awsRequestIds: idOf(response) };
    },
  };
}

/** The request records its options: the router configuration renderers read its ikeVersion. */
const recordTunnelOptions: ChangeStep = {
  name: "recordTunnelOptions",
  async run(ctx) {
    const { ikeVersion, dpdTimeoutAction } = tunnelOptionsRequested(ctx.change.requested);
    await db.vpnRequest.update({ where: { id: ctx.request.id }, data: { ikeVersion, dpdTimeoutAction } });
    return { output: { ikeVersion, dpdTimeoutAction }, awsRequestIds: [] };
  },
};

/** BGP: the request records the networks its router advertises (AWS learns them over BGP). */
const recordNetworks: ChangeStep = {
  name: "recordNetworks",
  async run(ctx) {
    const { advertisedNetworks } = networksRequested(ctx.change.requested);
    await db.vpnRequest.update({ where: { id: ctx.request.id }, data: { advertisedNetworks } });
    return { output: { advertisedNetworks }, awsRequestIds: [] };
  },
};

export const CHANGE_STEPS: Readonly<Record<VpnChangeKind, readonly ChangeStep[]>> = {
  ROUTES: [applyRoutes, recordRoutes],
  ROTATE_KEY: [sealNewKey, setKeyOnTunnel, commitKey],
  REPLACE_TUNNEL: [replaceTunnel, clearMaintenance],
  TUNNEL_OPTIONS: [optionsOnTunnel(1), optionsOnTunnel(2), recordTunnelOptions],
  NETWORKS: [recordNetworks],
};
