import "server-only";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/current-user";
import { UserFacingError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { getLogger } from "@/lib/log";

export type ActionContext = { user: CurrentUser; correlationId: string };

export type ActionOutcome = ActionState & {
  /** Navigate after a successful write (done outside the try, as Next.js requires). */
  redirectTo?: string;
};

type SchemaFor<S extends z.ZodType> = S | ((user: CurrentUser) => S);

/**
 * The one wrapper every mutating server action goes through: authenticates the caller, checks the
 * role, parses the form with the shared zod schema, runs the domain call, and audits refusals
 * (the domain audits what it changes, in the same transaction as the change).
 */
export function authenticatedAction<S extends z.ZodType>(options: {
  name: string;
  roles: readonly Role[];
  schema: SchemaFor<S>;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionOutcome>;
}) {
  return async function action(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const values = formValues(formData);
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: "Your session has ended. Sign in again, then resubmit.", values };

    if (!options.roles.includes(user.role)) {
      await recordAuditEvent({
        actor: { id: user.id, email: user.email },
        action: "access.denied",
        targetType: "Session",
        targetId: user.id,
        organizationId: user.organizationId,
        details: { action: options.name, role: user.role },
      });
      return { ok: false, message: "Your role does not allow this action.", values };
    }

    const schema = typeof options.schema === "function" ? options.schema(user) : options.schema;
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const { fieldErrors, formErrors } = z.flattenError(parsed.error);
      return {
        ok: false,
        errors: fieldErrors as Record<string, string[]>,
        message: formErrors[0] ?? "Some fields need attention — see the messages next to them.",
        values,
      };
    }

    const correlationId = randomUUID();
    let outcome: ActionOutcome;
    try {
      outcome = await options.handler(parsed.data, { user, correlationId });
    } catch (error) {
      if (error instanceof UserFacingError) {
        return {
          ok: false,
          message: error.message,
          errors: error.field ? { [error.field]: [error.message] } : undefined,
          values,
        };
      }
      getLogger().error({ err: error, action: options.name, correlationId }, "action failed");
      return {
        ok: false,
        message: `Something went wrong on our side; nothing was lost. Try again, or give support the reference ${correlationId}.`,
        values,
      };
    }
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { ...outcome, values: outcome.ok ? undefined : values };
  };
}

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}
