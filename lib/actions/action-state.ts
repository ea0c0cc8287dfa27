// What every server action returns to its form (used with React's useActionState).
export type ActionState = {
  ok: boolean;
  /** One sentence for the whole form (success or a problem that is not tied to a field). */
  message?: string;
  /** Field name → messages, from the shared zod schema or a domain rule. */
  errors?: Record<string, string[]>;
  /** What the user submitted, so a rejected form keeps it (React clears forms after an action). */
  values?: Record<string, string>;
  /** A secret shown once, right after it was made (a new API token); never stored by the page. */
  secret?: string;
};

export const INITIAL_ACTION_STATE: ActionState = { ok: false };
