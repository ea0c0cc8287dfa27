import { readStartOptions } from "./config";
import { startEmulator } from "./server";

/**
 * `npx tsx emulator/main.ts --port 4566 --host 127.0.0.1 --state .data/emulator/state.json`
 * (`--port 0` picks a free port; `--memory` keeps no file). Prints exactly one line when ready.
 */
async function main(): Promise<void> {
  let options: ReturnType<typeof readStartOptions>;
  try {
    options = readStartOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const running = await startEmulator({
    port: options.port,
    host: options.host,
    statePath: options.statePath,
    config: options.config,
    verbose: options.verbose,
  });
  process.stdout.write(`EC2 emulator listening on ${running.url}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (options.verbose) process.stderr.write(`emulator: ${signal}, shutting down\n`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
