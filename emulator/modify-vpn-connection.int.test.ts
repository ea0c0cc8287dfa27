// ModifyVpnConnection as AWS answers a change of customer gateway: the connection stays
// `available` with its outside IPs while both tunnels go down to renegotiate with the new gateway;
// a gateway that does not exist, or one of another ASN on a BGP connection, is refused in AWS's words.
import {
  CreateCustomerGatewayCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteCustomerGatewayCommand,
  DescribeVpnConnectionsCommand,
  ModifyVpnConnectionCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { admin, clientFor, rejectionOf, testEmulatorForFile, waitFor } from "./testing";

const emulator = testEmulatorForFile();

const ec2 = () => clientFor(emulator.url);

async function customerGateway(ip: string, asn: number) {
  const created = await ec2().send(
    new CreateCustomerGatewayCommand({ Type: "ipsec.1", IpAddress: ip, BgpAsn: asn }),
  );
  return created.CustomerGateway?.CustomerGatewayId ?? "";
}

async function describe1(id: string) {
  const answer = await ec2().send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] }));
  const vpn = answer.VpnConnections?.[0];
  if (!vpn) throw new Error(`no ${id}`);
  return vpn;
}

async function availableVpn(options: { staticRoutesOnly: boolean; asn: number; ip: string }) {
  const vgw = await ec2().send(new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: 64512 }));
  const cgwId = await customerGateway(options.ip, options.asn);
  const created = await ec2().send(
    new CreateVpnConnectionCommand({
      Type: "ipsec.1",
      VpnGatewayId: vgw.VpnGateway?.VpnGatewayId,
      CustomerGatewayId: cgwId,
      Options: { StaticRoutesOnly: options.staticRoutesOnly },
    }),
  );
  const id = created.VpnConnection?.VpnConnectionId ?? "";
  await waitFor(async () => ((await describe1(id)).State === "available" ? true : undefined));
  return { id, cgwId };
}

describe("ModifyVpnConnection (a new customer gateway)", () => {
  it("moves the connection in place: still available, same outside IPs, both tunnels down until they renegotiate", async () => {
    const { id, cgwId } = await availableVpn({ staticRoutesOnly: true, asn: 65000, ip: "192.0.2.31" });
    await admin(emulator.url, "telemetry", { updates: [{ vpnConnectionId: id, status: "UP" }] });
    const before = await describe1(id);
    expect(before.VgwTelemetry?.map((t) => t.Status)).toEqual(["UP", "UP"]);

    const newCgwId = await customerGateway("192.0.2.32", 65000);
    const answer = await ec2().send(
      new ModifyVpnConnectionCommand({ VpnConnectionId: id, CustomerGatewayId: newCgwId }),
    );
    expect(answer.VpnConnection?.CustomerGatewayId).toBe(newCgwId);
    const after = await describe1(id);
    expect(after.State).toBe("available");
    expect(after.CustomerGatewayId).toBe(newCgwId);
    expect(after.VgwTelemetry?.map((t) => t.OutsideIpAddress)).toEqual(
      before.VgwTelemetry?.map((t) => t.OutsideIpAddress),
    );
    expect(after.VgwTelemetry?.map((t) => t.Status)).toEqual(["DOWN", "DOWN"]);

    // Moving to the gateway it has is harmless (a retried call whose reply was lost).
    await ec2().send(new ModifyVpnConnectionCommand({ VpnConnectionId: id, CustomerGatewayId: newCgwId }));
    // The old gateway is free to delete; the new one is in use.
    await ec2().send(new DeleteCustomerGatewayCommand({ CustomerGatewayId: cgwId }));
    expect(
      (await rejectionOf(ec2().send(new DeleteCustomerGatewayCommand({ CustomerGatewayId: newCgwId })))).name,
    ).toBe("DependencyViolation");
  });

  it("refuses a customer gateway that does not exist, and one of another ASN on a BGP connection", async () => {
    const { id, cgwId } = await availableVpn({ staticRoutesOnly: false, asn: 65010, ip: "192.0.2.41" });
    const missing = await rejectionOf(
      ec2().send(
        new ModifyVpnConnectionCommand({ VpnConnectionId: id, CustomerGatewayId: "cgw-0123456789abcdef0" }),
      ),
    );
    expect(missing.name).toBe("InvalidCustomerGatewayID.NotFound");
    expect(missing.message).toBe("The customerGateway ID 'cgw-0123456789abcdef0' does not exist");

    const otherAsn = await customerGateway("192.0.2.42", 65020);
    const refused = await rejectionOf(
      ec2().send(new ModifyVpnConnectionCommand({ VpnConnectionId: id, CustomerGatewayId: otherAsn })),
    );
    expect(refused.name).toBe("InvalidParameterValue");
    expect(refused.message).toMatch(/BGP ASN 65020/);
    expect((await describe1(id)).CustomerGatewayId).toBe(cgwId);

    const none = await rejectionOf(ec2().send(new ModifyVpnConnectionCommand({ VpnConnectionId: id })));
    expect(none.name).toBe("MissingParameter");
  });
});
