// Pieces of the lists' plain SQL statements (decision 027): user text as a LIKE pattern, the
// conditions of a `where`, a sort direction. Values stay parameters; nothing here splices user
// text into SQL. Pure.
import { Prisma } from "@/lib/generated/prisma/client";
import type { SortDirection } from "@/lib/lists/parse-list-params";

/** `text` as LIKE/ILIKE reads it literally: its wildcards (% and _) and the escape character (\) escaped. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A LIKE pattern: anything containing `text`. */
export function likeContaining(text: string): string {
  return `%${likeLiteral(text)}%`;
}

/** A LIKE pattern: anything starting with `text`. */
export function likeStartingWith(text: string): string {
  return `${likeLiteral(text)}%`;
}

/** `where` with every condition (all must hold); nothing when there is none. */
export function whereAll(conditions: readonly Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`where ${Prisma.join(conditions, " and ")}`;
}

/** A sort direction as SQL (only ever one of the two keywords). */
export function direction(dir: SortDirection): Prisma.Sql {
  return Prisma.raw(dir === "desc" ? "desc" : "asc");
}

/** `offset … limit …` of one page or slice. */
export function pageSql(skip: number, take: number): Prisma.Sql {
  return Prisma.sql`offset ${skip} limit ${take}`;
}
