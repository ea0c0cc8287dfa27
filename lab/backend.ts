// What the provisioned-request scenarios need besides namespaces, for `tsx lab/main.ts`: a
// throwaway PostgreSQL (test/support/test-database.ts: embedded, or a fresh database on a local
// DATABASE_URL server) and the EC2 emulator on a free port, reached over HTTP by the real SDK. The
// lab's vitest run gets the database from test/global-setup.ts instead.
import { randomBytes } from "node:crypto";
import { startEmulatorForApp } from "@/test/support/emulator";
import { startMailCatcher } from "@/test/support/mail-catcher";
import { startTestDatabase } from "@/test/support/test-database";

export type LabBackend = { emulatorUrl: string; stop(): Promise<void> };

export async function startLabBackend(): Promise<LabBackend> {
  const database = await startTestDatabase();
  // Read by lib/env.ts on first use, which comes after this.
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.SECRET_KEYS ??= `lab:${randomBytes(32).toString("base64")}`;
  process.env.ALLOW_DOCUMENTATION_IPS = "true";
  const emulator = await startEmulatorForApp();
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  process.env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
  return {
    emulatorUrl: emulator.url,
    async stop() {
      await emulator.close();
      await mail.close();
      const { stopBoss } = await import("@/lib/queue/boss");
      await stopBoss(); // alert dispatch queued its deliveries through pg-boss
      const { db } = await import("@/lib/db");
      await db.$disconnect().catch(() => {});
      await database.stop();
    },
  };
}
