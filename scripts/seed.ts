// `npm start` runs this once per start; it seeds demo data only into an empty database.
import { disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed";

const env = getEnv();
const seeded = await seedDemoData(env.DEMO_PASSWORD, { staffTotpSecret: env.DEMO_TOTP_SECRET });
console.log(seeded ? "Demo data seeded." : "Demo data already present; left as it is.");
await disconnectDb();
