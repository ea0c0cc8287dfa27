// formatDateTime writes what Intl's en-GB medium date and short time in UTC write (with this
// machine's ICU), for any date from 1970 to 2200, and refuses an invalid date as Intl does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format";

const intl = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

describe("formatDateTime", () => {
  it("matches Intl.DateTimeFormat('en-GB', medium date, short time, UTC)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
        (date) => {
          expect(formatDateTime(date)).toBe(`${intl.format(date)} UTC`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("spells each month as en-GB does, September included", () => {
    const months = Array.from({ length: 12 }, (_, month) =>
      formatDateTime(new Date(Date.UTC(2026, month, 5, 3, 7))),
    );
    expect(months[8]).toBe("5 Sept 2026, 03:07 UTC");
    expect(months[0]).toBe("5 Jan 2026, 03:07 UTC");
  });

  it("refuses an invalid date", () => {
    expect(() => formatDateTime(new Date("not a date"))).toThrow(RangeError);
  });
});
