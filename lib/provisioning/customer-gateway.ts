// The request's customer gateway in AWS (DESIGN §4 step 4), found by its tags and IP before it is
// created: provisioning makes the first one, a gateway change (decision 022) the one for a new IP.
import {
  CreateCustomerGatewayCommand,
  DescribeCustomerGatewaysCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { findOrCreateResource } from "@/lib/provisioning/aws-resources";
import { STATIC_CUSTOMER_GATEWAY_ASN } from "@/lib/vpn/tunnel-policy";
import { asnApiField } from "@/lib/vpn-request/check-asn";

export type CustomerGatewayFor = {
  id: string;
  routing: "STATIC" | "BGP";
  bgpAsn: number | null;
  customerGatewayIp: string;
};

/** The ASN of the request's customer gateway: its own for BGP, the fixed one for static routing. */
export const customerGatewayAsn = (request: Pick<CustomerGatewayFor, "routing" | "bgpAsn">) =>
  request.routing === "BGP" && request.bgpAsn !== null ? request.bgpAsn : STATIC_CUSTOMER_GATEWAY_ASN;

export async function findOrCreateCustomerGateway(ec2: EC2Client, request: CustomerGatewayFor) {
  const asn = customerGatewayAsn(request);
  const gateway = await findOrCreateResource(request.id, {
    resource: "customer-gateway",
    resourceType: "customer-gateway",
    liveStates: ["pending", "available"],
    // An identical CreateCustomerGateway returns the same gateway: no lookup window needed. The IP
    // tells a gateway change's new gateway from the one it replaces (both carry the request's tags).
    find: async (Filters) =>
      (
        await ec2.send(
          new DescribeCustomerGatewaysCommand({
            Filters: [...Filters, { Name: "ip-address", Values: [request.customerGatewayIp] }],
          }),
        )
      ).CustomerGateways?.[0],
    create: async (TagSpecifications) =>
      (
        await ec2.send(
          new CreateCustomerGatewayCommand({
            Type: "ipsec.1",
            IpAddress: request.customerGatewayIp,
            // AWS hands back an existing gateway for an identical request (same IP and ASN): a
            // per-request device name keeps two VPNs from one router from sharing (and deleting) one.
            DeviceName: `vpn-portal-${request.id}`,
            ...(asnApiField(asn) === "BgpAsn" ? { BgpAsn: asn } : { BgpAsnExtended: asn }),
            TagSpecifications,
          }),
        )
      ).CustomerGateway,
    idOf: (found) => found.CustomerGatewayId,
  });
  return { customerGatewayId: gateway.id };
}
