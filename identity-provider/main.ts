// A real OpenID Connect provider on this machine (issue 15), so "Sign in with SSO" works on a fresh
// clone without a network: `oidc-provider` (a certified implementation) with the demo accounts, its
// own login form, and one fixed client, the portal. Keys are made at start and kept in memory, so
// nothing is downloaded or stored.
//
// node --import tsx identity-provider/main.ts --port 3101 --client-id vpn-portal \
//   --client-secret … --redirect-uri http://localhost:3000/api/auth/callback/sso
// Prints exactly one line when ready: "identity provider listening on <issuer>".
import { generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { DEMO_ACCOUNTS, findDemoAccount } from "./demo-accounts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3101" },
    host: { type: "string", default: "127.0.0.1" },
    "client-id": { type: "string", default: "vpn-portal" },
    "client-secret": { type: "string" },
    "redirect-uri": { type: "string", multiple: true },
    password: { type: "string" },
  },
});
const clientSecret = values["client-secret"];
const redirectUris = values["redirect-uri"] ?? [];
if (!clientSecret || redirectUris.length === 0) {
  process.stderr.write("identity provider: --client-secret and at least one --redirect-uri are required\n");
  process.exit(2);
}
// The demo password, given by the caller (npm start and the e2e server pass DEMO_PASSWORD).
const password = values.password ?? "demo-password";
// 127.0.0.1, not localhost: the portal and the provider do not share cookies in the browser.
const issuer = `http://127.0.0.1:${values.port}`;

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: values["client-id"] ?? "vpn-portal",
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "local-1", use: "sig", alg: "RS256" }] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  scopes: ["openid", "email", "profile"],
  // next-auth reads who signed in from the ID token, as most providers (Entra ID, Okta, Google)
  // put e-mail there; oidc-provider keeps scope claims for userinfo unless told otherwise.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  // Short-lived artifacts, in seconds (and no notices about defaults on every sign-in).
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 3600,
    IdToken: 600,
    Interaction: 600,
    Session: 8 * 3600,
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const account = findDemoAccount(id);
    if (!account) return undefined;
    return {
      accountId: account.email,
      async claims() {
        return {
          sub: account.email,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        };
      },
    };
  },
});
// Quiet by default; the portal logs what matters (who signed in, who was refused).
provider.on("server_error", (_ctx, error) => process.stderr.write(`identity provider: ${error.message}\n`));

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

function loginPage(uid: string, error?: string, email = ""): string {
  const people = DEMO_ACCOUNTS.map((a) => `<li><code>${html(a.email)}</code></li>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local identity provider</title>
<style>body{font:15px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}label{display:block;margin-top:1rem}
input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1.25rem;padding:.6rem 1rem}.error{color:#9f1239}</style></head>
<body><h1>Local identity provider</h1><p>Sign in to continue to the VPN portal.</p>
${error ? `<p class="error" role="alert">${html(error)}</p>` : ""}
<form method="post" action="/interaction/${html(uid)}">
<label for="login">Email</label><input id="login" name="login" type="email" autocomplete="username" value="${html(email)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button></form>
<p>Demo accounts (password <code>${html(password)}</code>):</p><ul>${people}</ul></body></html>`;
}

async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

function samePassword(given: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The portal is a first-party client: consent is granted without asking. */
async function grantConsent(accountId: string, clientId: string, scope: string): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(scope);
  return grant.save();
}

async function interaction(request: http.IncomingMessage, response: http.ServerResponse, uid: string) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const clientId = String(details.params.client_id);
  const scope = String(details.params.scope ?? "openid");
  if (details.prompt.name === "consent" && details.session?.accountId) {
    const grantId = await grantConsent(details.session.accountId, clientId, scope);
    await provider.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  if (request.method !== "POST") {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid));
    return;
  }
  const form = await readForm(request);
  const email = form.get("login") ?? "";
  const account = findDemoAccount(email);
  if (!account || !samePassword(form.get("password") ?? "")) {
    response
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(loginPage(uid, "Email or password is incorrect.", email));
    return;
  }
  const grantId = await grantConsent(account.email, clientId, scope);
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: account.email }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const callback = provider.callback();
const server = http.createServer((request, response) => {
  const path = new URL(request.url ?? "/", issuer).pathname;
  const match = /^\/interaction\/([\w-]+)$/.exec(path);
  if (!match?.[1]) {
    callback(request, response);
    return;
  }
  interaction(request, response, match[1]).catch((error: unknown) => {
    process.stderr.write(`identity provider: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!response.headersSent)
      response
        .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
        .end(
          "This sign-in expired or is not valid. Go back to the portal and choose Sign in with SSO again.",
        );
  });
});
server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`identity provider listening on ${issuer}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
