import { updatePlatformSettingsAction } from "@/app/admin/actions";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { PlatformSettingsForm } from "@/components/admin/platform-settings-form";
import { Card } from "@/components/ui/card";
import { getPlatformSettings } from "@/lib/admin/platform-settings";
import { requireViewer } from "@/lib/auth/current-user";

export const metadata = { title: "Regions and policy · Administration · Site-to-Site VPN" };

export default async function PlatformSettingsPage() {
  await requireViewer("admin");
  const settings = await getPlatformSettings();
  return (
    <>
      <AdminPageHeader
        title="Regions and policy"
        description="Where customers may connect, and which requests approve themselves."
        current="/admin/settings"
      />
      <Card>
        <PlatformSettingsForm action={updatePlatformSettingsAction} settings={settings} />
      </Card>
    </>
  );
}
