// THE schema of the VPN request form (DESIGN §2): the client form runs it for instant feedback and
// the server action runs it as the authority. Input is the form's strings; output is typed.
// Rules that depend on the deployment come in through the factory's settings. Pure; browser-safe.
import { z } from "zod";
import { isUuid } from "@/lib/ids";
import { checkPublicIpv4 } from "@/lib/net/classify-public-ip";
import { resolveLocation } from "@/lib/regions/recommend-region";
import { checkAsnText, parseAsn } from "./check-asn";
import { parseCidrList } from "./parse-cidr-list";

const ROUTING_MODES = ["STATIC", "BGP"] as const;
export const IKE_VERSIONS = ["IKEV1", "IKEV2"] as const;
const TUNNEL_COUNTS = ["1", "2"] as const;
const CUSTOMER_NAME_MAX = 100;

export type VpnRequestSettings = {
  /** Lab/demo deployments accept the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24). */
  allowDocumentationIps: boolean;
  supportedRegions: readonly string[];
  /** The virtual private gateway's ASN; a customer ASN equal to it makes AWS answer AsnConflict. */
  platformAsn: number;
  /** The session's organization ID; when given, orgId must match it (the server always passes it). */
  expectedOrgId?: string;
};

export const VPN_REQUEST_FIELDS = [
  "customerName",
  "orgId",
  "location",
  "region",
  "customerGatewayIp",
  "routing",
  "subnetRanges",
  "bgpAsn",
  "advertisedNetworks",
  "ikeVersion",
  "tunnelCount",
] as const;

export type VpnRequestField = (typeof VPN_REQUEST_FIELDS)[number];

/** The form's values exactly as the inputs hold them (also what a rejected submission gives back). */
export type VpnRequestFormValues = Record<VpnRequestField, string>;

const VPN_REQUEST_FIELD_LABELS: Readonly<Record<VpnRequestField, string>> = {
  customerName: "Customer name",
  orgId: "Platform Org ID",
  location: "Geographic location",
  region: "Region",
  customerGatewayIp: "Customer gateway public IP",
  routing: "Routing",
  subnetRanges: "Subnet ranges",
  bgpAsn: "BGP ASN",
  advertisedNetworks: "Networks to be advertised",
  ikeVersion: "IKE version",
  tunnelCount: "Tunnels",
};

/** Empty form: BGP and two tunnels are the recommended choices (DESIGN §2); region follows location. */
export const DEFAULT_VPN_REQUEST_VALUES: Readonly<VpnRequestFormValues> = {
  customerName: "",
  orgId: "",
  location: "",
  region: "",
  customerGatewayIp: "",
  routing: "BGP",
  subnetRanges: "",
  bgpAsn: "",
  advertisedNetworks: "",
  ikeVersion: "IKEV2",
  tunnelCount: "2",
};

/** Reads the request fields from a submitted form; a missing field reads as "". */
export function readVpnRequestForm(form: FormData): VpnRequestFormValues {
  const values = { ...DEFAULT_VPN_REQUEST_VALUES };
  for (const field of VPN_REQUEST_FIELDS) {
    const value = form.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

function checkOrgId(orgId: string, expected: string | undefined): string | null {
  if (!isUuid(orgId)) {
    return "Platform Org ID must be your organization's ID (a UUID such as 3f2b…-…) — reload the page to fill it in again";
  }
  if (expected !== undefined && orgId !== expected) {
    return "Platform Org ID is not your organization's ID — reload the page to fill it in again";
  }
  return null;
}

/** Adapts a validator that returns a message (or null) to a zod refinement. */
function issueFrom<T>(validate: (value: T) => string | null) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    const message = validate(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };
}

type RoutingFields = {
  routing: (typeof ROUTING_MODES)[number];
  region: string | undefined;
  subnetRanges: string;
  bgpAsn: string;
  advertisedNetworks: string;
};

/**
 * The rules that depend on routing (static ranges, or BGP ASN and advertised networks): what
 * routing does not use is ignored, not validated, since the form hides it.
 */
function checkRoutingFields(
  values: RoutingFields,
  settings: Pick<VpnRequestSettings, "platformAsn">,
): Array<{ field: VpnRequestField; message: string }> {
  const issues: Array<{ field: VpnRequestField; message: string }> = [];
  const listIssues = (field: "subnetRanges" | "advertisedNetworks") => {
    const list = parseCidrList(values[field]);
    if (!list.ok) for (const message of list.errors) issues.push({ field, message });
    return list;
  };

  if (values.routing === "STATIC") {
    const ranges = listIssues("subnetRanges");
    if (ranges.ok && ranges.cidrs.length === 0) {
      issues.push({
        field: "subnetRanges",
        message: "Enter at least one subnet range of your network, one CIDR per line (e.g. 10.20.0.0/16)",
      });
    }
    return issues;
  }

  const asn = checkAsnText(values.bgpAsn, { region: values.region, platformAsn: settings.platformAsn });
  if ("error" in asn) issues.push({ field: "bgpAsn", message: asn.error });
  listIssues("advertisedNetworks");
  return issues;
}

/** A text input; "missing" only happens when a client posts without the form, still said plainly. */
function text(field: VpnRequestField) {
  return z.string({ error: `${VPN_REQUEST_FIELD_LABELS[field]} is missing — fill it in and submit again` });
}

const ROUTING_FIELDS: readonly PropertyKey[] = ["routing", "subnetRanges", "bgpAsn", "advertisedNetworks"];

/** "Customer gateway public IP" (§2): the request form's rule, also used by a gateway change (§9). */
export function customerGatewayIpField(settings: Pick<VpnRequestSettings, "allowDocumentationIps">) {
  return text("customerGatewayIp")
    .trim()
    .superRefine(
      issueFrom((ip: string) => checkPublicIpv4(ip, { allowDocumentation: settings.allowDocumentationIps })),
    );
}

export function makeVpnRequestSchema(settings: VpnRequestSettings) {
  const allowDocumentation = settings.allowDocumentationIps;
  const regions = settings.supportedRegions;

  return z
    .object({
      customerName: text("customerName")
        .trim()
        .min(1, "Enter the customer name (your company's name, up to 100 characters)")
        .max(
          CUSTOMER_NAME_MAX,
          `Customer name is too long — shorten it to at most ${CUSTOMER_NAME_MAX} characters`,
        ),
      orgId: text("orgId")
        .trim()
        .superRefine(issueFrom((orgId: string) => checkOrgId(orgId, settings.expectedOrgId))),
      location: text("location")
        .trim()
        .refine((location) => resolveLocation(location) !== undefined, {
          error:
            "Choose where your network is from the list (a city, or an AWS region code such as eu-west-2)",
        }),
      region: text("region")
        .trim()
        .refine((region) => regions.includes(region), {
          error: `Choose one of the supported regions: ${regions.join(", ")}`,
        }),
      customerGatewayIp: customerGatewayIpField({ allowDocumentationIps: allowDocumentation }),
      routing: z.enum(ROUTING_MODES, { error: "Choose the routing: BGP (recommended) or static" }),
      // Validated below, because whether each applies depends on routing.
      subnetRanges: z.string().default(""),
      bgpAsn: z.string().default(""),
      advertisedNetworks: z.string().default(""),
      ikeVersion: z.enum(IKE_VERSIONS, { error: "Choose the IKE version: IKEv2 or IKEv1" }),
      tunnelCount: z.enum(TUNNEL_COUNTS, { error: "Choose 2 tunnels (recommended, for failover) or 1" }),
    })
    .superRefine(
      (values, ctx) => {
        for (const { field, message } of checkRoutingFields(values, settings)) {
          ctx.addIssue({ code: "custom", path: [field], message });
        }
      },
      {
        // Run even when unrelated fields failed, so the form shows every error at once; only skip
        // when a field these rules read is itself missing or invalid.
        when: (payload) =>
          typeof payload.value === "object" &&
          payload.value !== null &&
          !payload.issues.some((issue) => ROUTING_FIELDS.includes(issue.path?.[0] ?? "")),
      },
    )
    .transform((values) => {
      const isStatic = values.routing === "STATIC";
      const list = (entries: string) => {
        const parsed = parseCidrList(entries);
        return parsed.ok ? parsed.cidrs : [];
      };
      return {
        customerName: values.customerName,
        orgId: values.orgId,
        location: values.location,
        region: values.region,
        customerGatewayIp: values.customerGatewayIp,
        routing: values.routing,
        subnetRanges: isStatic ? list(values.subnetRanges) : [],
        bgpAsn: isStatic ? null : parseAsn(values.bgpAsn),
        advertisedNetworks: isStatic ? [] : list(values.advertisedNetworks),
        ikeVersion: values.ikeVersion,
        tunnelCount: values.tunnelCount === "1" ? (1 as const) : (2 as const),
      };
    });
}

export type VpnRequestSchema = ReturnType<typeof makeVpnRequestSchema>;
/** What the schema accepts (the form's strings; the routing-dependent ones may be left out). */
export type VpnRequestSchemaInput = z.input<VpnRequestSchema>;
/** What the schema returns: trimmed, canonical, typed. */
export type VpnRequestInput = z.output<VpnRequestSchema>;
export type Routing = VpnRequestInput["routing"];
export type IkeVersion = VpnRequestInput["ikeVersion"];
