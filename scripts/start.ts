// `npm start`: the whole portal on embedded defaults — PostgreSQL, migrations, demo data, a
// production build when sources changed, the EC2 emulator, the provisioning worker, and the web
// server on http://localhost:3000.
// Ctrl-C stops everything it started.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "./lib/build";
import { demoPoolEmulatorConfig } from "./lib/demo-pool";
import { childEnv, onShutdownSignal, ROOT, run, type Service, startService } from "./lib/run";
import {
  localIdentityProviderEnv,
  startEmulatorService,
  startIdentityProviderService,
  startMailCatcherService,
  startWorkerService,
} from "./lib/services";
import { localSecrets, migrate, startDatabase } from "./lib/stack";

const DATA = path.join(ROOT, ".data");
const PORT = process.env.PORT ?? "3000";
const log = (line: string) => console.log(`[start] ${line}`);
const services: Service[] = [];
let stopDatabase: () => Promise<void> = async () => {};
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  for (const service of services.reverse()) await service.stop();
  await stopDatabase();
  process.exit(code);
}
onShutdownSignal(() => void shutdown(0));

try {
  const database = await startDatabase({
    dataDir: path.join(DATA, "postgres"),
    port: Number(process.env.PG_PORT ?? 5433),
    database: "vpn_portal",
    persistent: true,
    log,
  });
  stopDatabase = database.stop;
  onShutdownSignal(() => void shutdown(0));
  log("Applying database migrations…");
  await migrate(database.url);

  const env = childEnv({
    DATABASE_URL: database.url,
    ...localSecrets(DATA),
    // The demo uses documentation-range gateway IPs (198.51.100.0/24 …) that real deployments refuse.
    ALLOW_DOCUMENTATION_IPS: process.env.ALLOW_DOCUMENTATION_IPS ?? "true",
    NODE_ENV: "production",
    // `npm start` serves plain http on this machine; behind TLS, leave this unset (Secure cookies).
    AUTH_SECURE_COOKIES: process.env.AUTH_SECURE_COOKIES ?? "false",
    NEXT_TELEMETRY_DISABLED: "1",
    // Links in e-mail (invitations, alert-address confirmation) point here.
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${PORT}`,
  });
  // Demo users (with a published password) go only into the embedded database, unless asked for.
  const seeded = !process.env.DATABASE_URL || process.env.SEED_DEMO_DATA === "1";
  // The emulator models a pool of two accounts (decision 024); real AWS gets the admin's own.
  const emulated = !process.env.AWS_ENDPOINT_URL_EC2 && process.env.USE_REAL_AWS !== "1";
  if (seeded) {
    await run(
      "tsx",
      ["--conditions=react-server", "scripts/seed.ts", ...(emulated ? ["--demo-aws-pool"] : [])],
      env,
    );
  } else {
    log("DATABASE_URL is set: demo data not seeded (set SEED_DEMO_DATA=1 to seed it).");
  }
  await ensureBuild(log);

  // AWS side: the project's EC2 emulator unless an endpoint is given (or USE_REAL_AWS=1, which
  // leaves the SDK on real AWS with the standard credential chain).
  if (process.env.AWS_ENDPOINT_URL_EC2) {
    log(`Using the EC2 endpoint ${process.env.AWS_ENDPOINT_URL_EC2}.`);
  } else if (process.env.USE_REAL_AWS === "1") {
    log("Using real AWS (standard credential chain).");
  } else {
    const emulatorPort = process.env.EC2_EMULATOR_PORT ?? "4566";
    services.push(
      await startEmulatorService(
        [
          ...["--port", emulatorPort, "--state", path.join(DATA, "emulator", "state.json")],
          // As strict as AWS (decision 016): the worker's IAM policy is evaluated on its calls, and
          // on the calls through each demo account's role (decision 024).
          ...[
            "--config",
            JSON.stringify(
              demoPoolEmulatorConfig(JSON.parse(readFileSync("docs/aws-iam-policy.json", "utf8"))),
            ),
          ],
        ],
        env,
      ),
    );
    env.AWS_ENDPOINT_URL_EC2 = `http://127.0.0.1:${emulatorPort}`;
  }
  // Alert email: a local mail catcher (MailDev, decision 014) unless SMTP_URL is given.
  const mailSmtpPort = process.env.MAIL_CATCHER_SMTP_PORT ?? "2525";
  const mailHttpPort = process.env.MAIL_CATCHER_HTTP_PORT ?? "2580";
  if (!process.env.SMTP_URL) {
    // Mail is kept across restarts, like the database.
    services.push(
      await startMailCatcherService({ smtp: mailSmtpPort, web: mailHttpPort }, path.join(DATA, "mail"), env),
    );
    env.SMTP_URL = `smtp://127.0.0.1:${mailSmtpPort}`;
    env.ALLOW_LOCAL_WEBHOOKS = process.env.ALLOW_LOCAL_WEBHOOKS ?? "true";
  }
  // Single sign-on (issue 15): the local OpenID Connect provider with the demo accounts, unless an
  // identity provider is configured (OIDC_ISSUER …) or LOCAL_IDENTITY_PROVIDER=0.
  const identityProviderPort = process.env.IDENTITY_PROVIDER_PORT ?? "3090";
  const localIdentityProvider = !process.env.OIDC_ISSUER && process.env.LOCAL_IDENTITY_PROVIDER !== "0";
  if (localIdentityProvider) {
    // A fresh client secret each start: the provider and the portal start together.
    const clientSecret = randomBytes(24).toString("base64url");
    services.push(
      await startIdentityProviderService(
        {
          port: identityProviderPort,
          clientId: "vpn-portal",
          clientSecret,
          redirectUri: `http://localhost:${PORT}/api/auth/callback/sso`,
          password: process.env.DEMO_PASSWORD ?? "demo-password",
        },
        env,
      ),
    );
    Object.assign(env, localIdentityProviderEnv(identityProviderPort, "vpn-portal", clientSecret));
  }
  services.push(await startWorkerService(env));
  services.push(await startService("web", "next", ["start", "-p", PORT], env, /Ready in|started server/i));
  const password = process.env.DEMO_PASSWORD ?? "demo-password";
  const logins = seeded
    ? `Demo logins (password: ${password})
    enterprise@example.com  customer, Enterprise organization
    teamplus@example.com    customer, Team organization with the VPN add-on
    team@example.com        customer, Team organization without the add-on (cannot request)
    support@example.com     support staff (approves requests)
    admin@example.com       admin`
    : "Your own database: sign in with its users (demo users are not seeded; SEED_DEMO_DATA=1 seeds them).";
  console.log(`
  Site-to-Site VPN portal is running: http://localhost:${PORT}

  ${logins}

  Single sign-on: ${localIdentityProvider ? `"Sign in with SSO" uses the local identity provider at http://127.0.0.1:${identityProviderPort} (demo accounts, same password; outsider@example.net has no portal account)` : env.OIDC_ISSUER ? env.OIDC_ISSUER : "off"}
  Staff second factor: support@ and admin@ set up an authenticator app (TOTP) at their first sign-in.

  Alert email: ${process.env.SMTP_URL ? env.SMTP_URL : `caught locally, read at http://127.0.0.1:${mailHttpPort}/`}
  EC2 emulator: ${env.AWS_ENDPOINT_URL_EC2 ?? "real AWS"}${env.AWS_ENDPOINT_URL_EC2 ? " (inventory: /_emulator/inventory)" : ""}

  Press Ctrl-C to stop.
`);
  for (const service of services) {
    service.child.on("exit", (code) => {
      if (!stopping) {
        log(`${service.name} exited unexpectedly (code ${code}); stopping.`);
        void shutdown(1);
      }
    });
  }
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
