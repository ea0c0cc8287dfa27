import { inviteUserAction } from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { InviteUserPanel } from "@/components/admin/invite-user-form";
import { EmptyState } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { SearchForm } from "@/components/ui/search-form";
import { requireViewer } from "@/lib/auth/current-user";
import { findUserList, USER_STATE_LABELS } from "@/lib/users/find-users";
import { ROLE_LABELS } from "@/lib/users/user-schema";
import { findOrganizations } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "Users · Administration · Site-to-Site VPN" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireViewer("admin");
  const { q } = await searchParams;
  const search = q?.trim() || undefined;
  const [users, organizations] = await Promise.all([findUserList(search), findOrganizations()]);
  return (
    <>
      <AdminPageHeader
        title="Users"
        description="Everyone who can sign in: customers of each organization, support and admins."
        current="/admin/users"
      />
      <div className="mb-6">
        <InviteUserPanel action={inviteUserAction} organizations={organizations} />
      </div>
      <SearchForm label="Search users" value={search} placeholder="E-mail or name" clearHref="/admin/users" />
      <DataTable
        empty={<EmptyState title={search ? "No user matches" : "No users yet"} />}
        caption="Users"
        rows={users}
        columns={[
          {
            header: "User",
            cell: (user) => (
              <LinkCell href={`/admin/users/${user.id}`} label={user.email} detail={user.name} />
            ),
          },
          { header: "Role", cell: (user) => ROLE_LABELS[user.role] },
          { header: "Organization", cell: (user) => user.organization?.name ?? "—" },
          { header: "State", cell: (user) => USER_STATE_LABELS[user.state] },
        ]}
      />
    </>
  );
}
