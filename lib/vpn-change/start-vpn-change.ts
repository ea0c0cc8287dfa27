// Asking for a day-2 change: checks the viewer's capability in the request's current status with
// the scope in the query, refuses a second change while one is under way (with its reason), stores
// the change and its audit event in one transaction, then hands it to the workers.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VpnChangeKind } from "@/lib/generated/prisma/enums";
import { vpnChangeJob } from "@/lib/jobs/registry";
import { sendJob } from "@/lib/jobs/send-job";
import { getLogger } from "@/lib/log";
import { type DpdTimeoutAction, startupActionFor } from "@/lib/vpn/tunnel-policy";
import { planRouteChange } from "@/lib/vpn-change/plan-route-change";
import { lastTunnelRefusal } from "@/lib/vpn-change/tunnel-by-tunnel";
import { OPEN_CHANGE_STATUSES } from "@/lib/vpn-change/vpn-change-schema";
import { type Capability, capabilitiesFor, capabilityRefusal } from "@/lib/vpn-request/lifecycle";
import { scopedRequestWhere } from "@/lib/vpn-request/scope";

export const CHANGE_KIND_LABELS: Readonly<Record<VpnChangeKind, string>> = {
  ROUTES: "Static routes",
  ROTATE_KEY: "Pre-shared key rotation",
  REPLACE_TUNNEL: "AWS tunnel maintenance",
  TUNNEL_OPTIONS: "Tunnel options",
  NETWORKS: "Networks to be advertised",
  CUSTOMER_GATEWAY: "New customer gateway IP",
};

type Draft = {
  kind: VpnChangeKind;
  requested: Prisma.InputJsonValue;
  /** What the audit shows before and after, never a secret. */
  before: Prisma.InputJsonValue;
  /** A change that needs support's approval first waits for it; the others run at once. */
  needsApproval?: boolean;
};

async function startChange(
  requestId: string,
  viewer: Viewer,
  capability: Capability,
  draft: (request: Prisma.VpnRequestGetPayload<{ include: { tunnels: true } }>) => Draft,
): Promise<{ changeId: string }> {
  const started = await db
    .$transaction(async (tx) => {
      const request = await tx.vpnRequest.findFirst({
        where: scopedRequestWhere(requestId, viewer.scope),
        include: { tunnels: true },
      });
      if (!request) throw new NotFoundError();
      if (!capabilitiesFor(request.status, viewer)[capability])
        throw new ConflictError(capabilityRefusal(capability, request.status));
      await assertNoOpenChange(tx, requestId);
      const { kind, requested, before, needsApproval = false } = draft(request);
      const change = await tx.vpnChange.create({
        data: {
          requestId,
          kind,
          requested,
          requestedById: viewer.id,
          status: needsApproval ? "AWAITING_APPROVAL" : "PENDING",
        },
      });
      await recordAuditEvent(
        {
          actor: actorOf(viewer),
          action: "vpn-change.requested",
          targetType: "VpnRequest",
          targetId: requestId,
          organizationId: request.organizationId,
          details: { changeId: change.id, kind, before, after: requested },
        },
        tx,
      );
      return { id: change.id, runNow: !needsApproval };
    })
    .catch((error: unknown) => {
      // Two changes asked for at once: the partial unique index lets one through.
      if ((error as { code?: string }).code === "P2002")
        throw new ConflictError(
          "Another change of this VPN was just asked for: one change at a time per VPN.",
        );
      throw error;
    });
  if (started.runNow) await requestChangeRun(requestId, started.id);
  return { changeId: started.id };
}

/** One change at a time per VPN: the refusal names the open one (the partial unique index settles races). */
export async function assertNoOpenChange(tx: Prisma.TransactionClient, requestId: string, except?: string) {
  const open = await tx.vpnChange.findFirst({
    where: {
      requestId,
      status: { in: [...OPEN_CHANGE_STATUSES] },
      ...(except ? { id: { not: except } } : {}),
    },
  });
  if (!open) return;
  const state =
    open.status === "AWAITING_APPROVAL" ? "is waiting for support's approval" : "is still under way";
  throw new ConflictError(
    `${CHANGE_KIND_LABELS[open.kind]} asked for at ${open.requestedAt.toISOString()} ${state}: one change at a time per VPN. Wait for it to finish, then try again.`,
  );
}

/** Hands the change to the workers; a lost send is found again by the worker's sweep. */
export async function requestChangeRun(requestId: string, changeId: string): Promise<void> {
  try {
    await sendJob(vpnChangeJob, { requestId }, { key: `vpn-change:${changeId}` });
  } catch (error) {
    getLogger().error(
      { err: error, requestId, changeId },
      "could not enqueue the change; the worker sweep will pick it up",
    );
  }
}

/**
 * The two lists a customer edits as a whole, by the request's rules and clear of the platform VPC:
 * static routes (AWS's routes are added and removed in place) and, on BGP, the networks to be
 * advertised (AWS learns them from the customer's router; the portal records them, and the router
 * configuration, which lists them, follows).
 */
const CIDR_LISTS = {
  ROUTES: {
    field: "subnetRanges",
    routing: "STATIC",
    otherRouting: "This VPN uses BGP: change the networks to be advertised instead.",
  },
  NETWORKS: {
    field: "advertisedNetworks",
    routing: "BGP",
    otherRouting: "This VPN uses static routing: change its subnet ranges instead.",
  },
} as const;

function requestCidrListChange(
  kind: keyof typeof CIDR_LISTS,
  requestId: string,
  text: string,
  viewer: Viewer,
) {
  const { field, routing, otherRouting } = CIDR_LISTS[kind];
  return startChange(requestId, viewer, "changeRoutes", (request) => {
    if (request.routing !== routing) throw new UserFacingError(otherRouting, field);
    const planned = planRouteChange(request[field], text, request.platformVpcCidr);
    if (!planned.ok) throw new UserFacingError(planned.error, field);
    return {
      kind,
      requested: { [field]: planned.subnetRanges, ...planned.plan },
      before: { [field]: request[field] },
    };
  });
}

/** New static routes: the whole list (CIDR_LISTS). */
export async function requestRouteChange(requestId: string, subnetRanges: string, viewer: Viewer) {
  return requestCidrListChange("ROUTES", requestId, subnetRanges, viewer);
}

/** New networks to be advertised (BGP): the whole list (CIDR_LISTS). */
export async function requestNetworksChange(requestId: string, advertisedNetworks: string, viewer: Viewer) {
  return requestCidrListChange("NETWORKS", requestId, advertisedNetworks, viewer);
}

/** Refuses to change a tunnel while the other is down (`lastTunnelRefusal`), unless the customer goes on. */
function assertTunnelMayChange(
  tunnels: readonly { number: number; status: string }[],
  tunnel: 1 | 2,
  goOn: boolean,
) {
  const target = tunnels.find((candidate) => candidate.number === tunnel) ?? {
    number: tunnel,
    status: "UNKNOWN",
  };
  const other = tunnels.find((candidate) => candidate.number !== tunnel);
  const refusal = lastTunnelRefusal(target, other, { goOn });
  if (refusal)
    throw new UserFacingError(
      `${refusal} Bring tunnel ${other?.number} up first, or choose to go on anyway.`,
      "tunnel",
    );
}

/**
 * A new key on one tunnel. Rotating a tunnel takes it down while both sides renegotiate, so it is
 * refused while the other tunnel is down unless the customer says to go on (DESIGN §9).
 */
export async function requestKeyRotation(
  requestId: string,
  tunnel: 1 | 2,
  options: { goOn: boolean },
  viewer: Viewer,
) {
  return startChange(requestId, viewer, "rotateKeys", (request) => {
    if (tunnel > request.tunnelCount)
      throw new UserFacingError(
        `This VPN has ${request.tunnelCount} tunnel; there is no tunnel ${tunnel}.`,
        "tunnel",
      );
    assertTunnelMayChange(request.tunnels, tunnel, options.goOn);
    return { kind: "ROTATE_KEY", requested: { tunnel }, before: { tunnel } };
  });
}

/**
 * AWS's pending maintenance applied now on one tunnel (ReplaceVpnTunnel): the tunnel goes down
 * while it renegotiates, so it is refused unless the other tunnel is UP (issue 12).
 */
export async function requestMaintenance(requestId: string, tunnel: 1 | 2, viewer: Viewer) {
  return startChange(requestId, viewer, "applyMaintenance", (request) => {
    const target = request.tunnels.find((candidate) => candidate.number === tunnel);
    if (!target || tunnel > request.tunnelCount)
      throw new UserFacingError(`This VPN has no tunnel ${tunnel}.`, "tunnel");
    if (!target.maintenancePending)
      throw new UserFacingError(`AWS has no maintenance pending on tunnel ${tunnel}.`, "tunnel");
    const other = request.tunnels.find(
      (candidate) => candidate.number !== tunnel && candidate.number <= request.tunnelCount,
    );
    if (other && other.status !== "UP")
      throw new UserFacingError(
        `Tunnel ${other.number} is not up: applying the maintenance now would leave no tunnel up while tunnel ${tunnel} renegotiates. Bring tunnel ${other.number} up first; AWS applies it itself at its deadline otherwise.`,
        "tunnel",
      );
    return {
      kind: "REPLACE_TUNNEL",
      requested: { tunnel },
      before: {
        tunnel,
        maintenancePending: target.maintenancePending,
        deadline: target.maintenanceDeadline?.toISOString() ?? null,
      },
    };
  });
}

/**
 * New tunnel options (IKE version, DPD timeout action) within the §5 policy, applied to one tunnel
 * at a time so the other carries traffic while each renegotiates; the startup action follows the
 * IKE version (`start` only with IKEv2).
 */
export async function requestTunnelOptions(
  requestId: string,
  options: { ikeVersion: "IKEV1" | "IKEV2"; dpdTimeoutAction: DpdTimeoutAction; goOn?: boolean },
  viewer: Viewer,
) {
  const { goOn = false, ...values } = options;
  return startChange(requestId, viewer, "changeTunnelOptions", (request) => {
    if (request.ikeVersion === values.ikeVersion && request.dpdTimeoutAction === values.dpdTimeoutAction)
      throw new UserFacingError(
        "These are the tunnel options this VPN already has: change the IKE version or the DPD timeout action.",
        "ikeVersion",
      );
    // Tunnel 1 goes first, so it is refused like rotating tunnel 1; tunnel 2 then waits for tunnel 1.
    assertTunnelMayChange(
      request.tunnels.filter((tunnel) => tunnel.number <= request.tunnelCount),
      1,
      goOn,
    );
    return {
      kind: "TUNNEL_OPTIONS",
      requested: { ...values, startupAction: startupActionFor(values.ikeVersion), goOn },
      before: { ikeVersion: request.ikeVersion, dpdTimeoutAction: request.dpdTimeoutAction },
    };
  });
}

/**
 * A new customer gateway public IP (DESIGN §9): checked by the request form's rule (the action's
 * schema), different from the one the VPN has, then left for support to approve, since both
 * tunnels renegotiate with the new gateway.
 */
export async function requestGatewayChange(requestId: string, customerGatewayIp: string, viewer: Viewer) {
  return startChange(requestId, viewer, "requestGatewayChange", (request) => {
    if (request.customerGatewayIp === customerGatewayIp)
      throw new UserFacingError(
        `${customerGatewayIp} is already this VPN's customer gateway IP: enter your router's new public IP.`,
        "customerGatewayIp",
      );
    return {
      kind: "CUSTOMER_GATEWAY",
      requested: { customerGatewayIp, previousCustomerGatewayIp: request.customerGatewayIp },
      before: { customerGatewayIp: request.customerGatewayIp },
      needsApproval: true,
    };
  });
}
