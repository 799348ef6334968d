/** A flag's values as a list: repeatable flags give arrays, single ones a string, absent nothing. */
export function flagList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : v === undefined || v === false ? [] : [String(v)];
}

/** The same, with comma-separated values split (`--skip-dirs a,b --skip-dirs c`). */
export function commaList(v: unknown): string[] {
  return flagList(v).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}
