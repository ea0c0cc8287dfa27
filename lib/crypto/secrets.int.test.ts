// Secrets at rest (issue 10): `npm run secrets:reseal` moves every sealed value to the current key
// and reports counts; a decommissioned VPN's PSKs are wiped. Own database, so the counts are exact.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import type { TestDatabase } from "@/test/support/test-database";
import { setTestEnv, startIsolatedDatabase, testEnvValue } from "@/test/support/test-env";

const OLD_KEYS = testEnvValue("SECRET_KEYS") ?? "";
const NEW_KEY = `rotated:${randomBytes(32).toString("base64")}`;
let database: TestDatabase;
let emulator: TestEmulator;
// Kept from before vi.resetModules(): the queue started by decommissioning lives in this instance.
let stopBoss: () => Promise<void>;

beforeAll(async () => {
  database = await startIsolatedDatabase();
  emulator = await startEmulatorForApp();
  stopBoss = (await import("@/lib/queue/boss")).stopBoss;
});
afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await stopBoss();
  await disconnectDb();
  await emulator?.close();
  await database?.stop();
});

/** A request provisioned through the workflow, and the modules that made it (imported as they are now). */
async function provisionedRequest() {
  const { db } = await import("@/lib/db");
  const { runWorkflow } = await import("@/lib/provisioning/run-workflow");
  const { createApprovedRequest } = await import("@/test/support/requests");
  const request = await createApprovedRequest();
  expect(await runWorkflow(request.id)).toBe("completed");
  return { db, runWorkflow, ...request };
}

describe("secrets at rest", () => {
  it("wipes the PSKs of a VPN when its decommissioning completes", async () => {
    const { decommissionVpn } = await import("@/lib/provisioning/start-workflow");
    const { staffViewer } = await import("@/test/support/factories");
    const { db, runWorkflow, id, staff } = await provisionedRequest();
    const sealed = await db.tunnel.findMany({ where: { requestId: id }, select: { pskEncrypted: true } });
    expect(sealed.every((tunnel) => tunnel.pskEncrypted.startsWith("v1:"))).toBe(true);
    await decommissionVpn(id, staffViewer(staff));
    expect(await runWorkflow(id)).toBe("completed");
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status).toBe("DECOMMISSIONED");
    const wiped = await db.tunnel.findMany({ where: { requestId: id }, select: { pskEncrypted: true } });
    expect(wiped.map((tunnel) => tunnel.pskEncrypted)).toEqual(["", ""]);
    expect(await db.auditEvent.count({ where: { targetId: id, action: "vpn-request.secrets-wiped" } })).toBe(
      1,
    );
  });

  it("re-seals every PSK and webhook secret under the current key, once, with counts", async () => {
    const { updateNotificationSettings } = await import("@/lib/organizations/notification-settings");
    const { customerViewer } = await import("@/test/support/factories");
    // Sealed under the old key (the only one so far).
    const { db, id, org, customer } = await provisionedRequest();
    await updateNotificationSettings(customerViewer(customer), {
      notificationEmails: [],
      webhookUrl: "https://hooks.example.com/vpn",
      webhookSecret: "webhook-secret-0123456789",
    });
    const { loadRouterConfigInput } = await import("@/lib/router-config/load-router-config-input");
    const before = await loadRouterConfigInput(id, { kind: "staff" });
    if (before.state !== "ready") throw new Error(before.state);

    // A new key goes first; the old one stays until the re-seal is done. Fresh modules read it.
    setTestEnv({ SECRET_KEYS: `${NEW_KEY},${OLD_KEYS}` });
    const { vi } = await import("vitest");
    vi.resetModules();
    const { resealSecrets } = await import("@/lib/crypto/reseal-secrets");
    const oldKeyId = OLD_KEYS.split(":")[0] ?? "";
    const first = await resealSecrets({ batchSize: 1 });
    console.log(`[reseal] ${JSON.stringify(first)}`);
    // The first test's wiped tunnels are not counted; this request's two PSKs and one webhook secret are.
    expect(first.currentKeyId).toBe("rotated");
    expect(first.tunnelPsks).toMatchObject({
      total: 2,
      resealed: 2,
      alreadyCurrent: 0,
      failed: 0,
      byKeyBefore: { [oldKeyId]: 2 },
    });
    expect(first.webhookSecrets).toMatchObject({ total: 1, resealed: 1, failed: 0 });
    const second = await resealSecrets();
    expect(second.tunnelPsks).toMatchObject({
      total: 2,
      resealed: 0,
      alreadyCurrent: 2,
      byKeyBefore: { rotated: 2 },
    });

    // The old key can go: everything opens with the new one alone, unchanged.
    setTestEnv({ SECRET_KEYS: NEW_KEY });
    vi.resetModules();
    const fresh = await import("@/lib/router-config/load-router-config-input");
    const after = await fresh.loadRouterConfigInput(id, { kind: "staff" });
    if (after.state !== "ready") throw new Error(after.state);
    expect(after.input.tunnels.map((tunnel) => tunnel.psk)).toEqual(
      before.input.tunnels.map((tunnel) => tunnel.psk),
    );
    const settings = await (
      await import("@/lib/organizations/notification-settings")
    ).findNotificationSettings({ kind: "organization", organizationId: org.id });
    expect(settings.webhookSecretHint).toBe("…6789");
    const stored = await db.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { webhookSecretEncrypted: true },
    });
    expect(stored.webhookSecretEncrypted?.startsWith("v1:rotated:")).toBe(true);
  });
});
