import Link from "next/link";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/api-token-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { findApiTokens } from "@/lib/api-tokens/find-api-tokens";
import { requireViewer } from "@/lib/auth/current-user";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata = { title: "API tokens · Site-to-Site VPN" };

const STATE_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

export default async function ApiTokensPage() {
  const viewer = await requireViewer("customer");
  const tokens = await findApiTokens(viewer.scope);
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let your automation use the portal's JSON API for your organization, with the same rules as
            these pages. See the{" "}
            <Link href="/api-docs" className="text-indigo-700 underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <Card title="Create a token">
        <CreateApiTokenForm action={createApiTokenAction} />
      </Card>
      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-base font-semibold text-slate-900">
          Your organization's tokens
        </h2>
        <DataTable
          empty={<EmptyState title="No tokens yet">Create one above; it is shown once.</EmptyState>}
          caption="API tokens"
          rows={tokens}
          columns={[
            {
              header: "Name",
              cell: (token) => (
                <>
                  <div className="font-medium text-slate-900">{token.name}</div>
                  <div className="font-mono text-xs text-slate-500">{token.prefix}…</div>
                </>
              ),
            },
            { header: "State", cell: (token) => STATE_LABELS[token.state] },
            { header: "Created", cell: (token) => formatDateTime(token.createdAt) },
            { header: "Expires", cell: (token) => formatDateTime(token.expiresAt) },
            {
              header: "Last used",
              cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"),
            },
            {
              header: "Actions",
              cell: (token) =>
                token.state === "active" ? (
                  <RevokeApiTokenButton action={revokeApiTokenAction} tokenId={token.id} name={token.name} />
                ) : null,
            },
          ]}
        />
      </section>
    </div>
  );
}
