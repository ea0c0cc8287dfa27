// How a failed alert delivery is written down: "class — detail". Customers see only the class
// ("refused: private address", "timeout", "HTTP 500"); staff see the detail too, which may name
// addresses and connection errors that would turn the delivery log into a port scanner. Pure.

export type WebhookFailure = { errorClass: string; detail: string };

const SEPARATOR = " — ";

export function formatDeliveryError(failure: WebhookFailure): string {
  return `${failure.errorClass}${SEPARATOR}${failure.detail}`.slice(0, 500);
}

/** The customer's view of a stored delivery error: its class only. */
export function deliveryErrorForCustomer(lastError: string | null): string | null {
  if (lastError === null) return null;
  const at = lastError.indexOf(SEPARATOR);
  return at > 0 ? lastError.slice(0, at) : "delivery failed";
}
