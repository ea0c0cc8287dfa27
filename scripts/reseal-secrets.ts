// `npm run secrets:reseal`: re-seals every tunnel PSK and webhook secret under the current key
// (the first of SECRET_KEYS) and prints the counts. Run it with the deployment's DATABASE_URL and
// SECRET_KEYS after putting a new key first; once it reports 0 rows under the old key and 0
// failed, remove the old key. Rows are rewritten with compare-and-set, so it is safe to run while
// the portal and workers run, and again.
import { resealSecrets } from "@/lib/crypto/reseal-secrets";
import { disconnectDb } from "@/lib/db";

const report = await resealSecrets();
const line = (name: string, counts: typeof report.tunnelPsks) =>
  `${name}: ${counts.total} sealed, ${counts.resealed} re-sealed, ${counts.alreadyCurrent} already current, ${counts.failed} failed; by key before: ${
    Object.entries(counts.byKeyBefore)
      .map(([key, count]) => `${key}=${count}`)
      .join(", ") || "none"
  }`;
console.log(`Current key: ${report.currentKeyId}`);
console.log(line("Tunnel PSKs", report.tunnelPsks));
console.log(line("Webhook secrets", report.webhookSecrets));
console.log(line("TOTP secrets", report.totpSecrets));
await disconnectDb();
const failed = report.tunnelPsks.failed + report.webhookSecrets.failed + report.totpSecrets.failed;
if (failed > 0) {
  console.error(
    `${failed} value(s) could not be re-sealed (unknown key or tampered); they keep their old sealing.`,
  );
  process.exit(1);
}
