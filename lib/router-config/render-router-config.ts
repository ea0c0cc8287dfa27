// One entry point for every router-configuration format: picks the renderer and names the file.
// Pure (no I/O): the caller loads stored parameters, checks access and audits the download.
import { findRouterConfigFormat, type RouterConfigFormatId } from "./formats";
import { renderCiscoAsa } from "./render-cisco-asa";
import { renderCiscoIos } from "./render-cisco-ios";
import { renderEdgeos } from "./render-edgeos";
import { renderFortigate } from "./render-fortigate";
import { renderFrr } from "./render-frr";
import { renderGeneric } from "./render-generic";
import { renderJuniperSrx } from "./render-juniper-srx";
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

const RENDERERS: Record<RouterConfigFormatId, (input: RouterConfigInput) => string> = {
  generic: renderGeneric,
  strongswan: renderStrongswan,
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

export function renderRouterConfig(formatId: string, input: RouterConfigInput): RenderedRouterConfig {
  const format = findRouterConfigFormat(formatId);
  if (!format) throw new RouterConfigFormatError(`Unknown router configuration format "${formatId}".`);
  if (format.routing && format.routing !== input.routing) {
    throw new RouterConfigFormatError(
      `${format.label} applies to ${format.routing} connections only; this connection uses ${input.routing} routing.`,
    );
  }
  const content = RENDERERS[format.id](input);
  const id = input.vpnConnectionId.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 64) || "vpn";
  return {
    filename: `${id}-${format.id}.${format.fileExtension}`,
    content,
    contentType: "text/plain; charset=utf-8",
  };
}
