// The one CloudWatch Logs group per Region that every tunnel the portal creates logs into (IKE and
// BGP, DESIGN §10): created if missing, retention set, its ARN for the tunnels' LogOptions.
import "server-only";
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-cloudwatch-logs";
import type { VpnTunnelLogOptionsSpecification } from "@aws-sdk/client-ec2";
import { logsFor } from "@/lib/aws/logs-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";

export const TUNNEL_LOG_GROUP = "/vpn-portal/tunnel-logs";
/** Long enough to read back a failure after a weekend; the page keeps the recent ones itself. */
export const TUNNEL_LOG_RETENTION_DAYS = 30;

/** Creates the Region's tunnel-log group if missing and sets its retention; returns its ARN. */
export async function ensureTunnelLogGroup(region: string, account: PoolAccount | null): Promise<string> {
  const logs = logsFor(region, account);
  try {
    await logs.send(new CreateLogGroupCommand({ logGroupName: TUNNEL_LOG_GROUP }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  await logs.send(
    new PutRetentionPolicyCommand({
      logGroupName: TUNNEL_LOG_GROUP,
      retentionInDays: TUNNEL_LOG_RETENTION_DAYS,
    }),
  );
  const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: TUNNEL_LOG_GROUP }));
  const group = found.logGroups?.find((candidate) => candidate.logGroupName === TUNNEL_LOG_GROUP);
  const arn = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, "");
  if (!arn)
    throw new Error(`CloudWatch Logs did not list ${TUNNEL_LOG_GROUP} in ${region} after creating it`);
  return arn;
}

/** Both logs of a tunnel (activity and BGP), in AWS's JSON format, into the group. */
export function tunnelLogOptions(logGroupArn: string): VpnTunnelLogOptionsSpecification {
  return {
    CloudWatchLogOptions: {
      LogEnabled: true,
      LogGroupArn: logGroupArn,
      LogOutputFormat: "json",
      BgpLogEnabled: true,
      BgpLogGroupArn: logGroupArn,
      BgpLogOutputFormat: "json",
    },
  };
}
