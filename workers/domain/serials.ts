// Which serial numbers can identify a device: placeholders would merge a whole fleet into one asset.

/**
 * Values firmware and inventory tools report when there is no real serial (fact sheet §11.8).
 * Compared case-insensitively and ignoring punctuation/spaces, so "To Be Filled By O.E.M." and
 * "to be filled by oem" are the same entry. Patterns (too short, one repeated character,
 * 123456789-style runs) are handled in isPlaceholderSerial, not listed here.
 */
export const PLACEHOLDER_SERIALS: readonly string[] = [
  "To be filled by O.E.M.",
  "To Be Filled",
  "Default string",
  "Default",
  "System Serial Number",
  "Chassis Serial Number",
  "Base Board Serial Number",
  "Board Serial Number",
  "SerialNumber",
  "Serial",
  "S/N",
  "No Serial Number",
  "OEM",
  "Invalid",
  "None",
  "Null",
  "Empty",
  "Undefined",
  "Unknown",
  "Not Specified",
  "Not Applicable",
  "Not Available",
  "Not Set",
  "N/A",
  "0",
  "00000000",
  "0000000000",
  "123456789",
  "1234567890",
  "0123456789",
];

/** Upper-case letters and digits only: the form placeholders are compared in. */
function placeholderKey(serial: string): string {
  return serial.toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
}

const PLACEHOLDER_KEYS = new Set(PLACEHOLDER_SERIALS.map(placeholderKey));

/** Display form: trimmed, inner whitespace collapsed, original casing kept; null when nothing is left. */
export function normalizeSerial(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const cleaned = raw.replace(/\s+/g, " ").trim();
  return cleaned === "" ? null : cleaned;
}

/**
 * Comparison form: two serials are the same when their keys are equal, whatever their case and
 * surrounding or repeated whitespace. The database computes the same key into assets.serial_key
 * (SERIAL_KEY_SQL in workers/db/schema.ts), step for step: whitespace characters become spaces,
 * five halvings of double spaces, spaces trimmed, ASCII letters upper-cased (SQLite's upper()).
 */
export function serialKey(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  let key = raw.replace(/[\t\n\v\f\r\u00a0]/g, " ");
  for (let i = 0; i < 5; i++) key = key.replaceAll("  ", " ");
  key = key.replace(/^ +| +$/g, "").replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  return key === "" ? null : key;
}

/** True for 12345…/98765… digit runs: a favourite of board vendors (SuperMicro's 1234567890). */
function isDigitRun(key: string): boolean {
  if (key.length < 5 || !/^\d+$/.test(key)) return false;
  const step = key.charCodeAt(1) - key.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 1; i < key.length; i++) {
    if (key.charCodeAt(i) - key.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}

export function isPlaceholderSerial(raw: string | null | undefined): boolean {
  const normalized = normalizeSerial(raw);
  if (normalized === null) return true;
  const key = placeholderKey(normalized);
  if (key.length < 3) return true; // also covers "", "-", "N/A", "0", "--"
  if (PLACEHOLDER_KEYS.has(key)) return true;
  if (/^(.)\1+$/u.test(key)) return true; // 00000000, XXXXXXXX, FFFF-FFFF, 0000-0000-0000
  return isDigitRun(key);
}

/** The serial in display form when it can identify a device, else null. */
export function trustworthySerial(raw: string | null | undefined): string | null {
  return isPlaceholderSerial(raw) ? null : normalizeSerial(raw);
}

/** The serial-bearing fields of a NinjaOne device (agents: system{}; ESXi hosts: flat serviceTag). */
export interface SerialFields {
  system?: { serialNumber?: string | null; biosSerialNumber?: string | null } | null;
  serviceTag?: string | null;
}

export type SerialSource = "serialNumber" | "biosSerialNumber" | "serviceTag";

export interface DeviceSerial {
  /** What to show as the asset's serial: the trustworthy one, else the first non-empty raw value (e.g. "Default string"). */
  display: string | null;
  /** The serial that may be used to match assets, or null. */
  trustworthy: string | null;
  /** Which field `display` came from. */
  source: SerialSource | null;
}

/** Prefer system serial, then BIOS serial, then the VM host's service tag, each only if trustworthy (fact sheet §11.8). */
export function deviceSerial(device: SerialFields): DeviceSerial {
  const fields: Array<[SerialSource, string | null | undefined]> = [
    ["serialNumber", device.system?.serialNumber],
    ["biosSerialNumber", device.system?.biosSerialNumber],
    ["serviceTag", device.serviceTag],
  ];
  for (const [source, raw] of fields) {
    const serial = trustworthySerial(raw);
    if (serial !== null) return { display: serial, trustworthy: serial, source };
  }
  for (const [source, raw] of fields) {
    const shown = normalizeSerial(raw);
    if (shown !== null) return { display: shown, trustworthy: null, source };
  }
  return { display: null, trustworthy: null, source: null };
}
