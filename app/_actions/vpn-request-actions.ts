"use server";

// Every action on a VPN request, for customers and staff. Each names its audience; the domain
// function asserts the lifecycle capability (lib/vpn-request/lifecycle.ts) in its transaction.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { type Audience, requestHref, type ViewerFor } from "@/lib/auth/viewer";
import { uuidField } from "@/lib/ids";
import { decommissionVpn, requestWorkflowRun, retryFailedWorkflow } from "@/lib/provisioning/start-workflow";
import { approveVpnChange, rejectVpnChange, retryVpnChange } from "@/lib/vpn-change/decide-vpn-change";
import {
  requestGatewayChange,
  requestKeyRotation,
  requestMaintenance,
  requestNetworksChange,
  requestRouteChange,
  requestTunnelOptions,
} from "@/lib/vpn-change/start-vpn-change";
import {
  changeIdFormSchema,
  keyRotationFormSchema,
  maintenanceFormSchema,
  makeGatewayChangeFormSchema,
  networksChangeFormSchema,
  routeChangeFormSchema,
  tunnelOptionsFormSchema,
} from "@/lib/vpn-change/vpn-change-schema";
import { applyApprovalPolicy } from "@/lib/vpn-request/apply-approval-policy";
import { createVpnRequest } from "@/lib/vpn-request/create-vpn-request";
import { approveVpnRequest, cancelVpnRequest, rejectVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { rejectReasonSchema } from "@/lib/vpn-request/reject-reason";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";
import { makeVpnRequestSchema, readVpnRequestForm } from "@/lib/vpn-request/schema";

const requestIdSchema = z.object({ requestId: uuidField("That request ID is not valid.") });

export const createVpnRequestAction = authenticatedAction({
  name: "vpn-request.create",
  audience: "customer",
  read: readVpnRequestForm,
  schema: async (viewer) =>
    makeVpnRequestSchema({ ...(await getRequestSettings()), expectedOrgId: viewer.organizationId }),
  async handler(input, { viewer }) {
    const request = await createVpnRequest(input, viewer, await getRequestSettings());
    // The auto-approval policy (DESIGN §11) approves through the same path as support, audited.
    if (await applyApprovalPolicy(request.id)) await requestWorkflowRun(request.id);
    revalidatePath("/requests");
    return { ok: true, redirectTo: `${requestHref(viewer, request.id)}?submitted=1` };
  },
});

/**
 * A one-button action on one request: parse its ID, call the domain (which asserts the lifecycle
 * capability), refresh the viewer's view of the request (and the queue, where it is listed).
 */
function requestAction<A extends Audience>(
  name: string,
  audience: A,
  run: (requestId: string, viewer: ViewerFor<A>) => Promise<unknown>,
  message: string,
) {
  return authenticatedAction({
    name,
    audience,
    schema: requestIdSchema,
    async handler({ requestId }, { viewer }) {
      await run(requestId, viewer);
      revalidatePath(requestHref(viewer, requestId));
      if (viewer.role !== "CUSTOMER") revalidatePath("/support");
      return { ok: true, message };
    },
  });
}

export const cancelVpnRequestAction = requestAction(
  "vpn-request.cancel",
  "customer",
  cancelVpnRequest,
  "Request cancelled.",
);

/** Customers and staff alike: the lifecycle says who may, in which status (checked by the domain). */
export const decommissionVpnAction = requestAction(
  "vpn-request.decommission",
  "any",
  decommissionVpn,
  "Decommissioning started.",
);

export const approveVpnRequestAction = requestAction(
  "vpn-request.approve",
  "staff",
  async (requestId, viewer) => {
    await approveVpnRequest(requestId, viewer);
    await requestWorkflowRun(requestId);
  },
  "Approved. Provisioning starts shortly.",
);

export const retryWorkflowAction = requestAction(
  "vpn-request.retry",
  "staff",
  retryFailedWorkflow,
  "Retrying from the step that failed.",
);

export const rejectVpnRequestAction = authenticatedAction({
  name: "vpn-request.reject",
  audience: "staff",
  schema: requestIdSchema.extend({ reason: rejectReasonSchema }),
  async handler(input, { viewer }) {
    await rejectVpnRequest(input.requestId, input.reason, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    revalidatePath("/support");
    return { ok: true, message: "Rejected; the customer sees your reason." };
  },
});

// Day-2 changes (decision 022): each asks for a change; the workers make it.

export const changeRoutesAction = authenticatedAction({
  name: "vpn-change.routes",
  audience: "any",
  schema: routeChangeFormSchema,
  async handler(input, { viewer }) {
    await requestRouteChange(input.requestId, input.subnetRanges, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    return { ok: true, message: "Route change started: routes are added and removed in place." };
  },
});

export const rotateTunnelKeyAction = authenticatedAction({
  name: "vpn-change.rotate-key",
  audience: "any",
  schema: keyRotationFormSchema,
  async handler(input, { viewer }) {
    const tunnel = input.tunnel === "2" ? 2 : 1;
    await requestKeyRotation(input.requestId, tunnel, { goOn: input.goOn }, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    return {
      ok: true,
      message: `Rotating tunnel ${tunnel}'s key: download the configuration again once the change is done and load it on your router.`,
    };
  },
});

export const applyMaintenanceAction = authenticatedAction({
  name: "vpn-change.apply-maintenance",
  audience: "any",
  schema: maintenanceFormSchema,
  async handler(input, { viewer }) {
    const tunnel = input.tunnel === "2" ? 2 : 1;
    await requestMaintenance(input.requestId, tunnel, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    return {
      ok: true,
      message: `Applying AWS's maintenance on tunnel ${tunnel}: it goes down while it renegotiates, then comes back with the same outside IP.`,
    };
  },
});

export const changeTunnelOptionsAction = authenticatedAction({
  name: "vpn-change.tunnel-options",
  audience: "any",
  schema: tunnelOptionsFormSchema,
  async handler(input, { viewer }) {
    await requestTunnelOptions(
      input.requestId,
      { ikeVersion: input.ikeVersion, dpdTimeoutAction: input.dpdTimeoutAction, goOn: input.goOn },
      viewer,
    );
    revalidatePath(requestHref(viewer, input.requestId));
    return {
      ok: true,
      message:
        "Applying the tunnel options: tunnel 1 first, then tunnel 2 once tunnel 1 is up again. Download the configuration again once the change is done.",
    };
  },
});

export const changeNetworksAction = authenticatedAction({
  name: "vpn-change.networks",
  audience: "any",
  schema: networksChangeFormSchema,
  async handler(input, { viewer }) {
    await requestNetworksChange(input.requestId, input.advertisedNetworks, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    return {
      ok: true,
      message: "Networks saved: download the configuration again and advertise them from your router.",
    };
  },
});

/** A new customer gateway IP: validated like the request form's, then waits for support's approval. */
export const requestGatewayChangeAction = authenticatedAction({
  name: "vpn-change.customer-gateway",
  audience: "customer",
  schema: async () => makeGatewayChangeFormSchema(await getRequestSettings()),
  async handler(input, { viewer }) {
    await requestGatewayChange(input.requestId, input.customerGatewayIp, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    revalidatePath("/support");
    return {
      ok: true,
      message:
        "Gateway change requested: support reviews it, then both tunnels renegotiate with the new IP. Download the configuration again once it is done.",
    };
  },
});

/** Support's decisions on a change (decision 022): approve, reject with a reason, retry a failed one. */
function changeAction<S extends typeof changeIdFormSchema>(
  name: string,
  schema: S,
  run: (input: z.output<S>, viewer: ViewerFor<"staff">) => Promise<unknown>,
  message: string,
) {
  return authenticatedAction({
    name,
    audience: "staff",
    schema,
    async handler(input, { viewer }) {
      await run(input, viewer);
      revalidatePath(requestHref(viewer, input.requestId));
      revalidatePath("/support");
      return { ok: true, message };
    },
  });
}

export const approveVpnChangeAction = changeAction(
  "vpn-change.approve",
  changeIdFormSchema,
  (input, viewer) => approveVpnChange(input.requestId, input.changeId, viewer),
  "Approved: the change starts shortly.",
);

export const retryVpnChangeAction = changeAction(
  "vpn-change.retry",
  changeIdFormSchema,
  (input, viewer) => retryVpnChange(input.requestId, input.changeId, viewer),
  "Retrying the change from the step that failed.",
);

export const rejectVpnChangeAction = changeAction(
  "vpn-change.reject",
  changeIdFormSchema.extend({ reason: rejectReasonSchema }),
  (input, viewer) => rejectVpnChange(input.requestId, input.changeId, input.reason, viewer),
  "Change rejected; the customer sees your reason.",
);
