import type { Handler } from "./context";
import * as gateways from "./gateways";
import * as nat from "./nat";
import * as routes from "./route-tables";
import * as tags from "./tags";
import * as maintenance from "./tunnel-maintenance";
import * as vpc from "./vpc";
import * as vpn from "./vpn";

/** Every EC2 action the emulator answers; anything else is InvalidAction, as on AWS. */
export const ACTIONS: Record<string, Handler> = {
  CreateVpc: vpc.createVpc,
  DescribeVpcs: vpc.describeVpcs,
  DeleteVpc: vpc.deleteVpc,
  CreateSubnet: vpc.createSubnet,
  DescribeSubnets: vpc.describeSubnets,
  DeleteSubnet: vpc.deleteSubnet,
  CreateInternetGateway: vpc.createInternetGateway,
  AttachInternetGateway: vpc.attachInternetGateway,
  DetachInternetGateway: vpc.detachInternetGateway,
  DescribeInternetGateways: vpc.describeInternetGateways,
  DeleteInternetGateway: vpc.deleteInternetGateway,
  AllocateAddress: nat.allocateAddress,
  DescribeAddresses: nat.describeAddresses,
  ReleaseAddress: nat.releaseAddress,
  CreateNatGateway: nat.createNatGateway,
  DescribeNatGateways: nat.describeNatGateways,
  DeleteNatGateway: nat.deleteNatGateway,
  CreateRouteTable: routes.createRouteTable,
  DescribeRouteTables: routes.describeRouteTables,
  DeleteRouteTable: routes.deleteRouteTable,
  CreateRoute: routes.createRoute,
  DeleteRoute: routes.deleteRoute,
  AssociateRouteTable: routes.associateRouteTable,
  DisassociateRouteTable: routes.disassociateRouteTable,
  EnableVgwRoutePropagation: routes.enableVgwRoutePropagation,
  DisableVgwRoutePropagation: routes.disableVgwRoutePropagation,
  CreateVpnGateway: gateways.createVpnGateway,
  AttachVpnGateway: gateways.attachVpnGateway,
  DetachVpnGateway: gateways.detachVpnGateway,
  DescribeVpnGateways: gateways.describeVpnGateways,
  DeleteVpnGateway: gateways.deleteVpnGateway,
  CreateCustomerGateway: gateways.createCustomerGateway,
  DescribeCustomerGateways: gateways.describeCustomerGateways,
  DeleteCustomerGateway: gateways.deleteCustomerGateway,
  CreateVpnConnection: vpn.createVpnConnection,
  DescribeVpnConnections: vpn.describeVpnConnections,
  DeleteVpnConnection: vpn.deleteVpnConnection,
  CreateVpnConnectionRoute: vpn.createVpnConnectionRoute,
  DeleteVpnConnectionRoute: vpn.deleteVpnConnectionRoute,
  ModifyVpnTunnelOptions: vpn.modifyVpnTunnelOptions,
  ModifyVpnConnection: vpn.modifyVpnConnection,
  GetVpnTunnelReplacementStatus: maintenance.getVpnTunnelReplacementStatus,
  ReplaceVpnTunnel: maintenance.replaceVpnTunnel,
  DescribeAvailabilityZones: vpc.describeAvailabilityZones,
  CreateTags: tags.createTags,
  DeleteTags: tags.deleteTags,
  DescribeTags: tags.describeTags,
};

export const isReadOnly = (action: string): boolean => action.startsWith("Describe");
