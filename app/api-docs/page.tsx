import Link from "next/link";
import { ApiReference, type OpenApiLike } from "@/components/api-reference";
import { PageHeader } from "@/components/ui/card";
import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { requireViewer } from "@/lib/auth/current-user";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

export const metadata = { title: "API reference · Site-to-Site VPN" };

export default async function ApiDocsPage() {
  const viewer = await requireViewer();
  const document = buildOpenApiDocument(await getRequestSettings()) as unknown as OpenApiLike;
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="API reference"
        description={
          <>
            {document.info.description}{" "}
            {viewer.role === "CUSTOMER" ? (
              <>
                Make a token on the{" "}
                <Link href="/api-tokens" className="text-indigo-700 underline">
                  API tokens
                </Link>{" "}
                page.{" "}
              </>
            ) : null}
            The machine-readable document is{" "}
            <a href="/api/v1/openapi.json" className="font-mono text-indigo-700 underline">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference document={document} />
    </div>
  );
}
