// Dates as every page shows them: "4 Jun 2026, 22:33 UTC" (en-GB's medium date and short time, in
// UTC). Written out rather than through Intl.DateTimeFormat: a page formats a date per timeline
// segment and per row, and Intl's format cost 1.6 % of the request page's CPU (issue 11). It also
// renders the same text on the server and in every browser, whose ICU versions disagree on
// September ("Sep" or "Sept"), so client components hydrate without a mismatch.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/** Dates are shown in UTC, labelled, so staff and customers in different zones agree. */
export function formatDateTime(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid time value");
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}
