// The portal's own services as `npm start` and the end-to-end server run them: one place for each
// command line and the line it prints when ready.
import { type Service, startService } from "./run";

type Options = { echo?: boolean };

export function startEmulatorService(
  args: string[],
  env: NodeJS.ProcessEnv,
  options?: Options,
): Promise<Service> {
  return startService(
    "emulator",
    "node",
    ["--import", "tsx", "emulator/main.ts", ...args],
    env,
    /EC2 emulator listening/,
    options,
  );
}

/** MailDev (decision 014) on loopback, keeping mail in `mailDirectory`. */
export function startMailCatcherService(
  ports: { smtp: string; web: string },
  mailDirectory: string,
  env: NodeJS.ProcessEnv,
  options?: Options,
): Promise<Service> {
  return startService(
    "mail-catcher",
    "maildev",
    [
      ...["--smtp", ports.smtp, "--web", ports.web, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1"],
      ...["--mail-directory", mailDirectory],
    ],
    env,
    /MailDev API running/,
    options,
  );
}

export function startWorkerService(env: NodeJS.ProcessEnv, options?: Options): Promise<Service> {
  return startService(
    "worker",
    "node",
    ["--conditions=react-server", "--import", "tsx", "worker/main.ts"],
    env,
    /ready: working/,
    options,
  );
}
