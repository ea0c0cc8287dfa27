import { notFound } from "next/navigation";
import {
  deactivateUserAction,
  reactivateUserAction,
  resendInvitationAction,
  resetSecondFactorAction,
  updateUserAction,
} from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { UserActionButton, UserMembershipForm } from "@/components/admin/user-forms";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { findUserForAdmin, USER_STATE_LABELS } from "@/lib/users/find-users";
import { findOrganizations } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "User · Administration · Site-to-Site VPN" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer("admin");
  const { id } = await params;
  const [user, organizations] = await Promise.all([findUserForAdmin(id), findOrganizations()]);
  if (!user) notFound();
  const self = user.id === viewer.id;
  return (
    <>
      <AdminPageHeader title={user.email} description={user.name} current="/admin/users" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Role and organization">
          <UserMembershipForm action={updateUserAction} user={user} organizations={organizations} />
        </Card>
        <Card title="Access">
          <p className="mb-4 text-sm">
            {USER_STATE_LABELS[user.state]}
            {user.deactivatedAt ? ` since ${formatDateTime(user.deactivatedAt)}` : ""}
          </p>
          <div className="flex flex-wrap gap-4">
            {user.deactivatedAt ? (
              <UserActionButton
                action={reactivateUserAction}
                userId={user.id}
                label="Reactivate"
                pendingLabel="Reactivating…"
                variant="primary"
              />
            ) : self ? (
              <p className="text-sm text-slate-600">You cannot deactivate yourself.</p>
            ) : (
              <UserActionButton
                action={deactivateUserAction}
                userId={user.id}
                label="Deactivate"
                pendingLabel="Deactivating…"
                variant="danger"
                confirm={`Deactivate ${user.email}? Their open sessions end on their next request.`}
              />
            )}
            {user.state === "invited" || user.state === "invitation-expired" ? (
              <UserActionButton
                action={resendInvitationAction}
                userId={user.id}
                label="Send a new link"
                pendingLabel="Sending…"
              />
            ) : null}
          </div>
        </Card>
        {user.role !== "CUSTOMER" ? (
          <Card title="Second factor">
            <p className="mb-4 text-sm">
              {user.totpEnabledAt
                ? `Authenticator app set up ${formatDateTime(user.totpEnabledAt)}.`
                : "Not set up yet: asked for at the next sign-in."}
            </p>
            <UserActionButton
              action={resetSecondFactorAction}
              userId={user.id}
              label="Reset second factor"
              pendingLabel="Resetting…"
              variant="danger"
              confirm={`Reset the second factor of ${user.email}? Their sessions end, their recovery codes stop working, and they set up an authenticator app again at their next sign-in.`}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
