// Stand-alone vitest config for the tunnel lab: no PostgreSQL/emulator global setup (the lab needs
// neither), one file at a time, generous timeouts. `npx vitest run --config lab/vitest.config.ts`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    name: "lab",
    root,
    include: ["lab/**/*.int.test.ts", "lab/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
