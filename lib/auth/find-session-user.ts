import "server-only";
import { sessionUserSelect } from "@/lib/auth/session-user-select";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";

export type SessionUserRow = Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;

// The columns are sessionUserSelect's, so the one list decides what a session reads.
const COLUMNS = Prisma.raw(
  Object.keys(sessionUserSelect)
    .map((column) => `"${column}"`)
    .join(", "),
);

/**
 * The user behind a session, read on every page view and every authorized route call
 * (getViewer). One plain statement rather than `findUnique`: Prisma's query compiler costs more
 * CPU per query (about 0.5 ms) than this lookup by primary key does in PostgreSQL (decision 027).
 * find-session-user.int.test.ts checks it answers what `findUnique({ select: sessionUserSelect })` does.
 */
export async function findSessionUser(id: string): Promise<SessionUserRow | null> {
  if (!isUuid(id)) return null;
  const rows = await readRows<SessionUserRow>(
    Prisma.sql`select ${COLUMNS} from "User" where id = ${id}::uuid`,
  );
  return rows[0] ?? null;
}
