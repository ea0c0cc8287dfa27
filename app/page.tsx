import { redirect } from "next/navigation";
import { isStaff, requireUser } from "@/lib/auth/current-user";

export default async function Home() {
  const user = await requireUser();
  redirect(isStaff(user) ? "/support" : "/requests");
}
