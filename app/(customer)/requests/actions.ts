"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { decommissionVpn } from "@/lib/provisioning/start-workflow";
import { createVpnRequest } from "@/lib/vpn-request/create-vpn-request";
import { cancelVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";
import { makeVpnRequestSchema } from "@/lib/vpn-request/schema";

const requestIdSchema = z.object({ requestId: z.uuid("That request ID is not valid.") });

export const createVpnRequestAction = authenticatedAction({
  name: "vpn-request.create",
  roles: ["CUSTOMER"],
  schema: (user) =>
    makeVpnRequestSchema({ ...getRequestSettings(), expectedOrgId: user.organizationId ?? "" }),
  async handler(input, { user }) {
    if (!user.organizationId) return { ok: false, message: "Your account is not in an organization." };
    const request = await createVpnRequest(
      input,
      { id: user.id, email: user.email, organizationId: user.organizationId },
      getRequestSettings(),
    );
    revalidatePath("/requests");
    return { ok: true, redirectTo: `/requests/${request.id}?submitted=1` };
  },
});

export const cancelVpnRequestAction = authenticatedAction({
  name: "vpn-request.cancel",
  roles: ["CUSTOMER"],
  schema: requestIdSchema,
  async handler({ requestId }, { user }) {
    if (!user.organizationId) return { ok: false, message: "Your account is not in an organization." };
    await cancelVpnRequest(requestId, {
      id: user.id,
      email: user.email,
      organizationId: user.organizationId,
    });
    revalidatePath(`/requests/${requestId}`);
    return { ok: true, message: "Request cancelled." };
  },
});

export const decommissionVpnAction = authenticatedAction({
  name: "vpn-request.decommission",
  roles: ["CUSTOMER"],
  schema: requestIdSchema,
  async handler({ requestId }, { user }) {
    if (!user.organizationId) return { ok: false, message: "Your account is not in an organization." };
    await decommissionVpn(
      requestId,
      { id: user.id, email: user.email },
      { kind: "organization", organizationId: user.organizationId },
    );
    revalidatePath(`/requests/${requestId}`);
    return { ok: true, message: "Decommissioning started." };
  },
});
