import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig, type SessionUser } from "@/lib/auth/auth-config";
import { clientAddress } from "@/lib/auth/client-address";
import { credentialsSchema } from "@/lib/auth/credentials-schema";
import { revokeSessions } from "@/lib/auth/revoke-sessions";
import { verifySignIn } from "@/lib/auth/verify-sign-in";

const STAFF = new Set(["SUPPORT", "ADMIN"]);

// Configured lazily so that `next build` needs no secret or database.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...baseAuthConfig(),
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // Both ways in (the sign-in action and a direct POST to the callback route) come here, so
      // the throttle (lib/auth/sign-in-throttle.ts) cannot be bypassed.
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifySignIn(parsed.data, clientAddress(request.headers));
        if (!result.ok) return null;
        const { user } = result;
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          staff: STAFF.has(user.role),
          sessionVersion: user.sessionVersion,
        } satisfies SessionUser;
      },
    }),
  ],
  events: {
    // Signing out revokes the session on the server too (not just the cookie in this browser).
    async signOut(message) {
      const userId = "token" in message ? message.token?.sub : undefined;
      if (userId) await revokeSessions(userId);
    },
  },
}));
