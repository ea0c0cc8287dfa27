import Link from "next/link";
import { AdminPageHeader } from "@/components/admin/admin-nav";
import { Card } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/current-user";

export const metadata = { title: "Administration · Site-to-Site VPN" };

export default async function AdministrationPage() {
  await requireViewer("admin");
  const sections = [
    {
      href: "/admin/organizations",
      title: "Organizations",
      text: "Create organizations; set each one's plan and VPN add-on (who may request a VPN).",
    },
    {
      href: "/admin/users",
      title: "Users",
      text: "Invite people by e-mail, set role and organization, deactivate.",
    },
    {
      href: "/admin/settings",
      title: "Regions and policy",
      text: "The AWS regions customers may request, and the auto-approval policy.",
    },
    {
      href: "/support/capacity",
      title: "Capacity",
      text: "AWS resources used against quota, per account and region.",
    },
  ];
  return (
    <>
      <AdminPageHeader
        title="Administration"
        description="Who may use the portal, and how it runs."
        current="/admin"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((section) => (
          <Card
            key={section.href}
            title={
              <Link href={section.href} className="text-indigo-700 hover:underline">
                {section.title}
              </Link>
            }
          >
            <p className="text-sm text-slate-600">{section.text}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
