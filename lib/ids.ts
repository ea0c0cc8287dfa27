import { z } from "zod";

// The one UUID check. Lenient about version/variant nibbles on purpose: it only decides whether a
// string can name a row at all (a well-formed ID that names nothing is a 404, not a parse error).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A form or payload field holding an ID; the message says what the user should do. */
export function uuidField(message = "That ID is not valid.") {
  return z.string().trim().regex(UUID, message);
}
