import { Ec2Error, invalidValue, missing } from "./errors";

/**
 * A view over EC2 Query parameters (`Filter.1.Value.2=…`). Nested structures are read by taking a
 * prefix view (`sub("Options")`), and lists by their 1-based indices, in index order, as AWS does.
 */
export class Params {
  private readonly values: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, string>) {
    this.values = values;
  }

  static fromForm(body: string, query = ""): Params {
    const map = new Map<string, string>();
    for (const source of [query, body]) {
      for (const [key, value] of new URLSearchParams(source)) map.set(key, value);
    }
    return new Params(map);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** True when any parameter lives under `name.` (a structure was sent at all). */
  hasPrefix(name: string): boolean {
    const prefix = `${name}.`;
    for (const key of this.values.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  str(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === "") throw missing(name);
    return value;
  }

  int(name: string): number | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw))
      throw invalidValue(`Value (${raw}) for parameter ${name} is invalid. Expected a number.`);
    return Number(raw);
  }

  bool(name: string): boolean | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    if (raw === "true") return true;
    if (raw === "false") return false;
    throw invalidValue(`Value (${raw}) for parameter ${name} is invalid. Expected 'true' or 'false'.`);
  }

  /** Indices present under `name.N` (or `name.N.…`), ascending. */
  private indices(name: string): number[] {
    const prefix = `${name}.`;
    const found = new Set<number>();
    for (const key of this.values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const head = key.slice(prefix.length).split(".")[0] ?? "";
      if (/^\d+$/.test(head)) found.add(Number(head));
    }
    return [...found].sort((a, b) => a - b);
  }

  /** `name.1=a&name.2=b` → ["a", "b"] */
  list(name: string): string[] {
    const out: string[] = [];
    for (const index of this.indices(name)) {
      const value = this.values.get(`${name}.${index}`);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  /** `name.1.Value=a&name.2.Value=b` → ["a", "b"] (the shape of tunnel algorithm lists). */
  valueList(name: string): string[] {
    return this.structList(name)
      .map((item) => item.str("Value"))
      .filter((value): value is string => value !== undefined);
  }

  sub(name: string): Params {
    const prefix = `${name}.`;
    const map = new Map<string, string>();
    for (const [key, value] of this.values)
      if (key.startsWith(prefix)) map.set(key.slice(prefix.length), value);
    return new Params(map);
  }

  structList(name: string): Params[] {
    return this.indices(name).map((index) => this.sub(`${name}.${index}`));
  }

  entries(): [string, string][] {
    return [...this.values.entries()];
  }
}

export type Filter = { name: string; values: string[] };

export function readFilters(params: Params): Filter[] {
  return params.structList("Filter").map((item) => {
    const name = item.str("Name");
    if (name === undefined) throw new Ec2Error("InvalidParameterValue", "Each filter must have a Name.");
    return { name, values: item.list("Value") };
  });
}

/** Region from the SigV4 credential scope: `Credential=AKID/20250101/eu-west-1/ec2/aws4_request`. */
export function regionFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/ec2\//.exec(header);
  return match?.[1];
}
