// The session's user read (find-session-user.ts) answers what Prisma's findUnique with
// sessionUserSelect answers, for a customer, a staff member, a deactivated user, and ids that name
// no one or are not ids at all.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sessionUserSelect } from "@/lib/auth/session-user-select";
import { db } from "@/lib/db";
import { createOrganization, createUser } from "@/test/support/factories";
import { findSessionUser } from "./find-session-user";

describe("findSessionUser", () => {
  it("reads the same row as findUnique({ select: sessionUserSelect })", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    const staff = await createUser("SUPPORT", null);
    const gone = await createUser("CUSTOMER", org.id);
    await db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date(), sessionVersion: 3 } });
    for (const id of [customer.id, staff.id, gone.id]) {
      const expected = await db.user.findUnique({ where: { id }, select: sessionUserSelect });
      expect(expected).not.toBeNull();
      expect(await findSessionUser(id)).toEqual(expected);
    }
  });

  it("is null for an id that names no one and for a string that is no id", async () => {
    expect(await findSessionUser(randomUUID())).toBeNull();
    expect(await findSessionUser('not-a-uuid\'; drop table "User"; --')).toBeNull();
  });
});
