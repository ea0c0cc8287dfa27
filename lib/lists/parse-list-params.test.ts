import { describe, expect, it } from "vitest";
import { listHref, parseFilteredListParams, parseListParams, sortHrefs } from "./parse-list-params";

const SORTS = ["queue", "name"] as const;

describe("parseListParams", () => {
  it("falls back to the defaults for anything unexpected", () => {
    expect(
      parseListParams({ q: "  ", page: "-3", sort: "drop table", dir: "up" }, SORTS, {
        sort: "queue",
        dir: "asc",
      }),
    ).toEqual({ q: undefined, page: 1, sort: "queue", dir: "asc" });
  });

  it("reads a search, a page, a sort and a direction", () => {
    expect(
      parseListParams({ q: " 198.51.100.7 ", page: "3", sort: "name", dir: "desc" }, SORTS, {
        sort: "queue",
        dir: "asc",
      }),
    ).toEqual({ q: "198.51.100.7", page: 3, sort: "name", dir: "desc" });
  });
});

describe("parseFilteredListParams", () => {
  const STATUSES = ["ACTIVE", "DOWN"] as const;
  const defaults = { sort: "queue", dir: "asc" } as const;

  it("keeps a known status and a trimmed organization; the default sort stays out of the links", () => {
    const parsed = parseFilteredListParams(
      { status: "DOWN", organization: " acme ", region: "x" },
      SORTS,
      defaults,
      STATUSES,
      { region: "eu-west-1" },
    );
    expect(parsed).toMatchObject({ status: "DOWN", organization: "acme", filtered: true });
    expect(parsed.current).toEqual({
      q: undefined,
      status: "DOWN",
      organization: "acme",
      region: "eu-west-1",
      sort: undefined,
      dir: undefined,
    });
  });

  it("drops an unknown status and a blank organization, and keeps a chosen sort", () => {
    const parsed = parseFilteredListParams(
      { status: "LOST", organization: "  ", sort: "name", dir: "desc" },
      SORTS,
      defaults,
      STATUSES,
    );
    expect(parsed).toMatchObject({ status: undefined, organization: undefined, filtered: false });
    expect(parsed.current).toMatchObject({ sort: "name", dir: "desc" });
  });

  it("counts the page's own filters as narrowing the list", () => {
    expect(parseFilteredListParams({}, SORTS, defaults, STATUSES, { region: "eu-west-1" }).filtered).toBe(
      true,
    );
    expect(parseFilteredListParams({}, SORTS, defaults, STATUSES, { region: undefined }).filtered).toBe(
      false,
    );
  });
});

describe("listHref", () => {
  it("keeps the other parameters and drops empty ones", () => {
    expect(listHref("/support", { q: "acme", page: "2", status: "" }, { page: "3" })).toBe(
      "/support?q=acme&page=3",
    );
    expect(listHref("/support", { page: "2" }, { page: undefined })).toBe("/support");
  });
});

describe("sortHrefs", () => {
  it("links each sort key in ascending order, and the current one the other way, filters kept", () => {
    expect(sortHrefs("/support", { q: "acme" }, ["name", "submitted"], { sort: "name", dir: "asc" })).toEqual(
      {
        name: "/support?q=acme&sort=name&dir=desc",
        submitted: "/support?q=acme&sort=submitted&dir=asc",
      },
    );
    expect(sortHrefs("/support", {}, ["name"], { sort: "name", dir: "desc" })).toEqual({
      name: "/support?sort=name&dir=asc",
    });
  });
});
