"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { decommissionVpn, requestWorkflowRun, retryFailedWorkflow } from "@/lib/provisioning/start-workflow";
import { approveVpnRequest, rejectVpnRequest } from "@/lib/vpn-request/decide-vpn-request";

const STAFF = ["SUPPORT", "ADMIN"] as const;
const requestId = z.uuid("That request ID is not valid.");

export const approveVpnRequestAction = authenticatedAction({
  name: "vpn-request.approve",
  roles: STAFF,
  schema: z.object({ requestId }),
  async handler(input, { user }) {
    await approveVpnRequest(input.requestId, { id: user.id, email: user.email });
    await requestWorkflowRun(input.requestId);
    revalidatePath(`/support/requests/${input.requestId}`);
    revalidatePath("/support");
    return { ok: true, message: "Approved. Provisioning starts shortly." };
  },
});

export const rejectVpnRequestAction = authenticatedAction({
  name: "vpn-request.reject",
  roles: STAFF,
  schema: z.object({
    requestId,
    reason: z
      .string()
      .trim()
      .min(10, "Give the customer a reason of at least 10 characters: what is wrong and what to change")
      .max(1000, "Keep the reason under 1000 characters"),
  }),
  async handler(input, { user }) {
    await rejectVpnRequest(input.requestId, input.reason, { id: user.id, email: user.email });
    revalidatePath(`/support/requests/${input.requestId}`);
    revalidatePath("/support");
    return { ok: true, message: "Rejected; the customer sees your reason." };
  },
});

export const retryWorkflowAction = authenticatedAction({
  name: "vpn-request.retry",
  roles: STAFF,
  schema: z.object({ requestId }),
  async handler(input, { user }) {
    await retryFailedWorkflow(input.requestId, { id: user.id, email: user.email });
    revalidatePath(`/support/requests/${input.requestId}`);
    return { ok: true, message: "Retrying from the step that failed." };
  },
});

export const decommissionVpnAction = authenticatedAction({
  name: "vpn-request.decommission",
  roles: STAFF,
  schema: z.object({ requestId }),
  async handler(input, { user }) {
    await decommissionVpn(input.requestId, { id: user.id, email: user.email }, { kind: "staff" });
    revalidatePath(`/support/requests/${input.requestId}`);
    return { ok: true, message: "Decommissioning started." };
  },
});
