import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export type FilterField = {
  /** Query-string name and element id. */
  name: string;
  label: string;
  /** The option that means "no filter", e.g. "All statuses". */
  allLabel: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
};

/** A GET form of select filters for a staff list page, with a way back to the unfiltered list. */
export function FilterForm({
  label,
  fields,
  clearHref,
}: {
  label: string;
  fields: FilterField[];
  clearHref: string;
}) {
  const filtered = fields.some((field) => field.value);
  return (
    <form method="get" className="mb-5 flex flex-wrap items-end gap-3" aria-label={label}>
      {fields.map((field) => (
        <div key={field.name}>
          <label htmlFor={field.name} className="block text-sm font-medium text-slate-700">
            {field.label}
          </label>
          <select id={field.name} name={field.name} defaultValue={field.value ?? ""} className={inputClass}>
            <option value="">{field.allLabel}</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
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
