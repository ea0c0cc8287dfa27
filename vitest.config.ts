import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = { "@": root.replace(/\/$/, ""), "server-only": `${root}test/server-only-stub.ts` };

// Unit tests are pure and fast; integration tests talk to a real PostgreSQL and the EC2 emulator
// over HTTP (see test/global-setup.ts) and run one file at a time.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,emulator,worker,scripts,components}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,emulator,worker,scripts,test}/**/*.int.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          // Next's AsyncLocalStorage, as its server sets it up (request-scope.ts runs requests in it).
          setupFiles: ["test/next-environment.ts"],
          // next-auth's ESM build imports "next/server" without an extension, which Node's resolver
          // refuses; run through Vite (as Next's bundler does) it resolves, and the real module loads.
          server: { deps: { inline: ["next-auth"] } },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
