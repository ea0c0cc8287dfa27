import { ErrorPage } from "@/components/ui/error-page";

export default function NotFound() {
  return (
    <ErrorPage
      status="404 · Not found"
      tone="muted"
      title="We could not find that page"
      back={{ href: "/", label: "Back to the start" }}
    >
      The link may be mistyped, or the request belongs to another organization.
    </ErrorPage>
  );
}
