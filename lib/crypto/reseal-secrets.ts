import "server-only";
import { totpSecretAad } from "@/lib/auth/totp-secret";
import {
  type Keyring,
  needsReencryption,
  parseKeyring,
  reencryptSecret,
  sealedKeyId,
} from "@/lib/crypto/secret-box";
import { tunnelPskAad } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { webhookSecretAad } from "@/lib/organizations/webhook-secret";

// `npm run secrets:reseal` (issue 10): moves every sealed value to the current key, so a retired
// key can be removed from SECRET_KEYS afterwards. Each row is rewritten only if it still holds the
// value that was read (compare-and-set), so a PSK or secret changed meanwhile is never overwritten.

export type ResealCounts = {
  total: number;
  resealed: number;
  alreadyCurrent: number;
  /** Rows that did not open (unknown key, tampered, wrong context): left as they are. */
  failed: number;
  /** Rows by the key that sealed them, before this run. */
  byKeyBefore: Record<string, number>;
};
export type ResealReport = {
  currentKeyId: string;
  tunnelPsks: ResealCounts;
  webhookSecrets: ResealCounts;
  /** Staff TOTP secrets (issue 15). */
  totpSecrets: ResealCounts;
};

const emptyCounts = (): ResealCounts => ({
  total: 0,
  resealed: 0,
  alreadyCurrent: 0,
  failed: 0,
  byKeyBefore: {},
});

async function resealOne(
  counts: ResealCounts,
  keyring: Keyring,
  sealed: string,
  aad: string,
  write: (resealed: string) => Promise<number>,
) {
  counts.total++;
  let keyId = "malformed";
  try {
    keyId = sealedKeyId(sealed);
  } catch {}
  counts.byKeyBefore[keyId] = (counts.byKeyBefore[keyId] ?? 0) + 1;
  try {
    if (!needsReencryption(sealed, keyring)) {
      counts.alreadyCurrent++;
      return;
    }
    const changed = await write(reencryptSecret(sealed, keyring, aad));
    if (changed === 1) counts.resealed++;
    else counts.failed++; // changed under us: the next run picks it up
  } catch {
    counts.failed++;
  }
}

export async function resealSecrets(options: { batchSize?: number } = {}): Promise<ResealReport> {
  const text = getEnv().SECRET_KEYS;
  if (!text) throw new Error("SECRET_KEYS is not set: nothing to reseal with.");
  const keyring = parseKeyring(text);
  const batchSize = options.batchSize ?? 200;
  const report: ResealReport = {
    currentKeyId: keyring.currentKeyId,
    tunnelPsks: emptyCounts(),
    webhookSecrets: emptyCounts(),
    totpSecrets: emptyCounts(),
  };

  let cursor: string | undefined;
  for (;;) {
    const tunnels = await db.tunnel.findMany({
      where: { pskEncrypted: { not: "" } }, // "" = wiped at decommissioning
      select: { id: true, requestId: true, number: true, pskEncrypted: true },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const tunnel of tunnels) {
      await resealOne(
        report.tunnelPsks,
        keyring,
        tunnel.pskEncrypted,
        tunnelPskAad(tunnel.requestId, tunnel.number),
        async (resealed) =>
          (
            await db.tunnel.updateMany({
              where: { id: tunnel.id, pskEncrypted: tunnel.pskEncrypted },
              data: { pskEncrypted: resealed },
            })
          ).count,
      );
    }
    if (tunnels.length < batchSize) break;
    cursor = tunnels.at(-1)?.id;
  }

  const organizations = await db.organization.findMany({
    where: { webhookSecretEncrypted: { not: null } },
    select: { id: true, webhookSecretEncrypted: true },
  });
  for (const org of organizations) {
    const sealed = org.webhookSecretEncrypted;
    if (!sealed) continue;
    await resealOne(
      report.webhookSecrets,
      keyring,
      sealed,
      webhookSecretAad(org.id),
      async (resealed) =>
        (
          await db.organization.updateMany({
            where: { id: org.id, webhookSecretEncrypted: sealed },
            data: { webhookSecretEncrypted: resealed },
          })
        ).count,
    );
  }
  const users = await db.user.findMany({
    where: { totpSecretEncrypted: { not: null } },
    select: { id: true, totpSecretEncrypted: true },
  });
  for (const user of users) {
    const sealed = user.totpSecretEncrypted;
    if (!sealed) continue;
    await resealOne(
      report.totpSecrets,
      keyring,
      sealed,
      totpSecretAad(user.id),
      async (resealed) =>
        (
          await db.user.updateMany({
            where: { id: user.id, totpSecretEncrypted: sealed },
            data: { totpSecretEncrypted: resealed },
          })
        ).count,
    );
  }
  return report;
}
