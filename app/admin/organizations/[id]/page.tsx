import Link from "next/link";
import { notFound } from "next/navigation";
import { updateOrganizationAction } from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { AuditHistory } from "@/components/admin/audit-history";
import { OrganizationForm } from "@/components/admin/organization-form";
import { Card, Notice } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/current-user";
import { checkVpnEntitlement } from "@/lib/organizations/check-entitlement";
import {
  findOrganizationForAdmin,
  findOrganizationHistory,
} from "@/lib/organizations/find-organization-list";

export const metadata = { title: "Organization · Administration · Site-to-Site VPN" };

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  await requireViewer("admin");
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const organization = await findOrganizationForAdmin(id);
  if (!organization) notFound();
  const history = await findOrganizationHistory(organization.id);
  const entitlement = checkVpnEntitlement(organization);
  return (
    <>
      <AdminPageHeader
        title={organization.name}
        description={<span className="font-mono">Org ID {organization.id}</span>}
        current="/admin/organizations"
      />
      {created ? (
        <div className="mb-6">
          <Notice tone="success" title="Organization created">
            Invite its first users from the{" "}
            <Link href="/admin/users" className="underline">
              Users
            </Link>{" "}
            page.
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Plan and entitlement">
          <p className="mb-4 text-sm text-slate-700">
            {entitlement.entitled
              ? "Its users may request site-to-site VPNs."
              : "Its users cannot request site-to-site VPNs (Team plan without the add-on)."}
          </p>
          <OrganizationForm action={updateOrganizationAction} organization={organization} />
        </Card>
        <Card title="Users">
          {organization.users.length === 0 ? (
            <p className="text-sm text-slate-600">No users yet.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {organization.users.map((user) => (
                <li key={user.id}>
                  <Link href={`/admin/users/${user.id}`} className="text-indigo-700 hover:underline">
                    {user.email}
                  </Link>{" "}
                  {user.deactivatedAt ? <span className="text-slate-500">(deactivated)</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="History">
          <AuditHistory events={history} label="Organization history" />
        </Card>
      </div>
    </>
  );
}
