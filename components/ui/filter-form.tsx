import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

type FieldBase = {
  /** Query-string name and element id. */
  name: string;
  label: string;
  value: string | undefined;
};

export type FilterField =
  | (FieldBase & {
      kind?: "select";
      /** The option that means "no filter", e.g. "All statuses". */
      allLabel: string;
      options: readonly { value: string; label: string }[];
    })
  | (FieldBase & {
      /** search: a text box matched on the server (lists too long for a select, free-text search). */
      kind: "search" | "text" | "date";
      placeholder?: string;
      wide?: boolean;
    });

/**
 * A GET form of filters for a list page, with a way back to the unfiltered list. `keep` carries
 * parameters the form does not show (the sort order) through a new search. Without a `label` the
 * form is no landmark of its own (SearchForm names the search landmark around it instead).
 */
export function FilterForm({
  label,
  fields,
  clearHref,
  keep = {},
  filtered = fields.some((field) => field.value),
  submitLabel = "Filter",
  clearLabel = "Clear filters",
}: {
  label?: string;
  fields: FilterField[];
  clearHref: string;
  keep?: Record<string, string | undefined>;
  /** Whether the list is narrowed (shows the way back); by default, whether a field has a value. */
  filtered?: boolean;
  submitLabel?: string;
  clearLabel?: string;
}) {
  return (
    <form method="get" className="mb-5 flex flex-wrap items-end gap-3" aria-label={label}>
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {fields.map((field) => (
        <div key={field.name}>
          <label htmlFor={field.name} className="block text-sm font-medium text-slate-700">
            {field.label}
          </label>
          {"options" in field ? (
            <select id={field.name} name={field.name} defaultValue={field.value ?? ""} className={inputClass}>
              <option value="">{field.allLabel}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={field.name}
              name={field.name}
              // A plain text box stays a textbox (type="search" would make it a searchbox).
              type={field.kind === "text" ? undefined : field.kind}
              defaultValue={field.value ?? ""}
              placeholder={field.placeholder}
              className={field.wide ? `${inputClass} min-w-72` : inputClass}
            />
          )}
        </div>
      ))}
      <button type="submit" className={buttonClass("secondary")}>
        {submitLabel}
      </button>
      {filtered ? (
        <Link href={clearHref} className="text-sm text-indigo-700 underline">
          {clearLabel}
        </Link>
      ) : null}
    </form>
  );
}
