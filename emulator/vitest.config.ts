import { defineConfig } from "vitest/config";

// Runs the emulator's integration tests on their own (they need no database and no global setup):
// `npx vitest run --config emulator/vitest.config.ts`. They also run under the root "integration" project.
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["emulator/**/*.int.test.ts"],
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
