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

/** The local OpenID Connect provider (issue 15) with the demo accounts and the portal as its client. */
export function startIdentityProviderService(
  options: { port: string; clientId: string; clientSecret: string; redirectUri: string; password: string },
  env: NodeJS.ProcessEnv,
  serviceOptions?: Options,
): Promise<Service> {
  return startService(
    "identity-provider",
    "node",
    // Values as --name=value: a random secret that starts with "-" (base64url) is otherwise read
    // as an option, and the provider refused to start (seen once in e2e).
    [
      ...["--import", "tsx", "identity-provider/main.ts", `--port=${options.port}`],
      ...[`--client-id=${options.clientId}`, `--client-secret=${options.clientSecret}`],
      ...[`--redirect-uri=${options.redirectUri}`, `--password=${options.password}`],
    ],
    env,
    /identity provider listening/,
    serviceOptions,
  );
}

/** Where the local identity provider answers, and the portal settings that point at it. */
export function localIdentityProviderEnv(port: string, clientId: string, clientSecret: string) {
  return {
    OIDC_ISSUER: `http://127.0.0.1:${port}`,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_DISPLAY_NAME: "SSO",
  };
}
