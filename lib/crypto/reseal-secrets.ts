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
  write: (resealed: string) => Promise<{ count: number }>,
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
    const { count } = await write(reencryptSecret(sealed, keyring, aad));
    if (count === 1) counts.resealed++;
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
    for (const { id, requestId, number, pskEncrypted: sealed } of tunnels) {
      await resealOne(report.tunnelPsks, keyring, sealed, tunnelPskAad(requestId, number), (resealed) =>
        db.tunnel.updateMany({ where: { id, pskEncrypted: sealed }, data: { pskEncrypted: resealed } }),
      );
    }
    if (tunnels.length < batchSize) break;
    cursor = tunnels.at(-1)?.id;
  }

  // One webhook secret per organization and one TOTP secret per staff user: few enough to read at once.
  const organizations = await db.organization.findMany({
    where: { webhookSecretEncrypted: { not: null } },
    select: { id: true, webhookSecretEncrypted: true },
  });
  for (const { id, webhookSecretEncrypted: sealed } of organizations) {
    if (!sealed) continue;
    await resealOne(report.webhookSecrets, keyring, sealed, webhookSecretAad(id), (resealed) =>
      db.organization.updateMany({
        where: { id, webhookSecretEncrypted: sealed },
        data: { webhookSecretEncrypted: resealed },
      }),
    );
  }
  const users = await db.user.findMany({
    where: { totpSecretEncrypted: { not: null } },
    select: { id: true, totpSecretEncrypted: true },
  });
  for (const { id, totpSecretEncrypted: sealed } of users) {
    if (!sealed) continue;
    await resealOne(report.totpSecrets, keyring, sealed, totpSecretAad(id), (resealed) =>
      db.user.updateMany({
        where: { id, totpSecretEncrypted: sealed },
        data: { totpSecretEncrypted: resealed },
      }),
    );
  }
  return report;
}
