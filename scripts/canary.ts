// `npm run canary`: one request's AWS side built and removed in a real sandbox account, with the
// standard credential chain, printing what AWS did that the emulator can only imitate (timings,
// eventual-consistency retries, AsnConflict on a static connection, gateway IPs across VGWs).
// Never run in CI: it creates billable resources for a few minutes. See docs/running-on-aws.md.
import * as EC2 from "@aws-sdk/client-ec2";
import { awsErrorCode, isNotFoundError } from "../lib/aws/aws-errors";
import { chooseAvailabilityZone } from "../lib/aws/choose-availability-zone";
import { lookUpSettled, untilReleased, untilVisible } from "../lib/aws/eventual-consistency";
import { byTags, tagsFor } from "../lib/provisioning/aws-resources";

const region = process.env.CANARY_REGION;
const expectedAccount = process.env.CANARY_ACCOUNT_ID;
const endpoint = process.env.AWS_ENDPOINT_URL_EC2;
if (!region || (!expectedAccount && !endpoint)) {
  process.stderr.write(
    "canary: set CANARY_REGION and CANARY_ACCOUNT_ID (the sandbox account the credentials must reach); see docs/running-on-aws.md\n",
  );
  process.exit(2);
}

const ec2 = new EC2.EC2Client({
  region,
  ...(endpoint ? { endpoint, credentials: { accessKeyId: "canary", secretAccessKey: "canary" } } : {}),
});
const requestId = `canary-${new Date().toISOString().replace(/[:.]/g, "-")}`;
const started = Date.now();
const observed: Record<string, string | number | boolean> = {};
const note = (key: string, value: string | number | boolean) => {
  observed[key] = value;
  process.stdout.write(`  ${key}: ${value}\n`);
};
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A call naming a resource just created: NotFound counted and retried for up to 60 s. */
async function visible<T>(what: string, work: () => Promise<T>): Promise<T> {
  let retries = 0;
  const at = Date.now();
  const result = await untilVisible(work, { windowMs: 60_000, onWait: () => void retries++ });
  if (retries > 0) note(`${what}: NotFound before visible`, `${retries} times, ${seconds(at)} s`);
  return result;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20 * 60_000): Promise<void> {
  const at = Date.now();
  while (!(await check())) {
    if (Date.now() - at > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(2000);
  }
  note(what, `${seconds(at)} s`);
}

/** Deletes for the clean-up, newest first; each waits out DependencyViolation and treats NotFound as done. */
const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
const later = (what: string, run: () => Promise<unknown>) => cleanups.unshift({ what, run });

async function build(): Promise<void> {
  const owner = (await ec2.send(new EC2.DescribeVpcsCommand({}))).Vpcs?.[0]?.OwnerId;
  if (!endpoint && owner !== expectedAccount)
    throw new Error(
      `the credentials reach account ${owner ?? "(unknown)"}, not CANARY_ACCOUNT_ID ${expectedAccount}`,
    );
  note("account", owner ?? "(none)");
  note("request tag", requestId);

  let at = Date.now();
  const vpcId =
    (
      await ec2.send(
        new EC2.CreateVpcCommand({
          CidrBlock: "10.250.0.0/16",
          TagSpecifications: tagsFor(requestId, "vpc", "vpc"),
        }),
      )
    ).Vpc?.VpcId ?? "";
  later("VPC", () => ec2.send(new EC2.DeleteVpcCommand({ VpcId: vpcId })));
  await visible("VPC by ID", () => ec2.send(new EC2.DescribeVpcsCommand({ VpcIds: [vpcId] })));
  const byTag = await lookUpSettled(
    async () =>
      (await ec2.send(new EC2.DescribeVpcsCommand({ Filters: byTags(requestId, "vpc") }))).Vpcs?.[0],
    { windowMs: 60_000 },
  );
  note("VPC in a tag filter after", byTag ? `${seconds(at)} s` : "not within 60 s");

  const zone = await chooseAvailabilityZone(ec2);
  note("availability zone", zone);
  const subnet = async (cidr: string, role: "private-subnet" | "public-subnet") => {
    const id =
      (
        await visible(`${role} create`, () =>
          ec2.send(
            new EC2.CreateSubnetCommand({
              VpcId: vpcId,
              CidrBlock: cidr,
              AvailabilityZone: zone,
              TagSpecifications: tagsFor(requestId, "subnet", role),
            }),
          ),
        )
      ).Subnet?.SubnetId ?? "";
    later(role, () => ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: id })));
    return id;
  };
  const privateSubnet = await subnet("10.250.0.0/24", "private-subnet");
  const publicSubnet = await subnet("10.250.1.0/24", "public-subnet");

  const igw =
    (
      await ec2.send(
        new EC2.CreateInternetGatewayCommand({
          TagSpecifications: tagsFor(requestId, "internet-gateway", "internet-gateway"),
        }),
      )
    ).InternetGateway?.InternetGatewayId ?? "";
  later("internet gateway", () => ec2.send(new EC2.DeleteInternetGatewayCommand({ InternetGatewayId: igw })));
  await visible("internet gateway attach", () =>
    ec2.send(new EC2.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId })),
  );
  later("internet gateway attachment", () =>
    ec2.send(new EC2.DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId })),
  );

  const vgw = async (role: string) => {
    at = Date.now();
    const id =
      (
        await ec2.send(
          new EC2.CreateVpnGatewayCommand({
            Type: "ipsec.1",
            AmazonSideAsn: 64512,
            TagSpecifications: tagsFor(requestId, "vpn-gateway", "vpn-gateway"),
          }),
        )
      ).VpnGateway?.VpnGatewayId ?? "";
    later(`${role} VGW`, async () => {
      await ec2.send(new EC2.DeleteVpnGatewayCommand({ VpnGatewayId: id }));
      await until(`${role} VGW deleting → deleted`, async () => {
        const state = (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [id] })))
          .VpnGateways?.[0]?.State;
        return state === "deleted" || state === undefined;
      });
    });
    await until(
      `${role} VGW pending → available`,
      async () =>
        (
          await visible(`${role} VGW by ID`, () =>
            ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [id] })),
          )
        ).VpnGateways?.[0]?.State === "available",
    );
    return id;
  };
  const vgwId = await vgw("first");
  await ec2.send(new EC2.AttachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcId }));
  later("VGW attachment", async () => {
    await ec2.send(new EC2.DetachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcId }));
    await until("VGW detaching → detached", async () =>
      (
        (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] }))).VpnGateways?.[0]
          ?.VpcAttachments ?? []
      ).every((a) => a.State === "detached"),
    );
  });
  await until("VGW attaching → attached", async () =>
    (
      (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [vgwId] }))).VpnGateways?.[0]
        ?.VpcAttachments ?? []
    ).some((a) => a.VpcId === vpcId && a.State === "attached"),
  );

  const cgw = async (asn: number, device: string) => {
    const id =
      (
        await ec2.send(
          new EC2.CreateCustomerGatewayCommand({
            Type: "ipsec.1",
            IpAddress: "198.51.100.200",
            BgpAsn: asn,
            DeviceName: device,
            TagSpecifications: tagsFor(requestId, "customer-gateway", "customer-gateway"),
          }),
        )
      ).CustomerGateway?.CustomerGatewayId ?? "";
    later(`customer gateway ${asn}`, () =>
      ec2.send(new EC2.DeleteCustomerGatewayCommand({ CustomerGatewayId: id })),
    );
    return id;
  };
  const vpn = async (cgwId: string, vgwIdFor: string, role: string) => {
    const created = await visible(`${role} VPN create`, () =>
      ec2.send(
        new EC2.CreateVpnConnectionCommand({
          Type: "ipsec.1",
          CustomerGatewayId: cgwId,
          VpnGatewayId: vgwIdFor,
          Options: { StaticRoutesOnly: true },
          TagSpecifications: tagsFor(requestId, "vpn-connection", "vpn-connection"),
        }),
      ),
    );
    const id = created.VpnConnection?.VpnConnectionId ?? "";
    later(`${role} VPN connection`, async () => {
      await ec2.send(new EC2.DeleteVpnConnectionCommand({ VpnConnectionId: id }));
      await until(`${role} VPN deleting → deleted`, async () =>
        ["deleted", undefined].includes(
          (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] })))
            .VpnConnections?.[0]?.State,
        ),
      );
    });
    return {
      id,
      ips: (created.VpnConnection?.Options?.TunnelOptions ?? []).map((t) => t.OutsideIpAddress ?? ""),
    };
  };

  // Does AWS refuse equal ASNs on a static connection too (AsnConflict), as on a BGP one?
  const sameAsn = await cgw(64512, `${requestId}-same-asn`);
  try {
    const probe = await vpn(sameAsn, vgwId, "same-ASN static");
    note("static connection with the VGW's own ASN", `accepted (${probe.id})`);
  } catch (error) {
    note("static connection with the VGW's own ASN", `refused: ${awsErrorCode(error)}`);
  }

  const cgwId = await cgw(65000, `${requestId}-main`);
  at = Date.now();
  const main = await vpn(cgwId, vgwId, "main");
  // The identical call again: AWS documents CreateVpnConnection as idempotent.
  const again = await vpn(cgwId, vgwId, "repeated");
  note(
    "identical CreateVpnConnection",
    again.id === main.id ? "returned the same connection" : `made another (${again.id})`,
  );
  await until(
    "VPN pending → available",
    async () =>
      (
        await visible("VPN by ID", () =>
          ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [main.id] })),
        )
      ).VpnConnections?.[0]?.State === "available",
  );
  try {
    await ec2.send(
      new EC2.CreateVpnConnectionRouteCommand({
        VpnConnectionId: main.id,
        DestinationCidrBlock: "192.168.77.0/24",
      }),
    );
    await until("static route pending → available", async () =>
      (
        (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: [main.id] })))
          .VpnConnections?.[0]?.Routes ?? []
      ).some((r) => r.State === "available"),
    );
  } catch (error) {
    note("static route", `refused: ${awsErrorCode(error)}`);
  }

  // Do two VGWs' connections to one customer gateway share AWS outside IPs?
  const secondVgw = await vgw("second");
  const second = await vpn(cgwId, secondVgw, "second-VGW");
  const shared = main.ips.filter((ip) => second.ips.includes(ip));
  note("tunnel outside IPs shared across VGWs", shared.length > 0 ? shared.join(", ") : "none");

  const allocation =
    (
      await ec2.send(
        new EC2.AllocateAddressCommand({
          Domain: "vpc",
          TagSpecifications: tagsFor(requestId, "elastic-ip", "elastic-ip"),
        }),
      )
    ).AllocationId ?? "";
  later("Elastic IP", () => ec2.send(new EC2.ReleaseAddressCommand({ AllocationId: allocation })));
  const natId =
    (
      await visible("NAT gateway create", () =>
        ec2.send(
          new EC2.CreateNatGatewayCommand({
            SubnetId: publicSubnet,
            AllocationId: allocation,
            ClientToken: `${requestId}-nat-1`,
            TagSpecifications: tagsFor(requestId, "natgateway", "nat-gateway"),
          }),
        ),
      )
    ).NatGateway?.NatGatewayId ?? "";
  later("NAT gateway", async () => {
    await ec2.send(new EC2.DeleteNatGatewayCommand({ NatGatewayId: natId }));
    await until(
      "NAT deleting → deleted",
      async () =>
        (await ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds: [natId] }))).NatGateways?.[0]
          ?.State === "deleted",
    );
  });
  await until(
    "NAT pending → available",
    async () =>
      (
        await visible("NAT by ID", () =>
          ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds: [natId] })),
        )
      ).NatGateways?.[0]?.State === "available",
  );

  const table = async (
    role: "private-route-table" | "public-route-table",
    subnetId: string,
    target: object,
  ) => {
    const id =
      (
        await visible(`${role} create`, () =>
          ec2.send(
            new EC2.CreateRouteTableCommand({
              VpcId: vpcId,
              ClientToken: `${requestId}-${role}`.slice(0, 64),
              TagSpecifications: tagsFor(requestId, "route-table", role),
            }),
          ),
        )
      ).RouteTable?.RouteTableId ?? "";
    later(role, () => ec2.send(new EC2.DeleteRouteTableCommand({ RouteTableId: id })));
    await visible(`${role} route`, () =>
      ec2.send(
        new EC2.CreateRouteCommand({ RouteTableId: id, DestinationCidrBlock: "0.0.0.0/0", ...target }),
      ),
    );
    const association =
      (
        await visible(`${role} associate`, () =>
          ec2.send(new EC2.AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId })),
        )
      ).AssociationId ?? "";
    later(`${role} association`, () =>
      ec2.send(new EC2.DisassociateRouteTableCommand({ AssociationId: association })),
    );
  };
  await table("private-route-table", privateSubnet, { NatGatewayId: natId });
  await table("public-route-table", publicSubnet, { GatewayId: igw });
  note("built in", `${seconds(started)} s`);
}

async function cleanUp(): Promise<void> {
  const at = Date.now();
  for (const { what, run } of cleanups) {
    let violations = 0;
    const since = Date.now();
    try {
      await untilReleased(run, { windowMs: 15 * 60_000, onWait: () => void violations++ });
      if (violations > 0)
        note(`${what}: DependencyViolation before deleted`, `${violations} times, ${seconds(since)} s`);
    } catch (error) {
      if (isNotFoundError(error)) continue;
      note(
        `${what}: NOT DELETED`,
        `${awsErrorCode(error)} — remove it by hand (tag portal:request-id=${requestId})`,
      );
    }
  }
  note("removed in", `${seconds(at)} s`);
}

process.stdout.write(`canary in ${region}${endpoint ? ` against ${endpoint}` : ""}\n`);
let failed = false;
try {
  await build();
} catch (error) {
  failed = true;
  note("FAILED", `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.CANARY_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ""}\n`);
} finally {
  await cleanUp();
}
process.stdout.write(`${JSON.stringify({ region, requestId, observed }, null, 2)}\n`);
process.exit(failed ? 1 : 0);
