import { describe, expect, it } from "vitest";
import { listHref, parseListParams } from "./parse-list-params";

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

describe("listHref", () => {
  it("keeps the other parameters and drops empty ones", () => {
    expect(listHref("/support", { q: "acme", page: "2", status: "" }, { page: "3" })).toBe(
      "/support?q=acme&page=3",
    );
    expect(listHref("/support", { page: "2" }, { page: undefined })).toBe("/support");
  });
});
