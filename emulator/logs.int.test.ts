import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateVpnConnectionCommand,
  DescribeVpnConnectionsCommand,
  ModifyVpnTunnelOptionsCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { admin, clientFor, createGatewayPair, rejectionOf, testEmulatorForFile, waitFor } from "./testing";

const emulator = testEmulatorForFile();
const logsFor = (region: string, accessKeyId = "test") =>
  new CloudWatchLogsClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId, secretAccessKey: "test" },
    maxAttempts: 1,
  });

describe("CloudWatch Logs on the EC2 endpoint, through the real SDK", () => {
  it("creates a group and stream, takes events and returns them by stream and time, per Region", async () => {
    const logs = logsFor("eu-west-1");
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/vpn/tunnels" }));
    const again = await rejectionOf(logs.send(new CreateLogGroupCommand({ logGroupName: "/vpn/tunnels" })));
    expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(again.$metadata?.httpStatusCode).toBe(400);
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/vpn/tunnels", retentionInDays: 30 }));
    const badRetention = await rejectionOf(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: "/vpn/tunnels", retentionInDays: 31 })),
    );
    expect(badRetention.name).toBe("InvalidParameterException");

    await logs.send(new CreateLogStreamCommand({ logGroupName: "/vpn/tunnels", logStreamName: "a" }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/vpn/tunnels", logStreamName: "b" }));
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: "/vpn/tunnels",
        logStreamName: "a",
        logEvents: [
          { timestamp: now - 2000, message: "one" },
          { timestamp: now - 1000, message: "two" },
        ],
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: "/vpn/tunnels",
        logStreamName: "b",
        logEvents: [{ timestamp: now - 1500, message: "other" }],
      }),
    );
    const unordered = await rejectionOf(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: "/vpn/tunnels",
          logStreamName: "a",
          logEvents: [
            { timestamp: now, message: "late" },
            { timestamp: now - 10, message: "early" },
          ],
        }),
      ),
    );
    expect(unordered.name).toBe("InvalidParameterException");

    const filtered = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: "/vpn/tunnels",
        logStreamNames: ["a"],
        startTime: now - 1500,
      }),
    );
    expect(filtered.events?.map((e) => [e.logStreamName, e.message])).toEqual([["a", "two"]]);
    const paged = await logs.send(new FilterLogEventsCommand({ logGroupName: "/vpn/tunnels", limit: 2 }));
    expect(paged.events?.map((e) => e.message)).toEqual(["one", "other"]);
    const rest = await logs.send(
      new FilterLogEventsCommand({ logGroupName: "/vpn/tunnels", limit: 2, nextToken: paged.nextToken }),
    );
    expect(rest.events?.map((e) => e.message)).toEqual(["two"]);
    expect(rest.nextToken).toBeUndefined();
    const got = await logs.send(
      new GetLogEventsCommand({ logGroupName: "/vpn/tunnels", logStreamName: "a", startFromHead: true }),
    );
    expect(got.events?.map((e) => e.message)).toEqual(["one", "two"]);

    const elsewhere = await rejectionOf(
      logsFor("us-east-1").send(new FilterLogEventsCommand({ logGroupName: "/vpn/tunnels" })),
    );
    expect(elsewhere.name).toBe("ResourceNotFoundException");
  });

  it("evaluates logs:<Operation> against the caller's IAM policy", async () => {
    await admin(emulator.url, "config", {
      iam: {
        policies: {
          reader: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "logs:FilterLogEvents", Resource: "*" }],
          },
        },
      },
    });
    const logs = logsFor("eu-west-1", "reader");
    const denied = await rejectionOf(logs.send(new CreateLogGroupCommand({ logGroupName: "/denied" })));
    expect(denied.name).toBe("AccessDeniedException");
    expect(denied.message).toContain("logs:CreateLogGroup");
  });

  it("keeps a tunnel's LogOptions from CreateVpnConnection and ModifyVpnTunnelOptions", async () => {
    const ec2 = clientFor(emulator.url, "eu-west-1");
    const gateways = await createGatewayPair(ec2, "198.51.100.77");
    const arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/vpn/tunnels";
    const logOptions = {
      CloudWatchLogOptions: {
        LogEnabled: true,
        LogGroupArn: arn,
        LogOutputFormat: "json",
        BgpLogEnabled: true,
        BgpLogGroupArn: arn,
        BgpLogOutputFormat: "json",
      },
    };
    const created = await ec2.send(
      new CreateVpnConnectionCommand({
        Type: "ipsec.1",
        ...gateways,
        Options: { TunnelOptions: [{ LogOptions: logOptions }, { LogOptions: logOptions }] },
      }),
    );
    const id = created.VpnConnection?.VpnConnectionId;
    const [described] =
      (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id as string] })))
        .VpnConnections ?? [];
    const tunnels = described?.Options?.TunnelOptions ?? [];
    expect(tunnels.map((t) => t.LogOptions?.CloudWatchLogOptions?.BgpLogEnabled)).toEqual([true, true]);
    expect(tunnels[0]?.LogOptions?.CloudWatchLogOptions?.LogGroupArn).toBe(arn);

    const missingArn = await rejectionOf(
      ec2.send(
        new CreateVpnConnectionCommand({
          Type: "ipsec.1",
          ...gateways,
          Options: { TunnelOptions: [{ LogOptions: { CloudWatchLogOptions: { LogEnabled: true } } }] },
        }),
      ),
    );
    expect(missingArn.name).toBe("InvalidParameterValue");

    // A change in place of another option keeps the tunnel's logs on.
    const outsideIp = tunnels[0]?.OutsideIpAddress as string;
    const modified = await waitFor(() =>
      ec2
        .send(
          new ModifyVpnTunnelOptionsCommand({
            VpnConnectionId: id,
            VpnTunnelOutsideIpAddress: outsideIp,
            TunnelOptions: { DPDTimeoutSeconds: 40 },
          }),
        )
        .catch(() => undefined),
    );
    const after = modified.VpnConnection?.Options?.TunnelOptions?.find(
      (t) => t.OutsideIpAddress === outsideIp,
    );
    expect(after?.DpdTimeoutSeconds).toBe(40);
    expect(after?.LogOptions?.CloudWatchLogOptions).toMatchObject({ LogEnabled: true, LogGroupArn: arn });
  });
});
