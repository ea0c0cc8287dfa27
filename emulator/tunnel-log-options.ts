// A tunnel's LogOptions (VpnTunnelLogOptionsSpecification): CloudWatchLogOptions for the tunnel
// activity log and the BGP log, checked as EC2 checks them, rendered as DescribeVpnConnections does.
import { invalidValue } from "./protocol/errors";
import type { Params } from "./protocol/query";

export type TunnelLogOptions = {
  logEnabled: boolean;
  logGroupArn?: string;
  logOutputFormat: "json" | "text";
  bgpLogEnabled: boolean;
  bgpLogGroupArn?: string;
  bgpLogOutputFormat: "json" | "text";
};

const DISABLED: TunnelLogOptions = {
  logEnabled: false,
  logOutputFormat: "json",
  bgpLogEnabled: false,
  bgpLogOutputFormat: "json",
};

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512}(:\*)?$/;

const format = (name: string, value: string | undefined, base: "json" | "text"): "json" | "text" => {
  if (value === undefined) return base;
  if (value !== "json" && value !== "text")
    throw invalidValue(`Value (${value}) for parameter ${name} is invalid. Valid values: json, text.`);
  return value;
};

const arn = (name: string, value: string | undefined, base: string | undefined) => {
  if (value === undefined) return base;
  if (!LOG_GROUP_ARN.test(value))
    throw invalidValue(`Value (${value}) for parameter ${name} is not a valid log group ARN.`);
  return value;
};

/** `LogOptions.CloudWatchLogOptions.*` of a tunnel spec applied onto the tunnel's current ones. */
export function applyLogOptions(spec: Params, base: TunnelLogOptions | undefined): TunnelLogOptions {
  const cw = spec.sub("LogOptions").sub("CloudWatchLogOptions");
  const next: TunnelLogOptions = {
    logEnabled: cw.bool("LogEnabled") ?? base?.logEnabled ?? false,
    logGroupArn: arn("LogGroupArn", cw.str("LogGroupArn"), base?.logGroupArn),
    logOutputFormat: format("LogOutputFormat", cw.str("LogOutputFormat"), base?.logOutputFormat ?? "json"),
    bgpLogEnabled: cw.bool("BgpLogEnabled") ?? base?.bgpLogEnabled ?? false,
    bgpLogGroupArn: arn("BgpLogGroupArn", cw.str("BgpLogGroupArn"), base?.bgpLogGroupArn),
    bgpLogOutputFormat: format(
      "BgpLogOutputFormat",
      cw.str("BgpLogOutputFormat"),
      base?.bgpLogOutputFormat ?? "json",
    ),
  };
  if (next.logEnabled && !next.logGroupArn)
    throw invalidValue("LogGroupArn is required when LogEnabled is true.");
  if (next.bgpLogEnabled && !next.bgpLogGroupArn)
    throw invalidValue("BgpLogGroupArn is required when BgpLogEnabled is true.");
  return next;
}

/** DescribeVpnConnections' `logOptions` of a tunnel. */
export function logOptionsXml(options: TunnelLogOptions | undefined) {
  const o = options ?? DISABLED;
  return {
    cloudWatchLogOptions: {
      logEnabled: o.logEnabled,
      ...(o.logGroupArn ? { logGroupArn: o.logGroupArn } : {}),
      logOutputFormat: o.logOutputFormat,
      bgpLogEnabled: o.bgpLogEnabled,
      ...(o.bgpLogGroupArn ? { bgpLogGroupArn: o.bgpLogGroupArn } : {}),
      bgpLogOutputFormat: o.bgpLogOutputFormat,
    },
  };
}
