import "server-only";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getViewer } from "@/lib/auth/current-user";
import { type Audience, actorOf, isInAudience, type ViewerFor } from "@/lib/auth/viewer";
import { UserFacingError } from "@/lib/errors";
import { getLogger, withLogContext } from "@/lib/log";

export type ActionContext<A extends Audience = "any"> = { viewer: ViewerFor<A>; correlationId: string };

export type ActionOutcome = ActionState & {
  /** Navigate after a successful write (done outside the try, as Next.js requires). */
  redirectTo?: string;
};

/** A schema, or one built for the viewer (it may read settings from the database). */
type SchemaFor<S extends z.ZodType, A extends Audience> = S | ((viewer: ViewerFor<A>) => S | Promise<S>);

/**
 * The one wrapper every mutating server action goes through: builds the viewer (session, role,
 * organization scope), refuses the wrong audience (audited), parses the form with the shared zod
 * schema, runs the domain call with `ctx.viewer`, and turns errors into what the user should do.
 * The domain audits what it changes, in the same transaction as the change, and asserts the
 * lifecycle capability itself: the page hiding a button is never the check.
 */
export function authenticatedAction<S extends z.ZodType, A extends Audience>(options: {
  name: string;
  /** Who may call it at all: customers, staff, admins only, or any signed-in viewer. */
  audience: A;
  schema: SchemaFor<S, A>;
  /** Which form fields to read (default: every string field). */
  read?: (formData: FormData) => Record<string, string>;
  handler: (input: z.output<S>, ctx: ActionContext<A>) => Promise<ActionOutcome>;
}) {
  return async function action(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const values = (options.read ?? formValues)(formData);
    const viewer = await getViewer();
    if (!viewer)
      return { ok: false, message: "Your session has ended. Sign in again, then resubmit.", values };

    if (!isInAudience(viewer, options.audience)) {
      await recordAuditEvent({
        actor: actorOf(viewer),
        action: "access.denied",
        targetType: "Session",
        targetId: viewer.id,
        organizationId: viewer.organizationId,
        details: { action: options.name, role: viewer.role },
      });
      return { ok: false, message: "Your role does not allow this action.", values };
    }

    const schema = typeof options.schema === "function" ? await options.schema(viewer) : options.schema;
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
      // Every line the domain logs under this action (and every job it sends) carries the ID.
      outcome = await withLogContext({ correlationId, action: options.name }, () =>
        options.handler(parsed.data, { viewer, correlationId }),
      );
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
