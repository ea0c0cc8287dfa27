"use server";

// Every action on a VPN request, for customers and staff. Each names its audience; the domain
// function asserts the lifecycle capability (lib/vpn-request/lifecycle.ts) in its transaction.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { requestHref } from "@/lib/auth/viewer";
import { uuidField } from "@/lib/ids";
import { decommissionVpn, requestWorkflowRun, retryFailedWorkflow } from "@/lib/provisioning/start-workflow";
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

export const cancelVpnRequestAction = authenticatedAction({
  name: "vpn-request.cancel",
  audience: "customer",
  schema: requestIdSchema,
  async handler({ requestId }, { viewer }) {
    await cancelVpnRequest(requestId, viewer);
    revalidatePath(requestHref(viewer, requestId));
    return { ok: true, message: "Request cancelled." };
  },
});

/** Customers and staff alike: the lifecycle says who may, in which status (checked by the domain). */
export const decommissionVpnAction = authenticatedAction({
  name: "vpn-request.decommission",
  audience: "any",
  schema: requestIdSchema,
  async handler({ requestId }, { viewer }) {
    await decommissionVpn(requestId, viewer);
    revalidatePath(requestHref(viewer, requestId));
    return { ok: true, message: "Decommissioning started." };
  },
});

export const approveVpnRequestAction = authenticatedAction({
  name: "vpn-request.approve",
  audience: "staff",
  schema: requestIdSchema,
  async handler(input, { viewer }) {
    await approveVpnRequest(input.requestId, viewer);
    await requestWorkflowRun(input.requestId);
    revalidatePath(requestHref(viewer, input.requestId));
    revalidatePath("/support");
    return { ok: true, message: "Approved. Provisioning starts shortly." };
  },
});

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

export const retryWorkflowAction = authenticatedAction({
  name: "vpn-request.retry",
  audience: "staff",
  schema: requestIdSchema,
  async handler(input, { viewer }) {
    await retryFailedWorkflow(input.requestId, viewer);
    revalidatePath(requestHref(viewer, input.requestId));
    return { ok: true, message: "Retrying from the step that failed." };
  },
});
