import { createAwsAccountAction, disableAwsAccountAction, enableAwsAccountAction } from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { AddAwsAccountForm, AwsAccountToggle } from "@/components/admin/aws-account-forms";
import { Card, EmptyState } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { requireViewer } from "@/lib/auth/current-user";
import { findAwsAccounts } from "@/lib/aws-accounts/find-aws-accounts";

export const metadata = { title: "AWS accounts · Administration · Site-to-Site VPN" };

export default async function AwsAccountsPage() {
  await requireViewer("admin");
  const accounts = await findAwsAccounts();
  return (
    <>
      <AdminPageHeader
        title="AWS accounts"
        description="The pool the portal builds VPNs in: each request goes to an enabled account with room in its region."
        current="/admin/accounts"
      />
      <DataTable
        empty={<EmptyState title="No accounts in the pool: requests use the worker's own credentials" />}
        caption="AWS accounts"
        rows={accounts}
        columns={[
          { header: "Account", cell: (account) => account.name },
          { header: "Role", cell: (account) => <span className="font-mono text-xs">{account.roleArn}</span> },
          { header: "Regions", cell: (account) => account.regions.join(", ") },
          { header: "VPNs", cell: (account) => account.requests },
          {
            header: "State",
            cell: (account) => (
              <AwsAccountToggle
                action={account.enabled ? disableAwsAccountAction : enableAwsAccountAction}
                accountId={account.id}
                label={account.enabled ? `Disable ${account.name}` : `Enable ${account.name}`}
              />
            ),
          },
        ]}
      />
      <div className="mt-6">
        <Card>
          <AddAwsAccountForm action={createAwsAccountAction} />
        </Card>
      </div>
    </>
  );
}
