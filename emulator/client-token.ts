import { requestFingerprint } from "./consistency";
import { Ec2Error } from "./protocol/errors";
import type { Params } from "./protocol/query";

/** A resource a create with a client token made: the token and the fingerprint of that call. */
type Tokened = { clientToken?: string; requestFingerprint?: string };

/** What a create that takes a ClientToken needs to store with what it makes, or to answer again. */
export type ClientTokenCall<T> = {
  clientToken: string | undefined;
  fingerprint: string;
  /** What an earlier call with this token and the same parameters made: the answer, whatever its state now. */
  earlier: T | undefined;
};

/**
 * AWS's idempotency for creates with a ClientToken: the token is at most 64 ASCII characters; the
 * same token with the same parameters returns what it created (a `failed` NAT gateway included),
 * and with any parameter changed it is refused.
 */
export function clientTokenCall<T extends Tokened>(
  params: Params,
  created: Record<string, T>,
): ClientTokenCall<T> {
  const clientToken = params.str("ClientToken");
  if (
    clientToken !== undefined &&
    (clientToken.length === 0 || clientToken.length > 64 || /[^\x20-\x7e]/.test(clientToken))
  )
    throw new Ec2Error("InvalidClientToken", "The client token is not valid: at most 64 ASCII characters.");
  const fingerprint = requestFingerprint(params, ["ClientToken"]);
  const earlier = clientToken
    ? Object.values(created).find((item) => item.clientToken === clientToken)
    : undefined;
  if (earlier?.requestFingerprint !== undefined && earlier.requestFingerprint !== fingerprint)
    throw new Ec2Error(
      "IdempotentParameterMismatch",
      "The client token you have provided is associated with a resource that is already deleted or a different request. Use a new client token, or the same parameters.",
    );
  return { clientToken, fingerprint, earlier };
}
