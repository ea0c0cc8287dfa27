// Requests made through the real domain functions, ready for the provisioning workflow.
import { createVpnRequest } from "@/lib/vpn-request/create-vpn-request";
import { approveVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { makeVpnRequestSchema } from "@/lib/vpn-request/schema";
import { createOrganization, createUser, staffViewer } from "./factories";

const settings = {
  allowDocumentationIps: true,
  supportedRegions: ["us-west-2", "eu-west-1", "ap-southeast-2"],
  platformAsn: 64512,
};

let counter = 0;

export async function createApprovedRequest(overrides: Partial<Record<string, string>> = {}) {
  const org = await createOrganization("ENTERPRISE");
  const customer = await createUser("CUSTOMER", org.id);
  const staff = await createUser("SUPPORT", null);
  counter++;
  const input = makeVpnRequestSchema({ ...settings, expectedOrgId: org.id }).parse({
    customerName: `Site ${counter}`,
    orgId: org.id,
    location: "ie-dub",
    region: "eu-west-1",
    customerGatewayIp: `198.51.100.${10 + (counter % 200)}`,
    routing: "STATIC",
    subnetRanges: "10.0.0.0/8\n192.168.0.0/16",
    bgpAsn: "",
    advertisedNetworks: "",
    ikeVersion: "IKEV2",
    tunnelCount: "2",
    ...overrides,
  });
  const { id } = await createVpnRequest(
    input,
    { id: customer.id, email: customer.email, organizationId: org.id },
    settings,
  );
  await approveVpnRequest(id, staffViewer(staff));
  return { id, org, customer, staff };
}
