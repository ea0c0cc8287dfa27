import { type RouterConfigurationRouteProps, RouterConfigurationView } from "@/app/_views/router-config-page";

export const metadata = { title: "Router configuration · Site-to-Site VPN" };

/** A customer's configuration page; staff who open a customer's link land on their own. */
export default function RouterConfigurationPage(route: RouterConfigurationRouteProps) {
  return <RouterConfigurationView area="customer" {...route} />;
}
