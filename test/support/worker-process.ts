// Worker processes for tests that need real, killable workers (crash tests).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

/** Starts `worker/main.ts` in its own process group; resolves once it is working the queue. */
export function startWorkerProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // Own process group: a kill must reach the worker itself, not only tsx's launcher.
    const child = spawn(path.join(BIN, "tsx"), ["--conditions=react-server", "worker/main.ts"], {
      cwd: ROOT,
      detached: true,
      env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready: working")) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) =>
      reject(new Error(`worker exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

/** Sends the signal to the worker's whole process group and waits for it to exit. */
export function stopWorkerProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    if (child.pid) process.kill(-child.pid, signal);
  });
}
