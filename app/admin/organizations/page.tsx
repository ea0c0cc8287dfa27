import { createOrganizationAction } from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { OrganizationForm } from "@/components/admin/organization-form";
import { Card, EmptyState } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { SearchForm } from "@/components/ui/search-form";
import { requireViewer } from "@/lib/auth/current-user";
import { checkVpnEntitlement } from "@/lib/organizations/check-entitlement";
import { findOrganizationList } from "@/lib/organizations/find-organization-list";
import { PLAN_LABELS } from "@/lib/organizations/organization-schema";

export const metadata = { title: "Organizations · Administration · Site-to-Site VPN" };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireViewer("admin");
  const { q } = await searchParams;
  const search = q?.trim() || undefined;
  const organizations = await findOrganizationList(search);
  return (
    <>
      <AdminPageHeader
        title="Organizations"
        description="Each organization's plan decides whether its users may request VPNs."
        current="/admin/organizations"
      />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div>
          <SearchForm
            label="Search organizations"
            value={search}
            placeholder="Name or Org ID"
            clearHref="/admin/organizations"
          />
          <DataTable
            empty={
              <EmptyState title={search ? "No organization matches" : "No organizations yet"}>
                {search ? "Try part of the name, or the full Org ID." : "Create the first one with the form."}
              </EmptyState>
            }
            caption="Organizations"
            rows={organizations}
            columns={[
              {
                header: "Organization",
                cell: (organization) => (
                  <LinkCell
                    href={`/admin/organizations/${organization.id}`}
                    label={organization.name}
                    detail={organization.id}
                  />
                ),
              },
              { header: "Plan", cell: (organization) => PLAN_LABELS[organization.plan] },
              {
                header: "Site-to-site VPN",
                cell: (organization) =>
                  checkVpnEntitlement(organization).entitled
                    ? organization.plan === "ENTERPRISE"
                      ? "Included"
                      : "Add-on"
                    : "Not entitled",
              },
              { header: "Users", cell: (organization) => organization._count.users },
              { header: "Requests", cell: (organization) => organization._count.requests },
              {
                header: "Created",
                className: "text-slate-600",
                cell: (organization) => formatDateTime(organization.createdAt),
              },
            ]}
          />
        </div>
        <Card title="New organization">
          <OrganizationForm action={createOrganizationAction} />
        </Card>
      </div>
    </>
  );
}
