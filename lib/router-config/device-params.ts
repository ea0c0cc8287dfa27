// Device-specific names a configuration needs (outside interface, tunnel interface numbers, inside
// interface or zone, the Linux up/down script path): parameters on the download page with defaults
// (DESIGN §7). The defaults of an organization's Nth connection never collide with its other
// connections': tunnel interface numbers 2N-1 and 2N, and every other number a renderer derives
// (XFRM if_id, IP SLA/track, IKE policy priority) comes from those. Pure: parsed from URLSearchParams
// so the page, the preview and the download URL read the same values.
import { z } from "zod";
import type { RouterConfigFormatId } from "./formats";

export type DeviceParamName = "outside" | "inside" | "tunnel1" | "tunnel2" | "updown";

/** Fully resolved device parameters, as every renderer receives them. */
export type DeviceParams = {
  outside: string;
  inside: string;
  tunnel1: number;
  tunnel2: number;
  updown: string;
};

type FieldSpec = { label: string; hint: string };

const FIELD_SPECS: Record<DeviceParamName, FieldSpec> = {
  outside: { label: "Outside interface", hint: "the interface holding your customer gateway IP" },
  inside: { label: "Inside interface or zone", hint: "where your LAN traffic comes from" },
  tunnel1: { label: "Tunnel 1 interface number", hint: "a number not yet used on this device" },
  tunnel2: { label: "Tunnel 2 interface number", hint: "a number not yet used on this device" },
  updown: { label: "Up/down script path", hint: "where the file's route script is installed" },
};

type FormatDefaults = { fields: readonly DeviceParamName[]; outside: string; inside: string };

/** Which parameters each format uses, with the vendor's usual names as defaults. */
const FORMAT_DEVICE: Record<RouterConfigFormatId, FormatDefaults> = {
  generic: { fields: [], outside: "", inside: "" },
  strongswan: { fields: ["outside", "tunnel1", "tunnel2", "updown"], outside: "eth0", inside: "" },
  libreswan: { fields: ["tunnel1", "tunnel2", "updown"], outside: "", inside: "" },
  frr: { fields: [], outside: "", inside: "" },
  "cisco-ios": { fields: ["outside", "tunnel1", "tunnel2"], outside: "GigabitEthernet1", inside: "" },
  "cisco-asa": {
    fields: ["outside", "inside", "tunnel1", "tunnel2"],
    outside: "outside",
    inside: "inside",
  },
  "juniper-srx": {
    fields: ["outside", "inside", "tunnel1", "tunnel2"],
    outside: "ge-0/0/0.0",
    inside: "trust",
  },
  "paloalto-panos": {
    fields: ["outside", "inside", "tunnel1", "tunnel2"],
    outside: "ethernet1/1",
    inside: "trust",
  },
  fortigate: { fields: ["outside", "inside"], outside: "wan1", inside: "internal" },
  "mikrotik-routeros": { fields: ["outside"], outside: "ether1", inside: "" },
  vyos: { fields: ["outside", "tunnel1", "tunnel2"], outside: "eth0", inside: "" },
  edgeos: { fields: ["outside", "tunnel1", "tunnel2"], outside: "eth0", inside: "" },
};

export const DEFAULT_UPDOWN_PATH = "/usr/local/sbin/aws-vpn-updown";

/**
 * Tunnel interface numbers of an organization's Nth connection (1-based): 2N-1 and 2N, so two
 * connections on one device never share a tunnel interface, if_id, SLA or policy number.
 */
export function defaultTunnelNumbers(connectionIndex: number): { tunnel1: number; tunnel2: number } {
  const n = Number.isInteger(connectionIndex) && connectionIndex >= 1 ? connectionIndex : 1;
  return { tunnel1: 2 * n - 1, tunnel2: 2 * n };
}

export function defaultDeviceParams(formatId: RouterConfigFormatId, connectionIndex: number): DeviceParams {
  const format = FORMAT_DEVICE[formatId];
  return {
    outside: format.outside,
    inside: format.inside,
    ...defaultTunnelNumbers(connectionIndex),
    updown: DEFAULT_UPDOWN_PATH,
  };
}

// Names are pasted into CLI lines: letters, digits and the separators interface names use, no spaces
// or quotes, so a parameter can never start a new command.
const NAME = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/._:-]{0,47}$/, "use letters, digits and / . _ : - only (max 48)");
const TUNNEL_NUMBER = z.coerce
  .number()
  .int("use a whole number")
  .min(0, "use 0 to 9999")
  .max(9999, "use 0 to 9999");
const PATH = z
  .string()
  .trim()
  .regex(/^\/[A-Za-z0-9/._-]{1,200}$/, "use an absolute path of letters, digits and / . _ - only");

export type DeviceParamField = {
  name: DeviceParamName;
  label: string;
  hint: string;
  value: string;
  defaultValue: string;
  error?: string;
};

export type ParsedDeviceParams = {
  params: DeviceParams;
  /** The form fields of this format with their values and errors (the page shows them). */
  fields: DeviceParamField[];
  /** `?outside=…&tunnel1=…` for this format's parameters (empty when all are defaults). */
  query: string;
  ok: boolean;
};

/**
 * Reads this format's device parameters from the query string, falling back to the connection's
 * defaults for missing or empty values. An invalid value is reported on its field and replaced by
 * the default, so a preview never renders a name the schema refused.
 */
export function parseDeviceParams(
  formatId: RouterConfigFormatId,
  search: URLSearchParams,
  connectionIndex: number,
): ParsedDeviceParams {
  const defaults = defaultDeviceParams(formatId, connectionIndex);
  const params: DeviceParams = { ...defaults };
  const fields: DeviceParamField[] = [];
  const query = new URLSearchParams();
  for (const name of FORMAT_DEVICE[formatId].fields) {
    const raw = (search.get(name) ?? "").trim();
    const defaultValue = String(defaults[name]);
    const field: DeviceParamField = { name, ...FIELD_SPECS[name], value: raw || defaultValue, defaultValue };
    fields.push(field);
    if (!raw) continue;
    const schema = name === "tunnel1" || name === "tunnel2" ? TUNNEL_NUMBER : name === "updown" ? PATH : NAME;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      field.error = parsed.error.issues[0]?.message ?? "invalid value";
      continue;
    }
    (params as Record<DeviceParamName, string | number>)[name] = parsed.data;
    if (String(parsed.data) !== defaultValue) query.set(name, String(parsed.data));
  }
  if (params.tunnel1 === params.tunnel2) {
    const field = fields.find((f) => f.name === "tunnel2");
    if (field) field.error = "must differ from tunnel 1's number";
    params.tunnel1 = defaults.tunnel1;
    params.tunnel2 = defaults.tunnel2;
    query.delete("tunnel1");
    query.delete("tunnel2");
  }
  const text = query.toString();
  return { params, fields, query: text ? `?${text}` : "", ok: fields.every((f) => !f.error) };
}

/** The parameter names a format uses (tests and docs). */
export function deviceParamNames(formatId: RouterConfigFormatId): readonly DeviceParamName[] {
  return FORMAT_DEVICE[formatId].fields;
}
