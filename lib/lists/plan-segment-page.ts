// One page of a list that is ordered first by segment (pending before the rest, DOWN before
// DEGRADED …) and then by an indexed column inside each segment. Knowing each segment's size (one
// groupBy), a page is a few `skip/take` slices, each an index range scan, instead of an ORDER BY
// CASE over the whole table (read as one `union all` statement by readListPage). Pure.

export type SegmentSlice = { segment: number; skip: number; take: number };

export function planSegmentPage(counts: readonly number[], offset: number, limit: number): SegmentSlice[] {
  const slices: SegmentSlice[] = [];
  let skip = Math.max(0, offset);
  let left = Math.max(0, limit);
  counts.forEach((count, segment) => {
    if (left === 0) return;
    if (skip >= count) {
      skip -= count;
      return;
    }
    const take = Math.min(count - skip, left);
    slices.push({ segment, skip, take });
    left -= take;
    skip = 0;
  });
  return slices;
}
