const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Dates are shown in UTC, labelled, so staff and customers in different zones agree. */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
