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

/**
 * A form on one request (support's rejection, a day-2 change, support's decision on a change):
 * parse it, call the domain (which asserts the lifecycle capability), refresh the request's page,
 * and the support queue where the request is listed for it (`queue`), then say what happens next.
 */
function requestFormAction<S extends z.ZodType<{ requestId: string }>, A extends Audience>(options: {
  name: string;
  audience: A;
  schema: S | (() => Promise<S>);
  run: (input: z.output<S>, viewer: ViewerFor<A>) => Promise<unknown>;
  message: string | ((input: z.output<S>) => string);
  queue?: boolean;
}) {
  return authenticatedAction({
    name: options.name,
    audience: options.audience,
    schema: options.schema,
    async handler(input, { viewer }) {
      await options.run(input, viewer);
      revalidatePath(requestHref(viewer, input.requestId));
      if (options.queue) revalidatePath("/support");
      const message = typeof options.message === "string" ? options.message : options.message(input);
      return { ok: true, message };
    },
  });
}

export const rejectVpnRequestAction = requestFormAction({
  name: "vpn-request.reject",
  audience: "staff",
  schema: requestIdSchema.extend({ reason: rejectReasonSchema }),
  run: (input, viewer) => rejectVpnRequest(input.requestId, input.reason, viewer),
  message: "Rejected; the customer sees your reason.",
  queue: true,
});

/** A day-2 change (decision 022), by the customer or staff: it asks for the change; the workers make it. */
function changeAction<S extends z.ZodType<{ requestId: string }>>(
  name: string,
  schema: S,
  run: (input: z.output<S>, viewer: ViewerFor<"any">) => Promise<unknown>,
  message: string | ((input: z.output<S>) => string),
) {
  return requestFormAction({ name, audience: "any", schema, run, message });
}

/** The tunnel a key rotation or a maintenance names (the form's radio buttons say "1" or "2"). */
const tunnelOf = (input: { tunnel: string }) => (input.tunnel === "2" ? 2 : 1);

export const changeRoutesAction = changeAction(
  "vpn-change.routes",
  routeChangeFormSchema,
  (input, viewer) => requestRouteChange(input.requestId, input.subnetRanges, viewer),
  "Route change started: routes are added and removed in place.",
);

export const rotateTunnelKeyAction = changeAction(
  "vpn-change.rotate-key",
  keyRotationFormSchema,
  (input, viewer) => requestKeyRotation(input.requestId, tunnelOf(input), { goOn: input.goOn }, viewer),
  (input) =>
    `Rotating tunnel ${tunnelOf(input)}'s key: download the configuration again once the change is done and load it on your router.`,
);

export const applyMaintenanceAction = changeAction(
  "vpn-change.apply-maintenance",
  maintenanceFormSchema,
  (input, viewer) => requestMaintenance(input.requestId, tunnelOf(input), viewer),
  (input) =>
    `Applying AWS's maintenance on tunnel ${tunnelOf(input)}: it goes down while it renegotiates, then comes back with the same outside IP.`,
);

export const changeTunnelOptionsAction = changeAction(
  "vpn-change.tunnel-options",
  tunnelOptionsFormSchema,
  (input, viewer) =>
    requestTunnelOptions(
      input.requestId,
      { ikeVersion: input.ikeVersion, dpdTimeoutAction: input.dpdTimeoutAction, goOn: input.goOn },
      viewer,
    ),
  "Applying the tunnel options: tunnel 1 first, then tunnel 2 once tunnel 1 is up again. Download the configuration again once the change is done.",
);

export const changeNetworksAction = changeAction(
  "vpn-change.networks",
  networksChangeFormSchema,
  (input, viewer) => requestNetworksChange(input.requestId, input.advertisedNetworks, viewer),
  "Networks saved: download the configuration again and advertise them from your router.",
);

/** A new customer gateway IP: validated like the request form's, then waits for support's approval. */
export const requestGatewayChangeAction = requestFormAction({
  name: "vpn-change.customer-gateway",
  audience: "customer",
  schema: async () => makeGatewayChangeFormSchema(await getRequestSettings()),
  run: (input, viewer) => requestGatewayChange(input.requestId, input.customerGatewayIp, viewer),
  message:
    "Gateway change requested: support reviews it, then both tunnels renegotiate with the new IP. Download the configuration again once it is done.",
  queue: true,
});

/** Support's decisions on a change (decision 022): approve it, retry a failed one, or reject it (below). */
function changeDecisionAction(
  name: string,
  decide: (requestId: string, changeId: string, viewer: ViewerFor<"staff">) => Promise<unknown>,
  message: string,
) {
  return requestFormAction({
    name,
    audience: "staff",
    schema: changeIdFormSchema,
    run: (input, viewer) => decide(input.requestId, input.changeId, viewer),
    message,
    queue: true,
  });
}

export const approveVpnChangeAction = changeDecisionAction(
  "vpn-change.approve",
  approveVpnChange,
  "Approved: the change starts shortly.",
);

export const retryVpnChangeAction = changeDecisionAction(
  "vpn-change.retry",
  retryVpnChange,
  "Retrying the change from the step that failed.",
);

export const rejectVpnChangeAction = requestFormAction({
  name: "vpn-change.reject",
  audience: "staff",
  schema: changeIdFormSchema.extend({ reason: rejectReasonSchema }),
  run: (input, viewer) => rejectVpnChange(input.requestId, input.changeId, input.reason, viewer),
  message: "Change rejected; the customer sees your reason.",
  queue: true,
});
