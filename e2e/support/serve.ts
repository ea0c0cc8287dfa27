// The portal as the end-to-end tests see it: a throwaway database with demo users, the production
// build, and `next start`. Playwright starts this as its webServer and stops it with SIGTERM.

import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "../../scripts/lib/build";
import { childEnv, onShutdownSignal, ROOT, run, type Service, startService } from "../../scripts/lib/run";
import {
  localIdentityProviderEnv,
  startEmulatorService,
  startIdentityProviderService,
  startMailCatcherService,
  startWorkerService,
} from "../../scripts/lib/services";
import { freePort, startTestDatabase } from "../../test/support/test-database";
import { DEMO_TOTP_SECRET, E2E_ENV_FILE, E2E_PORT } from "./settings";

const log = (line: string) => console.log(`[e2e] ${line}`);
const services: Service[] = [];
const database = await startTestDatabase();
const mailDirectory = mkdtempSync(path.join(tmpdir(), "vpn-portal-e2e-mail-"));
let stopping = false;

async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const service of services.reverse()) await service.stop();
  rmSync(mailDirectory, { recursive: true, force: true });
  await database.stop();
  process.exit(0);
}
onShutdownSignal(() => void shutdown());

const env = childEnv({
  DATABASE_URL: database.url,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  SECRET_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
  ALLOW_DOCUMENTATION_IPS: "true",
  REQUIRE_LOCAL_AWS_ENDPOINT: "true",
  DEMO_PASSWORD: "demo-password",
  // Demo staff get this TOTP secret, so the tests can play the authenticator app (issue 15).
  DEMO_TOTP_SECRET,
  NODE_ENV: "production",
  // Served over plain http on localhost: production otherwise marks the session cookie Secure.
  AUTH_SECURE_COOKIES: "false",
  // Every spec files requests in the one demo organization.
  MAX_OPEN_REQUESTS_PER_ORGANIZATION: "200",
  // Links in e-mail (alert address confirmation) point at this server.
  PUBLIC_URL: `http://localhost:${E2E_PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
});
await run("tsx", ["--conditions=react-server", "scripts/seed.ts"], env);
await ensureBuild(log);
// The AWS side: the project's emulator (state in memory, short delays) and the real worker.
const emulatorPort = await freePort();
const emulatorConfig = JSON.stringify({
  delays: {
    vpnAvailableMs: 1500,
    natAvailableMs: 800,
    vgwAttachMs: 300,
    vpnDeletedMs: 500,
    natDeletedMs: 500,
    vgwDetachMs: 300,
  },
  // An account with raised quotas (the demo seeds several requests per region); AWS's eventual
  // consistency and the worker's IAM policy, as in the integration suites.
  quotas: { vpcs: 100, internetGateways: 100, elasticIps: 100, natGatewaysPerAz: 100, vpnGateways: 100 },
  consistency: { minLagMs: 0, maxLagMs: 300 },
});
services.push(
  await startEmulatorService(
    [
      ...["--port", String(emulatorPort), "--memory", "--config", emulatorConfig],
      // As strict as AWS (decision 016): the worker's IAM policy is evaluated on its calls.
      ...["--iam-policy", "emulator=docs/aws-iam-policy.json"],
    ],
    env,
    { echo: false },
  ),
);
env.AWS_ENDPOINT_URL_EC2 = `http://127.0.0.1:${emulatorPort}`;
// Alerts (issue 5): a local SMTP catcher (MailDev, decision 014), fast tunnel polling and a short alert window.
const mailSmtpPort = await freePort();
const mailHttpPort = await freePort();
services.push(
  await startMailCatcherService(
    { smtp: String(mailSmtpPort), web: String(mailHttpPort) },
    mailDirectory,
    env,
    {
      echo: false,
    },
  ),
);
env.SMTP_URL = `smtp://127.0.0.1:${mailSmtpPort}`;
env.ALLOW_LOCAL_WEBHOOKS = "true";
env.TUNNEL_POLL_INTERVAL_MS = "1000";
env.TUNNEL_MAINTENANCE_CHECK_MS = "1000";
env.ALERT_WINDOW_SECONDS = "2";
env.WORKFLOW_POLL_INTERVAL_MS = "200";
env.WORKER_SWEEP_INTERVAL_MS = "1000";
services.push(await startWorkerService(env, { echo: process.env.E2E_VERBOSE === "1" }));
mkdirSync(path.dirname(E2E_ENV_FILE), { recursive: true });
writeFileSync(
  E2E_ENV_FILE,
  JSON.stringify({
    databaseUrl: database.url,
    emulatorUrl: env.AWS_ENDPOINT_URL_EC2,
    mailCatcherUrl: `http://127.0.0.1:${mailHttpPort}`,
  }),
);
// Single sign-on (issue 15): the local OpenID Connect provider, with the portal as its client.
const identityProviderPort = String(await freePort());
const oidcClientSecret = randomBytes(24).toString("base64url");
services.push(
  await startIdentityProviderService(
    {
      port: identityProviderPort,
      clientId: "vpn-portal",
      clientSecret: oidcClientSecret,
      redirectUri: `http://localhost:${E2E_PORT}/api/auth/callback/sso`,
      password: "demo-password",
    },
    env,
    { echo: false },
  ),
);
Object.assign(env, localIdentityProviderEnv(identityProviderPort, "vpn-portal", oidcClientSecret));
services.push(
  await startService("web", "next", ["start", "-p", String(E2E_PORT)], env, /Ready in/i, { echo: false }),
);
log(`portal ready on http://localhost:${E2E_PORT} (root ${ROOT})`);
