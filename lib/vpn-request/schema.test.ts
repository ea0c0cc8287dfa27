import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DEFAULT_VPN_REQUEST_VALUES,
  makeVpnRequestSchema,
  readVpnRequestForm,
  VPN_REQUEST_FIELDS,
  type VpnRequestFormValues,
  type VpnRequestSettings,
} from "./schema";

const ORG = "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const settings: VpnRequestSettings = {
  allowDocumentationIps: false,
  supportedRegions: ["us-west-2", "eu-west-1", "ap-southeast-2"],
  platformAsn: 64512,
};
const schema = makeVpnRequestSchema(settings);

const bgp: VpnRequestFormValues = {
  ...DEFAULT_VPN_REQUEST_VALUES,
  customerName: "Acme Widgets",
  orgId: ORG,
  location: "gb-lon",
  region: "eu-west-1",
  customerGatewayIp: "52.14.7.20",
  routing: "BGP",
  bgpAsn: "65001",
};
const staticRouting: VpnRequestFormValues = {
  ...bgp,
  routing: "STATIC",
  bgpAsn: "",
  subnetRanges: "10.20.0.0/16",
};

function errors(values: Partial<VpnRequestFormValues>, schemaUnderTest = schema) {
  const result = schemaUnderTest.safeParse(values);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("makeVpnRequestSchema: a good request", () => {
  it("turns the form's strings into a typed BGP request", () => {
    expect(
      schema.parse({
        ...bgp,
        customerName: "  Acme Widgets  ",
        advertisedNetworks: "10.0.0.0/16,\n\n10.1.0.0/16\n",
      }),
    ).toEqual({
      customerName: "Acme Widgets",
      orgId: ORG,
      location: "gb-lon",
      region: "eu-west-1",
      customerGatewayIp: "52.14.7.20",
      routing: "BGP",
      subnetRanges: [],
      bgpAsn: 65001,
      advertisedNetworks: ["10.0.0.0/16", "10.1.0.0/16"],
      ikeVersion: "IKEV2",
      tunnelCount: 2,
    });
  });

  it("turns the form's strings into a typed static request", () => {
    const input = schema.parse({
      ...staticRouting,
      subnetRanges: "10.20.0.0/16\n192.168.10.0/24",
      ikeVersion: "IKEV1",
      tunnelCount: "1",
    });
    expect(input).toMatchObject({
      routing: "STATIC",
      subnetRanges: ["10.20.0.0/16", "192.168.10.0/24"],
      bgpAsn: null,
      advertisedNetworks: [],
      ikeVersion: "IKEV1",
      tunnelCount: 1,
    });
  });

  it("reads the fields from FormData, missing ones as empty", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(bgp)) form.set(key, value);
    form.delete("advertisedNetworks");
    form.set("unrelated", "x");
    const values = readVpnRequestForm(form);
    expect(Object.keys(values).sort()).toEqual([...VPN_REQUEST_FIELDS].sort());
    expect(values.advertisedNetworks).toBe("");
    expect(schema.safeParse(values).success).toBe(true);
  });
});

describe("customer name", () => {
  it("takes 1 and 100 characters after trimming, not 0 or 101", () => {
    expect(errors({ ...bgp, customerName: "A" }).customerName).toBeUndefined();
    expect(errors({ ...bgp, customerName: "x".repeat(100) }).customerName).toBeUndefined();
    expect(errors({ ...bgp, customerName: ` ${"x".repeat(100)} ` }).customerName).toBeUndefined();
    expect(errors({ ...bgp, customerName: "" }).customerName?.[0]).toMatch(/^Enter the customer name/);
    expect(errors({ ...bgp, customerName: "   " }).customerName?.[0]).toMatch(/^Enter the customer name/);
    expect(errors({ ...bgp, customerName: "x".repeat(101) }).customerName?.[0]).toMatch(
      /^Customer name is too long — shorten it to at most 100 characters/,
    );
  });
});

describe("org ID", () => {
  it("must be a UUID", () => {
    expect(errors({ ...bgp, orgId: "acme" }).orgId?.[0]).toContain(
      "Platform Org ID must be your organization's ID",
    );
    expect(errors({ ...bgp, orgId: "" }).orgId).toHaveLength(1);
  });

  it("must match the session's organization when the server says which", () => {
    const bound = makeVpnRequestSchema({ ...settings, expectedOrgId: ORG });
    expect(errors(bgp, bound).orgId).toBeUndefined();
    const other = "11111111-2222-4333-8444-555555555555";
    expect(errors({ ...bgp, orgId: other }, bound).orgId?.[0]).toContain("is not your organization's ID");
  });
});

describe("location and region", () => {
  it("takes a metro id or an AWS region code as location", () => {
    expect(errors({ ...bgp, location: "au-syd" }).location).toBeUndefined();
    expect(errors({ ...bgp, location: "eu-west-2" }).location).toBeUndefined();
    expect(errors({ ...bgp, location: "Narnia" }).location?.[0]).toMatch(/^Choose where your network is/);
  });

  it("takes only a supported region, listing them", () => {
    expect(errors({ ...bgp, region: "us-west-2" }).region).toBeUndefined();
    expect(errors({ ...bgp, region: "eu-west-2" }).region).toEqual([
      "Choose one of the supported regions: us-west-2, eu-west-1, ap-southeast-2",
    ]);
    const wider = makeVpnRequestSchema({ ...settings, supportedRegions: ["eu-west-2"] });
    expect(errors({ ...bgp, region: "eu-west-2" }, wider).region).toBeUndefined();
  });
});

describe("customer gateway IP", () => {
  it("takes a public address and rejects private ones with advice", () => {
    expect(errors({ ...bgp, customerGatewayIp: " 52.14.7.20 " }).customerGatewayIp).toBeUndefined();
    expect(errors({ ...bgp, customerGatewayIp: "192.168.1.1" }).customerGatewayIp?.[0]).toMatch(
      /^192\.168\.1\.1 is a private \(RFC 1918\) address — enter your gateway's public IPv4 address/,
    );
  });

  it("takes documentation addresses only when the deployment allows them", () => {
    expect(errors({ ...bgp, customerGatewayIp: "203.0.113.10" }).customerGatewayIp?.[0]).toContain(
      "documentation",
    );
    const lab = makeVpnRequestSchema({ ...settings, allowDocumentationIps: true });
    expect(errors({ ...bgp, customerGatewayIp: "203.0.113.10" }, lab).customerGatewayIp).toBeUndefined();
    expect(errors({ ...bgp, customerGatewayIp: "10.0.0.1" }, lab).customerGatewayIp).toHaveLength(1);
  });
});

describe("static routing", () => {
  it("requires at least one subnet range", () => {
    expect(errors({ ...staticRouting, subnetRanges: " \n\n" }).subnetRanges).toEqual([
      "Enter at least one subnet range of your network, one CIDR per line (e.g. 10.20.0.0/16)",
    ]);
  });

  it("reports each bad range with what to type instead", () => {
    expect(
      errors({ ...staticRouting, subnetRanges: "10.1.2.3/16\n0.0.0.0/0\n10.20.0.0/16,10.20.0.0/16" })
        .subnetRanges,
    ).toEqual([
      "10.1.2.3/16 has host bits set — use 10.1.0.0/16",
      "0.0.0.0/0 would send all traffic into the VPN — list your internal networks instead",
      "10.20.0.0/16 is listed more than once — keep one",
    ]);
    expect(
      errors({ ...staticRouting, subnetRanges: "10.0.0.0/8\n10.20.0.0/16" }).subnetRanges?.[0],
    ).toContain("10.0.0.0/8 and 10.20.0.0/16 overlap");
  });

  it("takes up to 100 ranges", () => {
    const ranges = (count: number) => Array.from({ length: count }, (_, i) => `10.${i}.0.0/16`).join("\n");
    expect(schema.parse({ ...staticRouting, subnetRanges: ranges(100) }).subnetRanges).toHaveLength(100);
    expect(errors({ ...staticRouting, subnetRanges: ranges(101) }).subnetRanges?.[0]).toContain(
      "at most 100",
    );
  });

  it("ignores the BGP fields, even when they hold rubbish", () => {
    const input = schema.parse({
      ...staticRouting,
      bgpAsn: "not a number",
      advertisedNetworks: "10.1.2.3/8",
    });
    expect(input.bgpAsn).toBeNull();
    expect(input.advertisedNetworks).toEqual([]);
  });
});

describe("BGP routing", () => {
  it("requires the ASN", () => {
    expect(errors({ ...bgp, bgpAsn: "" }).bgpAsn?.[0]).toMatch(/^Enter your router's BGP ASN/);
    expect(errors({ ...bgp, bgpAsn: "sixty" }).bgpAsn?.[0]).toContain("is not an ASN");
  });

  it("applies the ASN rules, naming the number", () => {
    expect(errors({ ...bgp, bgpAsn: "65535" }).bgpAsn).toEqual([
      "ASN 65535 is reserved — use a private ASN such as 65001 (64512–65534) or 4200000000–4294967294",
    ]);
    expect(errors({ ...bgp, bgpAsn: "64512" }).bgpAsn?.[0]).toMatch(
      /^ASN 64512 is the platform side's ASN — choose a different one/,
    );
    expect(errors({ ...bgp, bgpAsn: "7224" }).bgpAsn?.[0]).toContain("reserved by Amazon");
  });

  it("checks Amazon's regional ASNs against the chosen region", () => {
    expect(errors({ ...bgp, region: "eu-west-1", bgpAsn: "9059" }).bgpAsn?.[0]).toContain(
      "reserved by Amazon in eu-west-1",
    );
    expect(errors({ ...bgp, region: "us-west-2", bgpAsn: "9059" }).bgpAsn).toBeUndefined();
    const asia = makeVpnRequestSchema({
      ...settings,
      supportedRegions: ["ap-northeast-1", "ap-southeast-1"],
    });
    expect(errors({ ...bgp, region: "ap-northeast-1", bgpAsn: "10124" }, asia).bgpAsn).toHaveLength(1);
    expect(errors({ ...bgp, region: "ap-southeast-1", bgpAsn: "17943" }, asia).bgpAsn).toHaveLength(1);
    expect(errors({ ...bgp, region: "ap-southeast-1", bgpAsn: "10124" }, asia).bgpAsn).toBeUndefined();
  });

  it("follows a configured platform ASN", () => {
    const other = makeVpnRequestSchema({ ...settings, platformAsn: 65010 });
    expect(errors({ ...bgp, bgpAsn: "64512" }, other).bgpAsn).toBeUndefined();
    expect(errors({ ...bgp, bgpAsn: "65010" }, other).bgpAsn?.[0]).toContain("platform side's ASN");
  });

  it("takes 4-byte ASNs", () => {
    expect(schema.parse({ ...bgp, bgpAsn: "4200000000" }).bgpAsn).toBe(4200000000);
    expect(schema.parse({ ...bgp, bgpAsn: "2147483648" }).bgpAsn).toBe(2147483648);
  });

  it("treats advertised networks as optional, with the same CIDR rules", () => {
    expect(schema.parse({ ...bgp, advertisedNetworks: "" }).advertisedNetworks).toEqual([]);
    expect(
      errors({ ...bgp, advertisedNetworks: "169.254.0.0/16\n224.0.0.0/4" }).advertisedNetworks,
    ).toHaveLength(2);
  });

  it("ignores the static subnet ranges, even when they hold rubbish", () => {
    expect(schema.parse({ ...bgp, subnetRanges: "10.1.2.3/8\nnope" }).subnetRanges).toEqual([]);
  });
});

describe("choices", () => {
  it("rejects unknown routing, IKE version and tunnel count with the choices", () => {
    const found = errors({ ...bgp, routing: "OSPF", ikeVersion: "IKEV3", tunnelCount: "3" });
    expect(found.routing?.[0]).toMatch(/^Choose the routing: BGP \(recommended\) or static/);
    expect(found.ikeVersion?.[0]).toMatch(/^Choose the IKE version/);
    expect(found.tunnelCount?.[0]).toMatch(/^Choose 2 tunnels \(recommended, for failover\) or 1/);
  });
});

describe("every error at once", () => {
  it("shows routing errors even while other fields are wrong", () => {
    const found = errors({
      ...staticRouting,
      customerName: "",
      customerGatewayIp: "10.0.0.1",
      subnetRanges: "10.1.2.3/16",
    });
    expect(Object.keys(found).sort()).toEqual(["customerGatewayIp", "customerName", "subnetRanges"]);
  });

  it("names the missing fields of a post that did not come from the form", () => {
    const found = errors({});
    expect(found.customerName?.[0]).toBe("Customer name is missing — fill it in and submit again");
    expect(found.routing).toHaveLength(1);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});
