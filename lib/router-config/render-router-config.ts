// One entry point for every router-configuration format: picks the renderer and names the file.
// Pure (no I/O): the caller loads stored parameters, checks access and audits the download.
import { type DeviceParams, defaultDeviceParams } from "./device-params";
import { findRouterConfigFormat, type RouterConfigFormatId } from "./formats";
import { renderCiscoAsa } from "./render-cisco-asa";
import { renderCiscoIos } from "./render-cisco-ios";
import { renderEdgeos } from "./render-edgeos";
import { renderFortigate } from "./render-fortigate";
import { renderFrr } from "./render-frr";
import { renderGeneric } from "./render-generic";
import { renderJuniperSrx } from "./render-juniper-srx";
import { renderLibreswan } from "./render-libreswan";
import { renderMikrotikRouteros } from "./render-mikrotik-routeros";
import { renderPaloAltoPanos } from "./render-paloalto-panos";
import { renderStrongswan } from "./render-strongswan";
import { renderVyos } from "./render-vyos";
import type { RouterConfigInput } from "./types";

export { RouterConfigInputError } from "./render-helpers";

export type RenderedRouterConfig = {
  filename: string;
  content: string;
  contentType: "text/plain; charset=utf-8";
};

const RENDERERS: Record<RouterConfigFormatId, (input: RouterConfigInput, device: DeviceParams) => string> = {
  generic: renderGeneric,
  strongswan: renderStrongswan,
  libreswan: renderLibreswan,
  frr: renderFrr,
  "cisco-ios": renderCiscoIos,
  "cisco-asa": renderCiscoAsa,
  "juniper-srx": renderJuniperSrx,
  "paloalto-panos": renderPaloAltoPanos,
  fortigate: renderFortigate,
  "mikrotik-routeros": renderMikrotikRouteros,
  vyos: renderVyos,
  edgeos: renderEdgeos,
};

/** Thrown for an unknown format or one that does not apply to the connection (FRR for static). */
export class RouterConfigFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RouterConfigFormatError";
  }
}

/**
 * Thrown for a vendor/version that cannot meet the AWS policy for this combination (DESIGN §7):
 * refused with the reason and the alternative, never rendered wrong.
 */
export class RouterConfigRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RouterConfigRefusedError";
  }
}

/** Why a format cannot serve this connection, or null when it can. */
export function refusalReason(formatId: RouterConfigFormatId, input: RouterConfigInput): string | null {
  if (formatId === "cisco-asa" && input.ikeVersion === "IKEV1") {
    return "Cisco ASA supports SHA-2 only with IKEv2 (its IKEv1 policies and transform sets have no SHA-256), and this connection's policy is SHA-2 only. Ask for the connection's tunnels to use IKEv2 (a change of tunnel options), or use Cisco IOS / IOS XE, which supports SHA-2 with IKEv1.";
  }
  if (formatId === "mikrotik-routeros" && input.routing === "BGP") {
    return "RouterOS 7 IPsec is policy-based: BGP over the tunnel inside addresses needs a second SA pair per tunnel beside the platform VPC's, and AWS supports one unique SA pair per tunnel. Use static routing on RouterOS, or a route-based device (VTI) for BGP.";
  }
  return null;
}

export function renderRouterConfig(
  formatId: string,
  input: RouterConfigInput,
  device?: DeviceParams,
): RenderedRouterConfig {
  const format = findRouterConfigFormat(formatId);
  if (!format) throw new RouterConfigFormatError(`Unknown router configuration format "${formatId}".`);
  if (format.routing && format.routing !== input.routing) {
    throw new RouterConfigFormatError(
      `${format.label} applies to ${format.routing} connections only; this connection uses ${input.routing} routing.`,
    );
  }
  const refused = refusalReason(format.id, input);
  if (refused) throw new RouterConfigRefusedError(refused);
  const content = RENDERERS[format.id](input, device ?? defaultDeviceParams(format.id, 1));
  const id = input.vpnConnectionId.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 64) || "vpn";
  return {
    filename: `${id}-${format.id}.${format.fileExtension}`,
    content,
    contentType: "text/plain; charset=utf-8",
  };
}
