/**
 * Look-alike browsing groups by k-means over interest vectors (category → share of the
 * profile's dwell-weighted views). The job does one Lloyd step per full pass, page by page:
 * each profile joins the nearest centroid of the previous pass and adds its vector to that
 * group's sums; the pass ends by storing the means as the new centroids. Across nightly passes
 * this converges like batch k-means without ever holding the vectors in memory.
 */

/** Interest (category) → weight. */
export type Vector = Record<string, number>;

/** Sums of the vectors that joined each group during a pass, and how many joined. */
export interface GroupSums {
  sums: Vector[];
  counts: number[];
}

/** The vector scaled to shares summing to 1, so heavy and light browsers of the same habits meet. */
export function normalize(v: Vector): Vector {
  const total = Object.values(v).reduce((s, x) => s + x, 0);
  if (total <= 0) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / total]));
}

/** Squared Euclidean distance between two sparse vectors. */
export function distance(a: Vector, b: Vector): number {
  let d = 0;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const diff = (a[key] ?? 0) - (b[key] ?? 0);
    d += diff * diff;
  }
  return d;
}

/** The nearest centroid's index; ties go to the lowest index, so assignment is deterministic. */
export function nearest(v: Vector, centroids: readonly Vector[]): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, i) => {
    const d = distance(v, c);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * Deterministic seeds when a site has no centroids yet: one-hot vectors on its `k` heaviest
 * categories (by summed weight over the vectors seen, ties by name).
 */
export function seedCentroids(vectors: readonly Vector[], k: number): Vector[] {
  const totals = new Map<string, number>();
  for (const v of vectors)
    for (const [key, x] of Object.entries(v)) totals.set(key, (totals.get(key) ?? 0) + x);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([key]) => ({ [key]: 1 }));
}

/** Adds `v` to group `g`'s sums. */
export function accumulate(sums: GroupSums, g: number, v: Vector): void {
  const sum = (sums.sums[g] ??= {});
  for (const [key, x] of Object.entries(v)) sum[key] = (sum[key] ?? 0) + x;
  sums.counts[g] = (sums.counts[g] ?? 0) + 1;
}

/** The means of a pass's sums, rounded and with negligible weights dropped; an empty group keeps its centroid. */
export function means(sums: GroupSums, previous: readonly Vector[]): Vector[] {
  return previous.map((old, g) => {
    const count = sums.counts[g] ?? 0;
    const sum = sums.sums[g];
    if (!count || !sum) return old;
    return Object.fromEntries(
      Object.entries(sum)
        .map(([key, x]): [string, number] => [key, Number((x / count).toFixed(4))])
        .filter(([, x]) => x >= 0.01),
    );
  });
}

/** A group's name: its one or two dominant interests (a second one needs 60 % of the first's weight). */
export function groupName(centroid: Vector): string {
  const top = Object.entries(centroid)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 2);
  const [first, second] = top;
  if (!first) return '—';
  return second && second[1] >= 0.6 * first[1] ? `${first[0]} & ${second[0]}` : first[0];
}
