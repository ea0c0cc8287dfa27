import { describe, expect, it } from "vitest";
import { deliveryErrorForCustomer, formatDeliveryError } from "./delivery-error";

describe("delivery errors", () => {
  it("shows customers the class and keeps the detail for staff", () => {
    const stored = formatDeliveryError({
      errorClass: "refused: private address",
      detail: "hooks.example.com → 10.0.0.5 is a private (RFC 1918) address",
    });
    expect(stored).toContain("10.0.0.5");
    expect(deliveryErrorForCustomer(stored)).toBe("refused: private address");
  });

  it("never passes an unclassified error (e.g. a raw ECONNREFUSED) to a customer", () => {
    expect(deliveryErrorForCustomer("connect ECONNREFUSED 127.0.0.1:8080")).toBe("delivery failed");
    expect(deliveryErrorForCustomer(null)).toBeNull();
  });
});
