import { describe, expect, it } from "vitest";
import { isLocalEndpoint } from "./ec2-client";

describe("isLocalEndpoint", () => {
  it("accepts only this machine", () => {
    expect(isLocalEndpoint("http://127.0.0.1:4566")).toBe(true);
    expect(isLocalEndpoint("http://localhost:4566")).toBe(true);
    expect(isLocalEndpoint("https://ec2.eu-west-1.amazonaws.com")).toBe(false);
    expect(isLocalEndpoint(undefined)).toBe(false);
  });
});
