import path from "node:path";
import { defineConfig } from "prisma/config";
import { MigratePg } from "./prisma/migrate-adapter";

// Prisma 6.19 in JS-engine mode: no native engine is downloaded (docs/decisions/002).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs the database to migrate.");
    return new MigratePg(url);
  },
});
