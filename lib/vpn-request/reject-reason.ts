import { z } from "zod";

/** The reason support gives when rejecting a request; the customer reads it (shown escaped). Pure. */
export const rejectReasonSchema = z
  .string()
  .trim()
  .min(10, "Give the customer a reason of at least 10 characters: what is wrong and what to change")
  .max(1000, "Keep the reason under 1000 characters");
