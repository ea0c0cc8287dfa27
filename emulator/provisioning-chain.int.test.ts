import * as EC2 from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "./server";
import {
  admin,
  clientFor,
  FAST_DELAYS,
  type InventoryResponse,
  rejectionOf,
  startTestEmulator,
  waitFor,
} from "./testing";

const REQUEST = "req-chain-1";
const tagged = (type: EC2.ResourceType): EC2.TagSpecification[] => [
  {
    ResourceType: type,
    Tags: [
      { Key: "portal:request-id", Value: REQUEST },
      { Key: "Name", Value: `vpn-${type}` },
    ],
  },
];
const DOC_RANGES = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;

let emulator: RunningEmulator;
let ec2: EC2.EC2Client;

beforeAll(async () => {
  // The NAT gateway's interface lingers long enough to be seen blocking DeleteSubnet.
  emulator = await startTestEmulator({
    config: { delays: { ...FAST_DELAYS, natInterfaceLingerMs: 1000 } },
  });
  ec2 = clientFor(emulator.url);
});
afterAll(async () => {
  ec2.destroy();
  await emulator.close();
});

describe("a whole site-to-site VPN through the real SDK", () => {
  it("creates the chain, reports it by tag, and deletes it in reverse down to an empty inventory", async () => {
    // --- create -----------------------------------------------------------------------------
    const vpcId =
      (
        await ec2.send(
          new EC2.CreateVpcCommand({ CidrBlock: "10.20.0.0/16", TagSpecifications: tagged("vpc") }),
        )
      ).Vpc?.VpcId ?? "";
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const privateSubnet =
      (
        await ec2.send(
          new EC2.CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: "10.20.1.0/24",
            TagSpecifications: tagged("subnet"),
          }),
        )
      ).Subnet?.SubnetId ?? "";
    const publicSubnet =
      (
        await ec2.send(
          new EC2.CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: "10.20.0.0/24",
            AvailabilityZone: "eu-west-1b",
            TagSpecifications: tagged("subnet"),
          }),
        )
      ).Subnet?.SubnetId ?? "";

    const igwId =
      (
        await ec2.send(
          new EC2.CreateInternetGatewayCommand({ TagSpecifications: tagged("internet-gateway") }),
        )
      ).InternetGateway?.InternetGatewayId ?? "";
    await ec2.send(new EC2.AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));

    const eip = await ec2.send(
      new EC2.AllocateAddressCommand({ Domain: "vpc", TagSpecifications: tagged("elastic-ip") }),
    );
    expect(eip.PublicIp).toMatch(DOC_RANGES);
    const allocationId = eip.AllocationId ?? "";

    const natInput = {
      SubnetId: publicSubnet,
      AllocationId: allocationId,
      ClientToken: `${REQUEST}-nat`,
      TagSpecifications: tagged("natgateway"),
    };
    const nat = await ec2.send(new EC2.CreateNatGatewayCommand(natInput));
    const natId = nat.NatGateway?.NatGatewayId ?? "";
    expect(nat.NatGateway?.State).toBe("pending");
    // A retry with the same ClientToken returns the same NAT gateway instead of a second one.
    expect((await ec2.send(new EC2.CreateNatGatewayCommand(natInput))).NatGateway?.NatGatewayId).toBe(natId);

    const publicRtb =
      (
        await ec2.send(
          new EC2.CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagged("route-table") }),
        )
      ).RouteTable?.RouteTableId ?? "";
    const privateRtb =
      (
        await ec2.send(
          new EC2.CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagged("route-table") }),
        )
      ).RouteTable?.RouteTableId ?? "";
    await ec2.send(
      new EC2.CreateRouteCommand({
        RouteTableId: publicRtb,
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: igwId,
      }),
    );
    await ec2.send(
      new EC2.CreateRouteCommand({
        RouteTableId: privateRtb,
        DestinationCidrBlock: "0.0.0.0/0",
        NatGatewayId: natId,
      }),
    );
    const publicAssoc =
      (
        await ec2.send(
          new EC2.AssociateRouteTableCommand({ RouteTableId: publicRtb, SubnetId: publicSubnet }),
        )
      ).AssociationId ?? "";
    const privateAssoc =
      (
        await ec2.send(
          new EC2.AssociateRouteTableCommand({ RouteTableId: privateRtb, SubnetId: privateSubnet }),
        )
      ).AssociationId ?? "";

    const vgw = await ec2.send(
      new EC2.CreateVpnGatewayCommand({
        Type: "ipsec.1",
        AmazonSideAsn: 64512,
        TagSpecifications: tagged("vpn-gateway"),
      }),
    );
    const vgwId = vgw.VpnGateway?.VpnGatewayId ?? "";
    expect(vgw.VpnGateway?.AmazonSideAsn).toBe(64512);
    // A new virtual private gateway is `pending` first; AWS attaches only an `available` one.
    expect(vgw.VpnGateway?.State).toBe("pending");
    expect(
      (await rejectionOf(ec2.send(new EC2.AttachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcId }))))
        .name,
    ).toBe("IncorrectState");
    await waitFor(async () => {
      const g = (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] })))
        .VpnGateways?.[0];
      return g?.State === "available" ? true : undefined;
    });
    const attach = await ec2.send(new EC2.AttachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcId }));
    expect(attach.VpcAttachment?.State).toBe("attaching");
    await waitFor(async () => {
      const g = (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] })))
        .VpnGateways?.[0];
      return g?.VpcAttachments?.[0]?.State === "attached" ? true : undefined;
    });
    await ec2.send(new EC2.EnableVgwRoutePropagationCommand({ GatewayId: vgwId, RouteTableId: privateRtb }));

    const cgw = await ec2.send(
      new EC2.CreateCustomerGatewayCommand({
        Type: "ipsec.1",
        IpAddress: "198.51.100.77",
        BgpAsn: 65000,
        TagSpecifications: tagged("customer-gateway"),
      }),
    );
    const cgwId = cgw.CustomerGateway?.CustomerGatewayId ?? "";
    expect(cgw.CustomerGateway?.BgpAsn).toBe("65000");

    const tunnel = (cidr: string, psk: string) => ({
      TunnelInsideCidr: cidr,
      PreSharedKey: psk,
      Phase1EncryptionAlgorithms: [{ Value: "AES256" }],
      Phase2EncryptionAlgorithms: [{ Value: "AES256" }],
      Phase1IntegrityAlgorithms: [{ Value: "SHA2-256" }],
      Phase2IntegrityAlgorithms: [{ Value: "SHA2-256" }],
      Phase1DHGroupNumbers: [{ Value: 14 }],
      Phase2DHGroupNumbers: [{ Value: 14 }],
      Phase1LifetimeSeconds: 28800,
      Phase2LifetimeSeconds: 3600,
      DPDTimeoutSeconds: 30,
      DPDTimeoutAction: "restart",
      StartupAction: "start",
      IKEVersions: [{ Value: "ikev2" }],
    });
    const created = await ec2.send(
      new EC2.CreateVpnConnectionCommand({
        Type: "ipsec.1",
        CustomerGatewayId: cgwId,
        VpnGatewayId: vgwId,
        Options: {
          StaticRoutesOnly: true,
          TunnelInsideIpVersion: "ipv4",
          TunnelOptions: [
            tunnel("169.254.44.0/30", "first_key.1234"),
            tunnel("169.254.44.4/30", "Second_key.5678"),
          ],
        },
        TagSpecifications: tagged("vpn-connection"),
      }),
    );
    const vpnId = created.VpnConnection?.VpnConnectionId ?? "";
    expect(created.VpnConnection?.State).toBe("pending");
    const addRoute = () =>
      ec2.send(
        new EC2.CreateVpnConnectionRouteCommand({
          VpnConnectionId: vpnId,
          DestinationCidrBlock: "192.168.50.0/24",
        }),
      );
    // Static routes go only onto an `available` connection.
    expect((await rejectionOf(addRoute())).name).toBe("InvalidVpnConnection.InvalidState");

    // --- it becomes available, with what the provisioner stores ----------------------------
    await waitFor(async () => {
      const v = (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0];
      return v?.State === "available" ? v : undefined;
    });
    await addRoute();
    expect(
      (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0]?.Routes?.[0]?.State,
    ).toBe("pending");
    const vpn = await waitFor(async () => {
      const v = (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0];
      return v?.Routes?.[0]?.State === "available" ? v : undefined;
    });
    const tunnels = vpn.Options?.TunnelOptions ?? [];
    expect(tunnels.map((t) => t.TunnelInsideCidr)).toEqual(["169.254.44.0/30", "169.254.44.4/30"]);
    expect(tunnels.map((t) => t.PreSharedKey)).toEqual(["first_key.1234", "Second_key.5678"]);
    expect(tunnels[0]?.IkeVersions).toEqual([{ Value: "ikev2" }]);
    expect(tunnels[0]?.DpdTimeoutAction).toBe("restart");
    expect(tunnels[0]?.Phase1DHGroupNumbers).toEqual([{ Value: 14 }]);
    const outside = tunnels.map((t) => t.OutsideIpAddress ?? "");
    for (const ip of outside) expect(ip).toMatch(DOC_RANGES);
    expect(new Set([...outside, eip.PublicIp]).size).toBe(3);
    expect(vpn.Options?.StaticRoutesOnly).toBe(true);
    expect(vpn.Routes).toEqual([
      { DestinationCidrBlock: "192.168.50.0/24", Source: "Static", State: "available" },
    ]);
    expect(vpn.VgwTelemetry?.map((t) => t.Status)).toEqual(["DOWN", "DOWN"]);
    expect(vpn.VgwTelemetry?.[0]?.LastStatusChange).toBeInstanceOf(Date);
    expect(vpn.VgwTelemetry?.[0]?.StatusMessage).toBe("IPSEC IS DOWN");
    expect(vpn.CustomerGatewayConfiguration).toContain("<vpn_connection");

    // Propagation: the VPN's static route shows up in the private route table.
    const rtb = (await ec2.send(new EC2.DescribeRouteTablesCommand({ RouteTableIds: [privateRtb] })))
      .RouteTables?.[0];
    expect(rtb?.PropagatingVgws).toEqual([{ GatewayId: vgwId }]);
    expect(rtb?.Routes).toContainEqual(
      expect.objectContaining({
        DestinationCidrBlock: "192.168.50.0/24",
        GatewayId: vgwId,
        Origin: "EnableVgwRoutePropagation",
      }),
    );
    await waitFor(async () => {
      const n = (await ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds: [natId] })))
        .NatGateways?.[0];
      return n?.State === "available" ? n : undefined;
    });

    // --- tag filters ------------------------------------------------------------------------
    const byTag = [{ Name: "tag:portal:request-id", Values: [REQUEST] }];
    expect(
      (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ Filters: byTag }))).VpnConnections?.map(
        (v) => v.VpnConnectionId,
      ),
    ).toEqual([vpnId]);
    expect(
      (await ec2.send(new EC2.DescribeVpcsCommand({ Filters: byTag }))).Vpcs?.map((v) => v.VpcId),
    ).toEqual([vpcId]);
    expect(
      (
        await ec2.send(
          new EC2.DescribeVpcsCommand({ Filters: [{ Name: "tag:portal:request-id", Values: ["other"] }] }),
        )
      ).Vpcs,
    ).toEqual([]);
    expect(
      (await ec2.send(new EC2.DescribeVpcsCommand({ Filters: [{ Name: "tag-key", Values: ["portal:*"] }] })))
        .Vpcs,
    ).toHaveLength(1);
    expect(
      (
        await ec2.send(
          new EC2.DescribeVpnConnectionsCommand({
            Filters: [{ Name: "state", Values: ["pending", "deleted"] }],
          }),
        )
      ).VpnConnections,
    ).toEqual([]);
    const tagRows =
      (
        await ec2.send(
          new EC2.DescribeTagsCommand({ Filters: [{ Name: "key", Values: ["portal:request-id"] }] }),
        )
      ).Tags ?? [];
    expect(tagRows).toHaveLength(11);

    const inventory = await admin<InventoryResponse>(
      emulator.url,
      `inventory?tag=${encodeURIComponent(`portal:request-id=${REQUEST}`)}`,
    );
    expect(inventory.resources.map((r) => r.type).sort()).toEqual(
      [
        "customer-gateway",
        "elastic-ip",
        "internet-gateway",
        "natgateway",
        "route-table",
        "route-table",
        "subnet",
        "subnet",
        "vpc",
        "vpn-connection",
        "vpn-gateway",
      ].sort(),
    );

    // --- delete in reverse --------------------------------------------------------------------
    expect((await rejectionOf(ec2.send(new EC2.DeleteVpcCommand({ VpcId: vpcId })))).name).toBe(
      "DependencyViolation",
    );
    expect(
      (await rejectionOf(ec2.send(new EC2.DeleteCustomerGatewayCommand({ CustomerGatewayId: cgwId })))).name,
    ).toBe("DependencyViolation");

    await ec2.send(new EC2.DeleteVpnConnectionCommand({ VpnConnectionId: vpnId }));
    expect(
      (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0]?.State,
    ).toBe("deleting");
    await waitFor(async () => {
      const v = (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0];
      return v?.State === "deleted" ? v : undefined;
    });
    await ec2.send(new EC2.DeleteCustomerGatewayCommand({ CustomerGatewayId: cgwId }));
    // An attached virtual private gateway: AWS says IncorrectState, not DependencyViolation.
    expect((await rejectionOf(ec2.send(new EC2.DeleteVpnGatewayCommand({ VpnGatewayId: vgwId })))).name).toBe(
      "IncorrectState",
    );
    await ec2.send(new EC2.DetachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcId }));
    await waitFor(async () => {
      const g = (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] })))
        .VpnGateways?.[0];
      return g?.VpcAttachments?.[0]?.State === "detached" ? true : undefined;
    });
    await ec2.send(new EC2.DeleteVpnGatewayCommand({ VpnGatewayId: vgwId }));
    expect(
      (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] }))).VpnGateways?.[0]
        ?.State,
    ).toBe("deleting");

    // The Elastic IP stays with the NAT gateway until that is fully deleted.
    expect(
      (await rejectionOf(ec2.send(new EC2.ReleaseAddressCommand({ AllocationId: allocationId })))).name,
    ).toBe("InvalidIPAddress.InUse");
    expect(
      (
        await rejectionOf(
          ec2.send(new EC2.DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
        )
      ).name,
    ).toBe("DependencyViolation");
    await ec2.send(new EC2.DeleteNatGatewayCommand({ NatGatewayId: natId }));
    await waitFor(async () => {
      const n = (await ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds: [natId] })))
        .NatGateways?.[0];
      return n?.State === "deleted" ? n : undefined;
    });
    expect(
      (await ec2.send(new EC2.DescribeAddressesCommand({ AllocationIds: [allocationId] }))).Addresses?.[0]
        ?.AssociationId,
    ).toBeUndefined();
    await ec2.send(new EC2.ReleaseAddressCommand({ AllocationId: allocationId }));
    // The deleted NAT gateway's network interface still sits in the subnet for a while.
    expect((await rejectionOf(ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: publicSubnet })))).name).toBe(
      "DependencyViolation",
    );

    await ec2.send(new EC2.DisassociateRouteTableCommand({ AssociationId: publicAssoc }));
    await ec2.send(new EC2.DisassociateRouteTableCommand({ AssociationId: privateAssoc }));
    await ec2.send(new EC2.DeleteRouteTableCommand({ RouteTableId: publicRtb }));
    await ec2.send(new EC2.DeleteRouteTableCommand({ RouteTableId: privateRtb }));
    await ec2.send(new EC2.DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    await ec2.send(new EC2.DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
    await ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: privateSubnet }));
    await waitFor(
      () =>
        ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: publicSubnet })).then(
          () => true,
          () => undefined,
        ),
      5000,
      100,
    );
    await ec2.send(new EC2.DeleteVpcCommand({ VpcId: vpcId }));

    await waitFor(async () => {
      const left = (await admin<InventoryResponse>(emulator.url, "inventory")).resources;
      return left.length === 0 ? true : undefined;
    });
    // Deleted VPN connections remain visible for a while, as on AWS.
    expect(
      (await ec2.send(new EC2.DescribeVpnConnectionsCommand({}))).VpnConnections?.map((v) => v.State),
    ).toEqual(["deleted"]);
  });
});
