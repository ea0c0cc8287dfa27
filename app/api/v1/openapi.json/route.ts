import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

// Public: the document describes the API, not anyone's data.
export async function GET() {
  return Response.json(buildOpenApiDocument(await getRequestSettings()), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
