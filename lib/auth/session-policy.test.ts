import { describe, expect, it } from "vitest";
import { sessionRefusal } from "./session-policy";

const policy = { maxHours: 8, staffMaxHours: 2 };
const signedInAt = Date.UTC(2026, 11, 1, 8, 0, 0);
const claims = { authTime: signedInAt / 1000, sessionVersion: 3 };
const hours = (n: number) => signedInAt + n * 60 * 60 * 1000;

describe("sessionRefusal", () => {
  it("keeps a customer's session for 8 hours and a staff session for 2", () => {
    expect(sessionRefusal(claims, { staff: false, sessionVersion: 3 }, hours(7.9), policy)).toBeNull();
    expect(sessionRefusal(claims, { staff: false, sessionVersion: 3 }, hours(8.1), policy)).toBe("expired");
    expect(sessionRefusal(claims, { staff: true, sessionVersion: 3 }, hours(1.9), policy)).toBeNull();
    expect(sessionRefusal(claims, { staff: true, sessionVersion: 3 }, hours(2.1), policy)).toBe("expired");
  });

  it("refuses a session issued before the user's last sign-out (older version)", () => {
    expect(sessionRefusal(claims, { staff: false, sessionVersion: 4 }, hours(1), policy)).toBe("revoked");
  });

  it("refuses a token without a sign-in time", () => {
    expect(sessionRefusal({ sessionVersion: 3 }, { staff: false, sessionVersion: 3 }, hours(0), policy)).toBe(
      "expired",
    );
  });
});
