import { TunnelAlertDeliveries } from "@/components/tunnel-alert-deliveries";
import { TestAlertButton, TunnelAlertSettingsForm } from "@/components/tunnel-alert-settings-form";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { findUnconfirmedAlertEmails } from "@/lib/alerts/alert-email-confirmation";
import { findAlertDeliveries } from "@/lib/alerts/find-alert-deliveries";
import { requireViewer } from "@/lib/auth/current-user";
import {
  findNotificationSettings,
  getNotificationSettingsRules,
} from "@/lib/organizations/notification-settings";
import { sendTestAlertAction, updateNotificationSettingsAction } from "./actions";

export const metadata = { title: "Alert settings · Site-to-Site VPN" };

export default async function SettingsPage() {
  const user = await requireViewer("customer");
  const [settings, deliveries, unconfirmed] = await Promise.all([
    findNotificationSettings(user.scope),
    findAlertDeliveries(user.scope),
    findUnconfirmedAlertEmails(user.organizationId),
  ]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Alert settings"
        description="Where your organization hears about tunnels going down or coming up, and redundancy lost or restored. A flapping tunnel sends one summary per window, not one message per change."
      />
      {unconfirmed.length > 0 ? (
        <Notice tone="warning" title="Waiting for confirmation">
          Alerts reach an address once the link mailed to it is opened: {unconfirmed.join(", ")}.
        </Notice>
      ) : null}
      <Card title="Destinations">
        <TunnelAlertSettingsForm
          action={updateNotificationSettingsAction}
          rules={getNotificationSettingsRules()}
          current={settings}
        />
      </Card>
      <Card title="Test">
        <p className="mb-3 text-sm text-slate-600">
          Sends a test alert to the saved destinations, so you can check your mailbox or receiver.
        </p>
        <TestAlertButton action={sendTestAlertAction} />
      </Card>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">
          Recent deliveries
        </h2>
        <TunnelAlertDeliveries deliveries={deliveries} />
      </section>
    </div>
  );
}
