// The people the local identity provider knows (issue 15): the portal's demo users, plus one person
// the portal does not know, so "no matching portal user" can be tried. Everyone has the demo password.
export type DemoAccount = { email: string; name: string; emailVerified: boolean };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "enterprise@example.com", name: "Erin Enterprise", emailVerified: true },
  { email: "teamplus@example.com", name: "Tom Teamplus", emailVerified: true },
  { email: "team@example.com", name: "Tara Team", emailVerified: true },
  { email: "support@example.com", name: "Sam Support", emailVerified: true },
  { email: "admin@example.com", name: "Ada Admin", emailVerified: true },
  { email: "outsider@example.net", name: "Oscar Outsider", emailVerified: true },
];

export function findDemoAccount(email: string): DemoAccount | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_ACCOUNTS.find((account) => account.email === wanted);
}
