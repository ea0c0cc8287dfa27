import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/current-user";

export default async function Home() {
  const viewer = await requireViewer();
  redirect(viewer.role === "CUSTOMER" ? "/requests" : "/support");
}
