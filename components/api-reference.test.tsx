import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { ApiReference, type OpenApiLike } from "./api-reference";

describe("ApiReference", () => {
  it("renders every operation, its parameters, body fields and responses from the document", () => {
    const document = buildOpenApiDocument({
      allowDocumentationIps: false,
      supportedRegions: ["eu-west-1"],
      platformAsn: 64512,
    }) as unknown as OpenApiLike;
    const html = renderToStaticMarkup(<ApiReference document={document} />);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of Object.values(item)) {
        expect(html).toContain(`id="${operation.operationId}"`);
        expect(html).toContain(`/api/v1${path}`);
      }
    }
    expect(html).toContain("customerGatewayIp");
    expect(html).toContain("&quot;STATIC&quot; | &quot;BGP&quot;");
    expect(html).toContain('href="#schema-Error"');
    expect(html).toContain('id="schema-VpnRequest"');
    expect(html).toContain("(no token needed)");
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
  });
});
