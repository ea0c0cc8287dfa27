// The one module every renderer imports from: the model and helpers of render-helpers.ts, the input
// and device types, and the pieces every file has in common (defineRenderer: the shared header,
// the sections and the verification section; planBgp: the vendor-neutral BGP neighbour and
// tunnel-preference plan; the routing notes). Renderers only spell their vendor's syntax.
import type { DeviceParams } from "./device-params";
import type { RouterConfigFormatId } from "./formats";
import {
  bgpPreference,
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  type DhGroup,
  type HeaderOptions,
  headerLines,
  joinSections,
  type TunnelView,
  tunnelPreferenceNote,
  verifyLines,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

export { type DeviceParams, defaultDeviceParams } from "./device-params";
export {
  bgpPreference,
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  connectionNumber,
  type DhGroup,
  headerLines,
  ifNumber,
  joinSections,
  type PhaseView,
  sanitizeCommentText,
  shortId,
  type TunnelView,
  tunnelPreferenceNote,
  verifyLines,
} from "./render-helpers";
export type { RouterConfigInput } from "./types";

/** A renderer: the input (and the device's names and numbers) in, the file's text out. */
export type Renderer = (input: RouterConfigInput, device?: DeviceParams) => string;

/** One line of the "VERIFY on the device:" section. */
export type VerifyCommand = { command: string; what: string };

export type DocumentParts = Pick<HeaderOptions, "platform" | "notes"> & {
  /** The keep-alive of one tunnel (told in the header for IKEv2 with static routing). */
  keepAlive: (tunnel: TunnelView) => string;
  /** The configuration itself, section by section (joined with one blank line between them). */
  sections: Array<string | string[]>;
  /** The device's show commands (DESIGN §7), written as the comment every file ends with. */
  verify: VerifyCommand[];
  /** The routing section, after `sections`, and its verification line, after `verify`. */
  routing?: RoutingPart;
  /** Sections after the routing section (Cisco IOS: "end"). */
  after?: Array<string | string[]>;
  /** How the file is applied ("Run 'commit' after loading."): the last note, after the routing notes. */
  apply?: string;
};

/** BGP or static routing: the last section of most files, and the last line of their verification. */
export type RoutingPart = {
  lines: string[];
  /** The section's title for static routing (for BGP it is "BGP"). */
  staticTitle?: string;
  /** How to add networks to advertise in this syntax: a note for a BGP connection that declared none. */
  noNetworksHint: string;
  /** What shows the routing works: the BGP sessions, or the static routes (and their liveness). */
  check: { bgp: VerifyCommand; static: VerifyCommand };
};

/**
 * A renderer for `formatId` whose comments start with `marker` ("#" or "!"), defined by what its
 * file holds for a model: the kit validates the input, then writes the shared header, the sections
 * and the verification section.
 */
export function defineRenderer(
  formatId: RouterConfigFormatId,
  marker: "#" | "!",
  document: (model: ConfigModel) => DocumentParts,
): Renderer {
  return (input, device) => {
    const model = buildConfigModel(input, device);
    const parts = document(model);
    const { routing } = parts;
    const header = headerLines(model, {
      formatId,
      platform: parts.platform,
      keepAliveCommands: model.tunnels.map(parts.keepAlive),
      notes: [
        ...parts.notes,
        ...(routing ? routingNotes(model, routing.noNetworksHint) : []),
        ...(parts.apply ? [parts.apply] : []),
      ],
    });
    const title = model.bgp ? "BGP" : (routing?.staticTitle ?? "Static routes to the platform VPC");
    const verify = routing
      ? [...parts.verify, model.bgp ? routing.check.bgp : routing.check.static]
      : parts.verify;
    return joinSections([
      commentBlock(header, marker),
      ...parts.sections,
      ...(routing ? [[`${marker} --- ${title} ---`, ...routing.lines]] : []),
      ...(parts.after ?? []),
      commentBlock(verifyLines(verify), marker),
    ]);
  };
}

/**
 * The routing notes of a file's "Before applying, check:" list, after its own: for a BGP connection
 * that declared no networks, how to add them in this syntax (`noNetworksHint`); then the tunnel preference.
 */
function routingNotes(model: ConfigModel, noNetworksHint: string): string[] {
  const noNetworks = model.bgp && model.customerNetworks.length === 0;
  return [
    ...(noNetworks ? [`No networks were declared: ${noNetworksHint}`] : []),
    ...tunnelPreferenceNote(model),
  ];
}

/** DH groups by their IKE names (RFC 3526 MODP, RFC 5903 ECP), as strongSwan and RouterOS spell them. */
export const DH_GROUP_NAMES: Record<DhGroup, string> = {
  14: "modp2048",
  15: "modp3072",
  16: "modp4096",
  19: "ecp256",
  20: "ecp384",
  21: "ecp521",
};

/** One BGP neighbour (the AWS inside address of a tunnel) with that tunnel's preference (§7). */
export type BgpPeer = {
  tunnel: TunnelView;
  localPreference: number;
  /** How often the customer's AS is prepended towards this tunnel (0 on tunnel 1). */
  prepend: number;
  /** The prepended AS path, e.g. "65010 65010" ("" when nothing is prepended). */
  asPath: string;
  /** `<slug>-<n>-in` and `-out`: the names most formats give this tunnel's route maps. */
  routeMapIn: string;
  routeMapOut: string;
};

/** The vendor-neutral BGP plan: ASNs, timers, and one peer per tunnel. */
export type BgpPlan = NonNullable<ConfigModel["bgp"]> & {
  /** Two tunnels: route maps make tunnel 1 preferred both ways. A single tunnel needs none. */
  preferTunnel1: boolean;
  peers: BgpPeer[];
};

/** The BGP plan of a BGP connection, or null for static routing. */
export function planBgp(model: ConfigModel): BgpPlan | null {
  if (!model.bgp) return null;
  const { customerAsn } = model.bgp;
  return {
    ...model.bgp,
    preferTunnel1: model.tunnels.length > 1,
    peers: model.tunnels.map((tunnel) => {
      const { localPreference, prepend } = bgpPreference(tunnel);
      const name = `${model.slug}-${tunnel.number}`;
      return {
        tunnel,
        localPreference,
        prepend,
        asPath: Array(prepend).fill(customerAsn).join(" "),
        routeMapIn: `${name}-in`,
        routeMapOut: `${name}-out`,
      };
    }),
  };
}
