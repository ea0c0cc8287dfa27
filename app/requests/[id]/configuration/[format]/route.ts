// The configuration file; one handler for customers and staff (app/_views/router-config-route.ts).
export { GET } from "@/app/_views/router-config-route";

export const dynamic = "force-dynamic";
