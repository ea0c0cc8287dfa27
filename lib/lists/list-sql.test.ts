import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { direction, likeContaining, likeLiteral, likeStartingWith, pageSql, whereAll } from "./list-sql";

describe("the lists' SQL pieces", () => {
  it("escapes LIKE's wildcards and its escape character, and nothing else", () => {
    expect(likeLiteral("100% a_b c\\d")).toBe("100\\% a\\_b c\\\\d");
    expect(likeLiteral("plain 'text' -- ;")).toBe("plain 'text' -- ;");
    expect(likeContaining("5_%")).toBe("%5\\_\\%%");
    expect(likeStartingWith("\\")).toBe("\\\\%");
  });

  it("keeps values as parameters, and a direction to its two keywords", () => {
    expect(whereAll([]).text).toBe("");
    const where = whereAll([Prisma.sql`a like ${"x%"}`, Prisma.sql`b = ${2}`]);
    expect(where.text).toBe("where a like $1 and b = $2");
    expect(where.values).toEqual(["x%", 2]);
    expect(pageSql(40, 20).values).toEqual([40, 20]);
    expect(direction("desc").text).toBe("desc");
    expect(direction("asc").text).toBe("asc");
  });
});
