import "server-only";
import type { Session } from "next-auth";
import { sessionRefusal } from "@/lib/auth/session-policy";
import { getEnv } from "@/lib/env";

/** The session policy applied with what the database says about the user now. */
export function isSessionRefused(
  session: Session,
  user: { staff: boolean; sessionVersion: number },
): boolean {
  const env = getEnv();
  return (
    sessionRefusal({ authTime: session.authTime, sessionVersion: session.sessionVersion }, user, Date.now(), {
      maxHours: env.SESSION_MAX_HOURS,
      staffMaxHours: env.STAFF_SESSION_MAX_HOURS,
    }) !== null
  );
}
