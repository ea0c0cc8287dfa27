// Stand-alone vitest config for the tunnel lab, one file at a time, generous timeouts.
// `npx vitest run --config lab/vitest.config.ts`. The provisioned-request scenarios run the portal's
// own code (workflow, download route function): they get a throwaway PostgreSQL from the
// integration project's global setup and the `server-only` stub the other projects use.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}/test/server-only-stub.ts` } },
  test: {
    name: "lab",
    root,
    include: ["lab/**/*.int.test.ts", "lab/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
