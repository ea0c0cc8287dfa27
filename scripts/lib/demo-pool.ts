// The demo pool of `npm start` (decision 024): two accounts the emulator models, each with the
// cross-account role of docs/running-on-aws.md and its external ID. Local demo values only.
export const DEMO_POOL = [
  { accountId: "111111111111", name: "demo-pool-1", externalId: "demo-pool-1-external-id" },
  { accountId: "222222222222", name: "demo-pool-2", externalId: "demo-pool-2-external-id" },
] as const;

export const DEMO_POOL_ROLE = "vpn-portal-provisioning";

/** The emulator's config for the demo pool: the accounts, and each role with the worker's policy. */
export function demoPoolEmulatorConfig(rolePolicy: unknown) {
  return {
    accounts: Object.fromEntries(
      DEMO_POOL.map((a) => [a.accountId, { externalId: a.externalId, roleName: DEMO_POOL_ROLE }]),
    ),
    iam: {
      policies: {
        emulator: rolePolicy,
        ...Object.fromEntries(DEMO_POOL.map((a) => [`role:${a.accountId}`, rolePolicy])),
      },
    },
  };
}
