import Link from "next/link";
import { createVpnRequestAction } from "@/app/_actions/vpn-request-actions";
import { Notice, PageHeader } from "@/components/ui/card";
import { VpnRequestForm } from "@/components/vpn-request-form";
import { requireViewer } from "@/lib/auth/current-user";
import { findOrganizationEntitlement } from "@/lib/organizations/find-organization-entitlement";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

export const metadata = { title: "New VPN request · Site-to-Site VPN" };

export default async function NewRequestPage() {
  const user = await requireViewer("customer");
  const entitlement = await findOrganizationEntitlement(user.organizationId);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="New VPN request"
        description="Tell us about your network; support reviews the request and the platform side is built automatically."
      />
      {entitlement.entitled ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <VpnRequestForm
            action={createVpnRequestAction}
            settings={{ ...(await getRequestSettings()), expectedOrgId: user.organizationId }}
          />
        </div>
      ) : (
        <Notice tone="warning" title="Your plan does not include site-to-site VPN">
          <p>{entitlement.reason}</p>
          <p className="mt-2">
            <Link href="/requests" className="underline">
              Back to your VPNs
            </Link>
          </p>
        </Notice>
      )}
    </div>
  );
}
