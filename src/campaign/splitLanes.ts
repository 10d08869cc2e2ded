/** Lanes split into `groups` sets (the i-th lane of the list to set i mod groups), none empty. */
export function splitLanes(lanes: readonly number[], groups: number): number[][] {
  const n = Math.max(1, Math.min(groups, lanes.length));
  return Array.from({ length: n }, (_, g) => lanes.filter((_, i) => i % n === g));
}
