// Brute force against the real sign-in check on PostgreSQL (issue 10 acceptance): 50 wrong
// passwords for one account from one address, the right one refused while locked, another
// account unaffected, the lock expiring (and doubling on the next one), password spraying from
// one address stopped. Time moves by setting the clock, never by waiting.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";

setTestEnv({
  SIGNIN_MAX_FAILURES: "5",
  SIGNIN_LOCK_SECONDS: "30",
  SIGNIN_MAX_FAILURES_PER_ADDRESS: "12",
});

const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { verifySignIn } = await import("@/lib/auth/verify-sign-in");
const { createOrganization } = await import("@/test/support/factories");

const PASSWORD = "correct horse battery staple";
let passwordHash = "";

async function account() {
  const org = await createOrganization();
  return db.user.create({
    data: {
      email: `brute-${crypto.randomUUID().slice(0, 8)}@example.test`,
      name: "Brute Force Target",
      role: "CUSTOMER",
      organizationId: org.id,
      passwordHash,
    },
  });
}

const LOCK_MS = 30_000;
let now = Date.now();
const advance = (ms: number) => {
  now += ms;
  vi.setSystemTime(now);
};

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
});
afterAll(() => {
  vi.useRealTimers();
});

describe("sign-in throttling", () => {
  it("locks an account after 5 wrong passwords; the lock refuses the right one, spares others, expires and doubles", async () => {
    const target = await account();
    const other = await account();
    const address = "198.51.100.20";
    const reasons: string[] = [];
    for (let attempt = 1; attempt <= 50; attempt++) {
      const result = await verifySignIn({ email: target.email, password: `wrong-${attempt}` }, address);
      reasons.push(result.ok ? "ok" : result.reason);
    }
    const firstThrottled = reasons.indexOf("locked") + 1;
    console.log(`[brute force] 50 wrong passwords: throttled from attempt N = ${firstThrottled}`);
    expect(firstThrottled).toBe(6);
    expect(reasons.slice(0, 5)).toEqual(Array(5).fill("invalid"));
    expect(reasons.slice(5)).toEqual(Array(45).fill("locked"));

    expect(await verifySignIn({ email: target.email, password: PASSWORD }, address)).toEqual({
      ok: false,
      reason: "locked",
    });
    // Another account from the same address signs in.
    expect((await verifySignIn({ email: other.email, password: PASSWORD }, address)).ok).toBe(true);

    const audited = await db.auditEvent.groupBy({
      by: ["action"],
      where: { targetId: target.id },
      _count: true,
    });
    const counts = Object.fromEntries(audited.map((row) => [row.action, row._count]));
    expect(counts).toEqual({ "auth.sign-in-failed": 5, "auth.sign-in-throttled": 46 });

    // The first lock ends after SIGNIN_LOCK_SECONDS.
    advance(LOCK_MS + 1000);
    expect((await verifySignIn({ email: target.email, password: PASSWORD }, address)).ok).toBe(true);

    // Five more failures lock again, for twice as long.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await verifySignIn({ email: target.email, password: `again-${attempt}` }, "198.51.100.21");
    }
    advance(LOCK_MS + 1000);
    expect(await verifySignIn({ email: target.email, password: PASSWORD }, address)).toEqual({
      ok: false,
      reason: "locked",
    });
    advance(LOCK_MS);
    expect((await verifySignIn({ email: target.email, password: PASSWORD }, address)).ok).toBe(true);
  });

  it("counts unknown e-mail addresses like known ones, so a lock reveals nothing", async () => {
    const email = `nobody-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const reasons: string[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const result = await verifySignIn({ email, password: "guess" }, "198.51.100.30");
      reasons.push(result.ok ? "ok" : result.reason);
    }
    expect(reasons).toEqual([...Array(5).fill("invalid"), "locked", "locked"]);
  });

  it("stops password spraying: 12 wrong passwords from one address across accounts", async () => {
    const sprayed = [await account(), await account(), await account()];
    const address = "198.51.100.40";
    for (const user of sprayed) {
      for (let attempt = 1; attempt <= 4; attempt++) {
        await verifySignIn({ email: user.email, password: "Summer2026!" }, address);
      }
    }
    const fresh = await account();
    expect(await verifySignIn({ email: fresh.email, password: PASSWORD }, address)).toEqual({
      ok: false,
      reason: "address-throttled",
    });
    expect((await verifySignIn({ email: fresh.email, password: PASSWORD }, "198.51.100.41")).ok).toBe(true);
  });
});
