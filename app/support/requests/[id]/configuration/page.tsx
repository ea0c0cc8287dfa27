import { type RouterConfigurationRouteProps, RouterConfigurationView } from "@/app/_views/router-config-page";

export const metadata = { title: "Router configuration · Support · Site-to-Site VPN" };

/** Staff's configuration page; a customer following a staff link to their own request gets theirs. */
export default function SupportRouterConfigurationPage(route: RouterConfigurationRouteProps) {
  return <RouterConfigurationView area="staff" {...route} />;
}
