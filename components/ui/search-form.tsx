import { FilterForm } from "@/components/ui/filter-form";

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
      <FilterForm
        fields={[{ kind: "search", name: "q", label: "Search", value, placeholder, wide: true }]}
        clearHref={clearHref}
        submitLabel="Search"
        clearLabel="Show all"
      />
    </search>
  );
}
