import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** A GET search box for a list page, with a way back to the whole list. */
export function SearchForm({
  label,
  value,
  placeholder,
  clearHref,
}: {
  label: string;
  value: string | undefined;
  placeholder?: string;
  clearHref: string;
}) {
  return (
    <search aria-label={label}>
      <form method="get" className="mb-5 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={value ?? ""}
            placeholder={placeholder}
            className={`${inputClass} min-w-72`}
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {value ? (
          <Link href={clearHref} className="text-sm text-indigo-700 underline">
            Show all
          </Link>
        ) : null}
      </form>
    </search>
  );
}
