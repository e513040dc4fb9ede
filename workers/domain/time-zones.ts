// IANA time zones, validated by the runtime's own Intl data (no list of our own to go stale).

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Zones to offer in a picker: UTC first, then the runtime's canonical zones. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  return ["UTC", ...zones];
}
