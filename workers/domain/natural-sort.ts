// The natural sort key of a name: "PC 10.2" sorts before "PC 10.10", "Laptop 9" before "Laptop 10".
// Stored in assets.name_sort beside the name by every write path, so the list sorts and pages on an
// index. ASCII letters are lower-cased (as SQLite's NOCASE and lower() do); each run of digits
// becomes its length without leading zeros, as two digits, then the digits, so a longer number
// sorts after a shorter one. The backfill in migrations/*_report_cache_and_search.sql applies the
// same rule in SQL: change both together (a worker test compares them).

const MAX_RUN_LENGTH = 99;

function numberRun(digits: string): string {
  const value = digits.replace(/^0+/, "") || "0";
  return String(Math.min(MAX_RUN_LENGTH, value.length)).padStart(2, "0") + value;
}

export function naturalSortKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[0-9]+/g, numberRun);
}
