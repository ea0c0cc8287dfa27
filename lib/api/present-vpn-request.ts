// A request as the JSON API shows it (the shapes of api-schemas.ts). AWS's failure text is not
// included: customers get the failed step, never raw AWS errors (DESIGN §13). Pure.
import type { z } from "zod";
import type { CustomerViewer } from "@/lib/auth/viewer";
import { type Capability, capabilitiesFor, type VpnStatus } from "@/lib/vpn-request/lifecycle";
import type { vpnRequestSchema, vpnRequestSummarySchema } from "./api-schemas";

type Summary = z.output<typeof vpnRequestSummarySchema>;
type Detail = z.output<typeof vpnRequestSchema>;

type SummaryRow = {
  id: string;
  customerName: string;
  region: string;
  routing: "STATIC" | "BGP";
  tunnelCount: number;
  customerGatewayIp: string;
  status: VpnStatus;
  statusChangedAt: Date;
  submittedAt: Date;
};

type DetailRow = SummaryRow & {
  organizationId: string;
  location: string;
  recommendedRegion: string;
  estimatedRttMs: number;
  subnetRanges: string[];
  bgpAsn: number | null;
  advertisedNetworks: string[];
  ikeVersion: "IKEV1" | "IKEV2";
  rejectionReason: string | null;
  failedStep: string | null;
  platformVpcCidr: string | null;
  vpnConnectionId: string | null;
};

/** The capabilities the API has an operation for (the day-2 ones come with their operations). */
const API_CAPABILITIES = [
  "cancel",
  "decommission",
  "downloadConfiguration",
  "seeTunnels",
] as const satisfies Capability[];

export function presentRequestSummary(row: SummaryRow): Summary {
  return {
    id: row.id,
    customerName: row.customerName,
    region: row.region,
    routing: row.routing,
    tunnelCount: row.tunnelCount,
    customerGatewayIp: row.customerGatewayIp,
    status: row.status,
    statusChangedAt: row.statusChangedAt.toISOString(),
    submittedAt: row.submittedAt.toISOString(),
  };
}

export function presentRequest(row: DetailRow, viewer: Pick<CustomerViewer, "role">): Detail {
  const allowed = capabilitiesFor(row.status, viewer);
  const capabilities = API_CAPABILITIES.filter((capability) => allowed[capability]);
  return {
    ...presentRequestSummary(row),
    organizationId: row.organizationId,
    location: row.location,
    recommendedRegion: row.recommendedRegion,
    estimatedRttMs: row.estimatedRttMs,
    subnetRanges: row.subnetRanges,
    bgpAsn: row.bgpAsn,
    advertisedNetworks: row.advertisedNetworks,
    ikeVersion: row.ikeVersion,
    rejectionReason: row.rejectionReason,
    failedStep: row.failedStep,
    platformVpcCidr: row.platformVpcCidr,
    vpnConnectionId: row.vpnConnectionId,
    capabilities,
  };
}
