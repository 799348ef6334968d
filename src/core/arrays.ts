/**
 * Appends `items` to `target` in place. `target.push(...items)` passes every item as a call
 * argument and overflows the stack past ~100k items (a rendered chart of a big cluster has
 * that many findings); this loop has no such limit.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
