// Credentials of an account of the pool (decision 024): its role, assumed with STS, cached until
// five minutes before they expire. Without an endpoint override this is real STS with the
// standard credential chain; with AWS_ENDPOINT_URL_EC2 (the emulator) STS and Service Quotas are
// the same endpoint, as the emulator serves all three.
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { getEnv } from "@/lib/env";

/** What the SDK needs to reach an account of the pool. */
export type PoolAccount = { id: string; roleArn: string; externalId: string };

/** The long-term credentials the emulator maps to its default account. */
export const EMULATOR_CREDENTIALS = { accessKeyId: "emulator", secretAccessKey: "emulator" } as const;

const REFRESH_BEFORE_MS = 5 * 60_000;
const cache = new Map<string, Promise<AwsCredentialIdentity>>();
const stsClients = new Map<string, STSClient>();

/** The endpoint override and static credentials for local runs, or nothing for real AWS. */
export function localEndpoint(): { endpoint: string; credentials: typeof EMULATOR_CREDENTIALS } | undefined {
  const endpoint = getEnv().AWS_ENDPOINT_URL_EC2;
  return endpoint ? { endpoint, credentials: EMULATOR_CREDENTIALS } : undefined;
}

function stsFor(region: string): STSClient {
  let client = stsClients.get(region);
  if (!client) {
    client = new STSClient({ region, ...(localEndpoint() ?? {}) });
    stsClients.set(region, client);
  }
  return client;
}

async function assume(account: PoolAccount, region: string): Promise<AwsCredentialIdentity> {
  const { Credentials: c } = await stsFor(region).send(
    new AssumeRoleCommand({
      RoleArn: account.roleArn,
      ExternalId: account.externalId,
      RoleSessionName: "vpn-portal",
      DurationSeconds: 3600,
    }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey)
    throw new Error(`STS AssumeRole of ${account.roleArn} returned no credentials.`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

/**
 * A credential provider for the account: one AssumeRole per account until the credentials are
 * near expiry (the SDK calls the provider again when `expiration` approaches). A failed
 * AssumeRole is not cached, so the next call tries again.
 */
export function poolCredentials(account: PoolAccount, region: string): () => Promise<AwsCredentialIdentity> {
  return async () => {
    const key = `${account.id}:${account.roleArn}:${account.externalId}`;
    const cached = cache.get(key);
    if (cached) {
      const creds = await cached.catch(() => undefined);
      if (creds && (!creds.expiration || creds.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS))
        return creds;
    }
    const fresh = assume(account, region);
    cache.set(key, fresh);
    fresh.catch(() => cache.delete(key));
    return fresh;
  };
}

/** Forgets cached credentials (an admin changed the account's role or external ID). */
export function forgetPoolCredentials(): void {
  cache.clear();
}
