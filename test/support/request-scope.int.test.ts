// The request scope the integration tests run pages, route handlers and actions in
// (request-scope.ts) is Next's own: headers(), cookies(), revalidatePath() and next-auth's session
// update work in it as in a running server, refuse what Next refuses, and keep requests apart.

import { revalidatePath } from "next/cache";
import { tagsManifest } from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import { cookies, headers } from "next/headers";
import { after } from "next/server";
import { describe, expect, it } from "vitest";
import { runInRequest, runRequest } from "@/test/support/request-scope";
import { sessionCookieNameHere, signedInCookie } from "@/test/support/session-cookie";

const { readSession } = await import("@/lib/auth/read-session");
const { updateSession } = await import("@/lib/auth/auth");
const { secondFactorProof } = await import("@/lib/auth/second-factor-proof");
const { createUser } = await import("@/test/support/factories");
const { getEnv } = await import("@/lib/env");

describe("the request scope", () => {
  it("answers headers() and cookies() with the request's, and there is none outside it", async () => {
    const seen = await runInRequest(
      { cookie: "a=1; b=2", headers: { "x-forwarded-for": "203.0.113.9" } },
      async () => ({
        cookie: (await headers()).get("cookie"),
        forwarded: (await headers()).get("x-forwarded-for"),
        b: (await cookies()).get("b")?.value,
      }),
    );
    expect(seen).toEqual({ cookie: "a=1; b=2", forwarded: "203.0.113.9", b: "2" });
    expect(() => headers()).toThrow(/outside a request scope/);
  });

  it("an action sets cookies and revalidates paths for real: the tags are expired in the incremental cache", async () => {
    const before = Date.now();
    const outcome = await runRequest({ route: "/settings", kind: "action" }, async () => {
      (await cookies()).set("seen", "no");
      (await cookies()).set("seen", "yes");
      revalidatePath("/settings");
      return "done";
    });
    expect(outcome.result).toBe("done");
    expect(outcome.setCookies).toEqual(["seen=yes; Path=/"]);
    expect(outcome.revalidatedTags).toEqual(["_N_T_/settings"]);
    expect(tagsManifest.get("_N_T_/settings")?.expired).toBeGreaterThanOrEqual(before);
  });

  it("runs after() callbacks once the request is done, as Next does after the response", async () => {
    const order: string[] = [];
    await runInRequest({ kind: "action" }, () => {
      after(() => void order.push("after"));
      order.push("action");
    });
    expect(order).toEqual(["action", "after"]);
  });

  it("a page render refuses revalidatePath() and setting cookies, as Next does", async () => {
    await expect(
      runInRequest({ route: "/settings", kind: "page" }, () => revalidatePath("/settings")),
    ).rejects.toThrow(/during render/);
    await expect(
      runInRequest({ route: "/settings", kind: "page" }, async () => (await cookies()).set("x", "1")),
    ).rejects.toThrow(/Cookies can only be modified in a Server Action or Route Handler/);
  });

  it("keeps concurrent requests apart: each reads its own cookie", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runInRequest({ cookie: `n=${i}` }, async () => {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13));
          return (await cookies()).get("n")?.value;
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it("reads a signed-in cookie's session, and next-auth's own session update runs in it", async () => {
    const staff = await createUser("SUPPORT", null);
    const cookie = await signedInCookie(staff);
    const session = await runInRequest({ cookie }, () => readSession());
    expect(session).toMatchObject({ user: { id: staff.id }, sessionVersion: 0, secondFactorVerified: false });
    // The /mfa action's update (lib/auth/auth.ts, next-auth's unstable_update) writes a new cookie.
    const authTime = session?.authTime ?? 0;
    const update = await runRequest({ cookie, route: "/mfa", kind: "action" }, () =>
      updateSession({
        secondFactorProof: secondFactorProof(getEnv().AUTH_SECRET, staff.id, authTime),
      } as never),
    );
    const renewed = update.setCookies.find((line) => line.startsWith(`${sessionCookieNameHere()}=`));
    expect(renewed).toBeDefined();
    const next = await runInRequest({ cookie: renewed?.split(";")[0] }, () => readSession());
    expect(next).toMatchObject({ user: { id: staff.id }, authTime, secondFactorVerified: true });
  });
});
