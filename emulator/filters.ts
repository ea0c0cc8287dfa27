import type { Tags } from "./model";
import { Ec2Error, invalidValue, notFound } from "./protocol/errors";
import { type Filter, type Params, readFilters } from "./protocol/query";
import type { XmlObject } from "./protocol/xml";

type Scalar = string | number | boolean | undefined;
/** For each supported filter name, the values a resource has for it. */
export type FilterFields<T> = Record<string, (item: T) => Scalar | Scalar[]>;

/** EC2 filter values accept `*` and `?` wildcards. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

function valuesFor<T>(item: T, tags: Tags, name: string, fields: FilterFields<T>): string[] {
  if (name.startsWith("tag:")) {
    const value = tags[name.slice(4)];
    return value === undefined ? [] : [value];
  }
  if (name === "tag-key") return Object.keys(tags);
  if (name === "tag-value") return Object.values(tags);
  const field = fields[name];
  if (!field) throw new Ec2Error("InvalidParameterValue", `The filter '${name}' is invalid`);
  const raw = field(item);
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string | number | boolean => v !== undefined).map(String);
}

/** Filters AND together; the values of one filter OR together, as AWS documents. */
export function applyFilters<T>(
  items: T[],
  filters: Filter[],
  fields: FilterFields<T>,
  tagsOf: (item: T) => Tags,
): T[] {
  const compiled = filters.map((f) => ({ name: f.name, patterns: f.values.map(globToRegExp) }));
  return items.filter((item) =>
    compiled.every(({ name, patterns }) => {
      const have = valuesFor(item, tagsOf(item), name, fields);
      return patterns.some((p) => have.some((v) => p.test(v)));
    }),
  );
}

/**
 * The common shape of DescribeX: optional explicit IDs (every one must exist, else the NotFound
 * code AWS uses), then filters.
 */
export function describeResources<T>(
  params: Params,
  all: Record<string, T>,
  idParam: string,
  notFoundCode: string,
  noun: string,
  fields: FilterFields<T>,
  tagsOf: (item: T) => Tags,
): T[] {
  const ids = params.list(idParam);
  let items: T[];
  if (ids.length > 0) {
    const missing = ids.filter((id) => !all[id]);
    if (missing.length > 0) {
      const list = missing.map((id) => `'${id}'`).join(", ");
      throw notFound(
        notFoundCode,
        `The ${noun} ID${missing.length > 1 ? "s" : ""} ${list} ${missing.length > 1 ? "do" : "does"} not exist`,
      );
    }
    items = [...new Set(ids)].map((id) => all[id] as T);
  } else {
    items = Object.values(all);
  }
  return applyFilters(items, readFilters(params), fields, tagsOf);
}

/**
 * describeResources for a resource AWS names its usual way: `idParam` "SubnetId" has the NotFound
 * code "InvalidSubnetID.NotFound" and the noun "subnet" ("The subnet ID 'x' does not exist");
 * `unusual` gives both where AWS departs from that (NAT gateways). Filters read the item's tags.
 */
export function describeTagged<T extends { tags: Tags }>(
  params: Params,
  all: Record<string, T>,
  idParam: `${string}Id`,
  fields: FilterFields<T>,
  unusual?: { notFoundCode: string; noun: string },
): T[] {
  const name = idParam.slice(0, -"Id".length);
  const notFoundCode = unusual?.notFoundCode ?? `Invalid${name}ID.NotFound`;
  const noun = unusual?.noun ?? `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  return describeResources(params, all, idParam, notFoundCode, noun, fields, (item) => item.tags);
}

/** MaxResults/NextToken where the action supports them; the token is an opaque offset. */
export function paginate<T>(items: T[], params: Params): { page: T[]; nextToken?: string } {
  const max = params.int("MaxResults");
  const token = params.str("NextToken");
  let start = 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(decoded) || decoded < 0)
      throw new Ec2Error("InvalidPaginationToken", "The pagination token is invalid.");
    start = decoded;
  }
  if (max === undefined) return { page: items.slice(start) };
  if (max < 5 || max > 1000)
    throw invalidValue(
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  const end = start + max;
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: Buffer.from(String(end)).toString("base64url") } : { page };
}

export const tagSet = (tags: Tags): XmlObject[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));
