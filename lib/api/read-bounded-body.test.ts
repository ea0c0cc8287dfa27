import { describe, expect, it } from "vitest";
import { readBoundedBody } from "./read-bounded-body";

function streamed(text: string) {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 10) controller.enqueue(bytes.slice(i, i + 10));
      controller.close();
    },
  });
  return new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBoundedBody", () => {
  it("reads a body within the limit and refuses one past it, declared or streamed", async () => {
    expect(await readBoundedBody(new Request("http://x/", { method: "POST", body: "héllo" }), 100)).toBe(
      "héllo",
    );
    expect(await readBoundedBody(streamed("a".repeat(100)), 100)).toBe("a".repeat(100));
    expect(await readBoundedBody(streamed("a".repeat(101)), 100)).toBeNull();
    const declared = new Request("http://x/", {
      method: "POST",
      body: "small",
      headers: { "content-length": "5000" },
    });
    expect(await readBoundedBody(declared, 100)).toBeNull();
  });
});
