// Lab mode of the EC2 emulator's VPN telemetry: a bridge that reads the REAL state of the platform
// side of each tunnel (charon's SAs over its vici socket, FRR's BGP sessions) once a second and
// tells the emulator through its admin API (POST /_emulator/telemetry), so DescribeVpnConnections'
// VgwTelemetry — and with it the portal — shows what the lab's tunnels actually do. The emulator
// imports nothing from the lab; this talks HTTP only.
//
// With `logs`, it also plays AWS's tunnel logs (decision 023): each new line of the platform-side
// charon log AWS would log, and each BGP session change, becomes a tunnel-log event in AWS's JSON
// format, put with the real CloudWatch Logs SDK into the Region's tunnel-log group on the emulator.
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-cloudwatch-logs";
import { TUNNEL_LOG_GROUP } from "@/lib/tunnels/tunnel-log-group";
import {
  bgpLogEventFor,
  initialTunnelLogState,
  type TunnelLogState,
  tunnelLogEventFor,
} from "./charon-to-tunnel-log";
import { bgpPeers } from "./frr-lab";
import { PLATFORM_CONNECTION } from "./platform-side";
import { type Charon, charonLog, isUp, listSas } from "./strongswan-lab";

export type BridgedTunnel = {
  /** The AWS-side outside IP: how the emulator finds the tunnel. */
  outsideIp: string;
  charon: Charon;
  /** BGP connections: the namespace whose FRR plays this tunnel's virtual private gateway. */
  bgpNs?: string;
};

export type TunnelReading = { status: "UP" | "DOWN"; statusMessage: string; acceptedRouteCount: number };

export type TelemetryBridge = {
  /** The last reading posted per outside IP. */
  readonly last: ReadonlyMap<string, TunnelReading>;
  /** Posts a DOWN for every tunnel (the lab is going away) unless told not to, then stops polling. */
  stop(options?: { markDown?: boolean }): Promise<void>;
};

/** One tunnel as AWS would report it: BGP tunnels are UP only with the session Established. */
export async function readTunnel(tunnel: BridgedTunnel): Promise<TunnelReading> {
  const ipsecUp = isUp(await listSas(tunnel.charon), PLATFORM_CONNECTION);
  if (!ipsecUp) return { status: "DOWN", statusMessage: "IPSEC IS DOWN", acceptedRouteCount: 0 };
  if (!tunnel.bgpNs) return { status: "UP", statusMessage: "IPSEC IS UP", acceptedRouteCount: 0 };
  const peers = Object.values(await bgpPeers(tunnel.bgpNs));
  const established = peers.filter((p) => p.state === "Established");
  if (established.length === 0)
    return { status: "DOWN", statusMessage: "IPSEC IS UP", acceptedRouteCount: 0 };
  const routes = established.reduce((n, p) => n + p.pfxRcd, 0);
  return { status: "UP", statusMessage: `${routes} BGP ROUTES`, acceptedRouteCount: routes };
}

async function post(emulatorUrl: string, updates: unknown[]): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/telemetry`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ updates }),
  });
  if (!response.ok) throw new Error(`emulator telemetry: ${response.status} ${await response.text()}`);
}

/** Starts polling every intervalMs; posts a tunnel's state when it changes (and once at the start). */
export function startTelemetryBridge(options: {
  emulatorUrl: string;
  vpnConnectionId: string;
  tunnels: BridgedTunnel[];
  intervalMs?: number;
  log?: (line: string) => void;
  /** Publish tunnel logs into the Region's tunnel-log group (which provisioning created). */
  logs?: { region: string };
  /**
   * Post every tunnel's state at every tick, not only its changes: for scenarios where AWS itself
   * also moves the telemetry (ModifyVpnTunnelOptions takes a tunnel DOWN in the emulator), so a
   * renegotiation faster than a tick still ends with what the real tunnel shows.
   */
  everyTick?: boolean;
}): TelemetryBridge {
  const { emulatorUrl, vpnConnectionId, tunnels } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const last = new Map<string, TunnelReading>();
  const publishLogs = options.logs
    ? tunnelLogPublisher(emulatorUrl, options.logs.region, vpnConnectionId)
    : null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    const changed: unknown[] = [];
    for (const tunnel of tunnels) {
      const reading = await readTunnel(tunnel);
      const before = last.get(tunnel.outsideIp);
      const same =
        before?.status === reading.status &&
        before.statusMessage === reading.statusMessage &&
        before.acceptedRouteCount === reading.acceptedRouteCount;
      if (same && !options.everyTick) continue;
      changed.push({ vpnConnectionId, outsideIp: tunnel.outsideIp, ...reading });
      last.set(tunnel.outsideIp, reading);
      if (!same)
        options.log?.(`[telemetry] ${tunnel.outsideIp}: ${reading.status} (${reading.statusMessage})`);
    }
    if (changed.length > 0 && !stopped) await post(emulatorUrl, changed);
    if (publishLogs && !stopped) for (const tunnel of tunnels) await publishLogs(tunnel);
  };
  const loop = () => {
    running = tick()
      .catch((error: unknown) =>
        options.log?.(`[telemetry] ${error instanceof Error ? error.message : error}`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();

  return {
    last,
    async stop({ markDown = true } = {}) {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (!markDown) return;
      await post(
        emulatorUrl,
        tunnels.map((t) => ({
          vpnConnectionId,
          outsideIp: t.outsideIp,
          status: "DOWN",
          statusMessage: "IPSEC IS DOWN",
        })),
      ).catch(() => {});
    },
  };
}

/** Tails each tunnel's platform-side charon log (and BGP state) into AWS-format tunnel-log events. */
function tunnelLogPublisher(emulatorUrl: string, region: string, vpnConnectionId: string) {
  const logs = new CloudWatchLogsClient({
    endpoint: emulatorUrl,
    region,
    // The Site-to-Site VPN service publishes, not the portal's worker: a key without a policy.
    credentials: { accessKeyId: "vpn-service", secretAccessKey: "lab" },
    maxAttempts: 1,
  });
  const read = new Map<string, { offset: number; state: TunnelLogState; bgp?: string; stream: boolean }>();
  return async (tunnel: BridgedTunnel) => {
    const entry = read.get(tunnel.outsideIp) ?? { offset: 0, state: initialTunnelLogState(), stream: false };
    read.set(tunnel.outsideIp, entry);
    const text = charonLog(tunnel.charon);
    const lines = text.slice(entry.offset).split("\n");
    // Keep a partial last line for the next tick.
    const partial = lines.pop() ?? "";
    entry.offset = text.length - partial.length;
    const at = new Date();
    const messages: string[] = [];
    const where = { vpnConnectionId, outsideIp: tunnel.outsideIp, at };
    for (const line of lines) {
      const out = tunnelLogEventFor(line, entry.state, where);
      if (!out) continue;
      entry.state = out.state;
      messages.push(JSON.stringify(out.message));
    }
    if (tunnel.bgpNs && entry.state.phase2 === "Established") {
      const peer = Object.values(await bgpPeers(tunnel.bgpNs))[0];
      const state = peer?.state ?? "Idle";
      if (state !== entry.bgp) {
        entry.bgp = state;
        messages.push(JSON.stringify(bgpLogEventFor(state, undefined, where)));
      }
    }
    if (messages.length === 0) return;
    const logStreamName = `${vpnConnectionId}-${tunnel.outsideIp}`;
    if (!entry.stream) {
      await logs
        .send(new CreateLogStreamCommand({ logGroupName: TUNNEL_LOG_GROUP, logStreamName }))
        .catch((error: unknown) => {
          if (!(error instanceof ResourceAlreadyExistsException)) throw error;
        });
      entry.stream = true;
    }
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: TUNNEL_LOG_GROUP,
        logStreamName,
        // One millisecond apart: the lines' order survives sorting by time.
        logEvents: messages.map((message, index) => ({ timestamp: at.getTime() + index, message })),
      }),
    );
  };
}
