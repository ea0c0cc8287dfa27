// Process helpers for the tunnel lab: run a command to completion, or start a long-running daemon
// whose pid is remembered so that it is always stopped (see netns.ts cleanup).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { openSync } from "node:fs";

export type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a command; never throws for a non-zero exit (the caller decides). */
export function run(
  cmd: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { env: env ?? process.env, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Runs a command and throws with its output when it fails. */
export async function must(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(cmd, args, env);
  if (result.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${result.code}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout;
}

/** Runs a command inside a network namespace. */
export function inNs(ns: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return run("ip", ["netns", "exec", ns, cmd, ...args], env);
}

export async function mustInNs(
  ns: string,
  cmd: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return must("ip", ["netns", "exec", ns, cmd, ...args], env);
}

const daemons = new Set<ChildProcess>();

/** Every daemon started and not yet stopped (netns.ts kills them on exit). */
export function liveDaemons(): ChildProcess[] {
  return [...daemons].filter((d) => d.exitCode === null && d.signalCode === null);
}

/** Starts a long-running process in a namespace, output appended to logFile. */
export function startDaemon(
  ns: string,
  cmd: string,
  args: string[],
  logFile: string,
  env?: NodeJS.ProcessEnv,
): ChildProcess {
  const fd = openSync(logFile, "a");
  const child = spawn("ip", ["netns", "exec", ns, cmd, ...args], {
    env: env ?? process.env,
    stdio: ["ignore", fd, fd],
  });
  daemons.add(child);
  child.on("exit", () => daemons.delete(child));
  return child;
}

/** Stops a daemon: SIGTERM, then SIGKILL after graceMs. Resolves when it has exited. */
export function stopDaemon(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls check() every intervalMs until it returns a value (not undefined) or timeoutMs passes. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
