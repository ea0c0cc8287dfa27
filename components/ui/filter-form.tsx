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
      /** A text box matched on the server (lists too long for a select, free-text search). */
      kind: "search";
      placeholder?: string;
    });

/**
 * A GET form of filters for a staff list page, with a way back to the unfiltered list. `keep`
 * carries parameters the form does not show (the sort order) through a new search.
 */
export function FilterForm({
  label,
  fields,
  clearHref,
  keep = {},
}: {
  label: string;
  fields: FilterField[];
  clearHref: string;
  keep?: Record<string, string | undefined>;
}) {
  const filtered = fields.some((field) => field.value);
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
          {field.kind === "search" ? (
            <input
              id={field.name}
              name={field.name}
              type="search"
              defaultValue={field.value ?? ""}
              placeholder={field.placeholder}
              className={inputClass}
            />
          ) : (
            <select id={field.name} name={field.name} defaultValue={field.value ?? ""} className={inputClass}>
              <option value="">{field.allLabel}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </div>
      ))}
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      {filtered ? (
        <Link href={clearHref} className="text-sm text-indigo-700 underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
