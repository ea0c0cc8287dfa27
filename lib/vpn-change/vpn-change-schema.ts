// What each kind of change asks for, as stored in VpnChange.requested (never a secret), and the
// form fields of the change actions. Browser-safe.
import { z } from "zod";
import { uuidField } from "@/lib/ids";
import { DPD_TIMEOUT_ACTIONS } from "@/lib/vpn/tunnel-policy";
import { customerGatewayIpField, type VpnRequestSettings } from "@/lib/vpn-request/schema";

/** A change a worker is to run (or resume). */
export const ACTIVE_CHANGE_STATUSES = ["PENDING", "RUNNING"] as const;

/** A change still open: at most one per request (a partial unique index), one awaiting approval included. */
export const OPEN_CHANGE_STATUSES = ["AWAITING_APPROVAL", ...ACTIVE_CHANGE_STATUSES] as const;

export const routesRequestedSchema = z.object({
  subnetRanges: z.array(z.string()).min(1).max(100),
  add: z.array(z.string()),
  remove: z.array(z.string()),
});
export const rotationRequestedSchema = z.object({ tunnel: z.union([z.literal(1), z.literal(2)]) });

/** A REPLACE_TUNNEL change: AWS's pending maintenance applied now on one tunnel. */
export const replacementRequestedSchema = rotationRequestedSchema;

/**
 * A TUNNEL_OPTIONS change: the options for both tunnels, applied one tunnel at a time; `goOn`
 * when the customer chose not to wait for tunnel 1 to be up again before tunnel 2 is changed.
 */
export const tunnelOptionsRequestedSchema = z.object({
  ikeVersion: z.enum(["IKEV1", "IKEV2"]),
  dpdTimeoutAction: z.enum(DPD_TIMEOUT_ACTIONS),
  startupAction: z.enum(["add", "start"]),
  goOn: z.boolean().default(false),
});

/** A CUSTOMER_GATEWAY change: the new public IP, with the ASN the request already has. */
export const gatewayRequestedSchema = z.object({
  customerGatewayIp: z.string().min(1),
  previousCustomerGatewayIp: z.string().min(1),
});

/** A NETWORKS change (BGP): the whole list of networks to be advertised and its difference. */
export const networksRequestedSchema = z.object({
  advertisedNetworks: z.array(z.string()).min(1).max(100),
  add: z.array(z.string()),
  remove: z.array(z.string()),
});

export type ChangeRequested =
  | z.infer<typeof networksRequestedSchema>
  | z.infer<typeof routesRequestedSchema>
  | z.infer<typeof rotationRequestedSchema>
  | z.infer<typeof tunnelOptionsRequestedSchema>
  | z.infer<typeof gatewayRequestedSchema>;

export const routesRequested = (value: unknown) => routesRequestedSchema.parse(value);
export const rotationRequested = (value: unknown) => rotationRequestedSchema.parse(value);
export const replacementRequested = (value: unknown) => replacementRequestedSchema.parse(value);
export const tunnelOptionsRequested = (value: unknown) => tunnelOptionsRequestedSchema.parse(value);
export const networksRequested = (value: unknown) => networksRequestedSchema.parse(value);
export const gatewayRequested = (value: unknown) => gatewayRequestedSchema.parse(value);

/** The "Go on although …" checkbox of the tunnel-by-tunnel changes. */
const goOnField = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/** The "Subnet ranges" + "Save routes" form. */
export const routeChangeFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  subnetRanges: z.string({ error: "Subnet ranges is missing — fill it in and submit again" }).default(""),
});

/** A "Rotate tunnel N key" button; `goOn` when the customer chose to go on with the other tunnel down. */
export const keyRotationFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  tunnel: z.enum(["1", "2"], { error: "Choose tunnel 1 or tunnel 2" }).default("1"),
  goOn: goOnField,
});

/** The "Apply maintenance now" button of a tunnel with a pending AWS maintenance. */
export const maintenanceFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  tunnel: z.enum(["1", "2"], { error: "Choose tunnel 1 or tunnel 2" }).default("1"),
});

/** The "Tunnel options" form: "IKE version" and "DPD timeout action". */
export const tunnelOptionsFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  ikeVersion: z.enum(["IKEV1", "IKEV2"], { error: "Choose IKEv1 or IKEv2" }),
  dpdTimeoutAction: z.enum(DPD_TIMEOUT_ACTIONS, { error: "Choose restart, clear or none" }),
  goOn: goOnField,
});

/** The "Networks to be advertised" + "Save networks" form (BGP). */
export const networksChangeFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  advertisedNetworks: z
    .string({ error: "Networks to be advertised is missing — fill it in and submit again" })
    .default(""),
});

/** The "Customer gateway public IP" + "Request gateway change" form: the request form's IP rule. */
export function makeGatewayChangeFormSchema(settings: Pick<VpnRequestSettings, "allowDocumentationIps">) {
  return z.object({
    requestId: uuidField("That request ID is not valid."),
    customerGatewayIp: customerGatewayIpField(settings),
  });
}

/** A change's id (approve, retry). */
export const changeIdFormSchema = z.object({
  requestId: uuidField("That request ID is not valid."),
  changeId: uuidField("That change ID is not valid."),
});
