// What each workflow step is called, what the progress view shows for it, and what it records:
// the contract between the engine (run-workflow.ts, which implements the steps) and the readers of
// ProvisioningStep rows (find-workflow-progress.ts). Pure: no EC2 client, no database, so the web
// app can read step names and labels without loading the engine.
import { z } from "zod";
import type { WorkflowKind } from "@/lib/generated/prisma/enums";

/** One step's contract. `name` is the ProvisioningStep row's name; never rename a shipped step. */
export type StepEntry<Output extends z.ZodType = z.ZodType> = {
  name: string;
  label: string;
  /** What the step returns; stored as JSON in ProvisioningStep.output and checked on write and on read. */
  output: Output;
};

/** Steps by the key later steps use (`outputs.createVpc.vpcId`), in the order they run. */
export type StepCatalogue = Readonly<Record<string, StepEntry>>;

/** The typed outputs of a workflow's steps, as a later step reads them. */
export type OutputsOf<C extends StepCatalogue> = { readonly [K in keyof C]: z.output<C[K]["output"]> };

const entry = <Output extends z.ZodType>(name: string, label: string, output: Output): StepEntry<Output> => ({
  name,
  label,
  output,
});

/** An AWS ID a later step sends back to AWS: must be present. */
const awsId = z.string().min(1);
const deleted = z.object({ deleted: z.array(z.string()) });

// DESIGN §4, in order (object keys keep insertion order).
export const PROVISION_CATALOGUE = {
  allocateVpcCidr: entry(
    "allocate-vpc-cidr",
    "Choose the platform VPC address range",
    z.object({
      vpcCidr: z.string().min(1),
      privateSubnetCidr: z.string().min(1),
      publicSubnetCidr: z.string().min(1),
    }),
  ),
  generateTunnelSecrets: entry(
    "generate-tunnel-secrets",
    "Generate tunnel inside addresses and pre-shared keys",
    z.object({ insideCidrs: z.array(z.string()) }),
  ),
  createVpc: entry("create-vpc", "Create the platform VPC", z.object({ vpcId: awsId })),
  createSubnets: entry(
    "create-subnets",
    "Create the private and public subnets",
    z.object({ privateSubnetId: awsId, publicSubnetId: awsId }),
  ),
  createInternetGateway: entry(
    "create-internet-gateway",
    "Create and attach the internet gateway",
    z.object({ internetGatewayId: awsId }),
  ),
  createVpnGateway: entry(
    "create-vpn-gateway",
    "Create and attach the virtual private gateway",
    z.object({ vpnGatewayId: awsId, amazonSideAsn: z.number().int() }),
  ),
  createCustomerGateway: entry(
    "create-customer-gateway",
    "Register your customer gateway",
    z.object({ customerGatewayId: awsId }),
  ),
  createVpnConnection: entry(
    "create-vpn-connection",
    "Create the VPN connection with two tunnels",
    z.object({ vpnConnectionId: awsId }),
  ),
  createNatGateway: entry(
    "create-nat-gateway",
    "Create the NAT gateway for public egress",
    z.object({ allocationId: awsId, publicIp: z.string().nullable(), natGatewayId: awsId }),
  ),
  configureRouting: entry(
    "configure-routing",
    "Configure route tables and VPN routes",
    z.object({ privateRouteTableId: z.string().nullable(), publicRouteTableId: z.string().nullable() }),
  ),
  waitForVpnConnection: entry(
    "wait-for-vpn-connection",
    "Wait for the VPN connection to become available",
    z.object({ outsideIps: z.array(z.string()) }),
  ),
} as const satisfies StepCatalogue;

// DESIGN §4 undone in reverse.
export const DECOMMISSION_CATALOGUE = {
  deleteNatGateway: entry("delete-nat-gateway", "Delete the NAT gateway", deleted),
  releaseElasticIp: entry("release-elastic-ip", "Release the Elastic IP", deleted),
  deleteVpnConnection: entry("delete-vpn-connection", "Delete the VPN connection", deleted),
  deleteCustomerGateway: entry("delete-customer-gateway", "Delete the customer gateway", deleted),
  deleteVpnGateway: entry("delete-vpn-gateway", "Detach and delete the virtual private gateway", deleted),
  deleteRouteTables: entry("delete-route-tables", "Delete the route tables", deleted),
  deleteInternetGateway: entry("delete-internet-gateway", "Detach and delete the internet gateway", deleted),
  deleteSubnets: entry("delete-subnets", "Delete the subnets", deleted),
  deleteVpc: entry("delete-vpc", "Delete the platform VPC", deleted),
} as const satisfies StepCatalogue;

export type ProvisionOutputs = OutputsOf<typeof PROVISION_CATALOGUE>;
export type DecommissionOutputs = OutputsOf<typeof DECOMMISSION_CATALOGUE>;

/** Each workflow's steps in order: what the progress view lists. */
export const WORKFLOW_CATALOGUE: Record<WorkflowKind, readonly StepEntry[]> = {
  PROVISION: Object.values(PROVISION_CATALOGUE),
  DECOMMISSION: Object.values(DECOMMISSION_CATALOGUE),
};
