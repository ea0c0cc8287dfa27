// `npm start` runs this once per start; it seeds demo data only into an empty database, and with
// --demo-aws-pool the emulator's two demo accounts as the AWS account pool (decision 024).
import { disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { seedDemoAwsPool, seedDemoData } from "@/prisma/seed";
import { DEMO_POOL, DEMO_POOL_ROLE } from "./lib/demo-pool";

const env = getEnv();
const seeded = await seedDemoData(env.DEMO_PASSWORD, { staffTotpSecret: env.DEMO_TOTP_SECRET });
console.log(seeded ? "Demo data seeded." : "Demo data already present; left as it is.");
if (process.argv.includes("--demo-aws-pool")) {
  const added = await seedDemoAwsPool(
    DEMO_POOL.map((a) => ({
      name: a.name,
      roleArn: `arn:aws:iam::${a.accountId}:role/${DEMO_POOL_ROLE}`,
      externalId: a.externalId,
    })),
    getEnv().SUPPORTED_REGIONS,
  );
  if (added) console.log(`Demo AWS account pool: ${DEMO_POOL.map((a) => a.name).join(", ")}.`);
}
await disconnectDb();
