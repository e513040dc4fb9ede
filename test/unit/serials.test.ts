import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER_SERIALS,
  deviceSerial,
  isPlaceholderSerial,
  normalizeSerial,
  serialKey,
  trustworthySerial,
} from "@workers/domain/serials";

describe("Serial numbers that cannot identify a device (placeholders)", () => {
  // Raw value as NinjaOne reports it → why it is not trusted.
  const placeholders: Array<[string | null | undefined, string]> = [
    ["To be filled by O.E.M.", "AMI BIOS default"],
    ["To Be Filled By O.E.M.", "same, other casing"],
    ["TO BE FILLED BY O.E.M.", "same, upper case"],
    ["to be filled by oem", "same, without dots"],
    ["  To  be filled by O.E.M.  ", "same, with stray spaces"],
    ["Default string", "AMI/Insyde default (fact sheet device C)"],
    ["DEFAULT STRING", "same, upper case"],
    ["System Serial Number", "Intel/ASUS board default"],
    ["Chassis Serial Number", "chassis default"],
    ["Base Board Serial Number", "board default"],
    ["SerialNumber", "literal field name"],
    ["None", "literally none"],
    ["Unknown", "unknown"],
    ["Not Specified", "not specified"],
    ["Not Applicable", "not applicable"],
    ["N/A", "n/a"],
    ["OEM", "OEM"],
    ["Invalid", "invalid"],
    ["0", "zero"],
    ["00000000", "eight zeros"],
    ["0000000000", "ten zeros"],
    ["0000-0000-0000", "zeros and dashes"],
    ["1234567890", "SuperMicro default"],
    ["123456789", "digit run"],
    ["0123456789", "digit run from zero"],
    ["987654321", "descending digit run"],
    ["XXXXXXXXXX", "one repeated character"],
    ["ffff-ffff", "one repeated character with a dash"],
    ["AB", "shorter than 3 characters"],
    [" 7 ", "shorter than 3 characters after trim"],
    ["---", "only dashes"],
    ["   ", "whitespace only"],
    ["", "empty"],
    [null, "missing (null)"],
    [undefined, "missing (absent key)"],
  ];
  it.each(placeholders)("%j is not trusted (%s)", (raw) => {
    expect(isPlaceholderSerial(raw)).toBe(true);
    expect(trustworthySerial(raw)).toBeNull();
  });

  it("every entry of the one placeholder list is itself rejected", () => {
    for (const placeholder of PLACEHOLDER_SERIALS) expect(trustworthySerial(placeholder)).toBeNull();
  });
});

describe("Serial numbers that identify a device", () => {
  // Raw → the trustworthy display value (trimmed, inner spaces collapsed, casing kept).
  const real: Array<[string, string, string]> = [
    ["PF4XK2QZ", "PF4XK2QZ", "Lenovo laptop (fact sheet device A)"],
    ["7QZK4M3", "7QZK4M3", "Dell service tag (fact sheet ESXi host)"],
    ["SGH811YWCM", "SGH811YWCM", "HPE serial"],
    ["  C02XK1JHJGH5 ", "C02XK1JHJGH5", "Apple serial with stray spaces"],
    ["VMware-56 4d 2b  1a 9c", "VMware-56 4d 2b 1a 9c", "VMware VM serial (unique per VM)"],
    ["0000-0017-6427-3539-3862-4433-97", "0000-0017-6427-3539-3862-4433-97", "Hyper-V VM serial"],
    ["abc", "abc", "three characters is enough"],
    ["12345678X", "12345678X", "a digit run with a real suffix"],
    ["NONE1234", "NONE1234", "contains a placeholder word but is not one"],
  ];
  it.each(real)("%j is trusted as %j (%s)", (raw, display) => {
    expect(isPlaceholderSerial(raw)).toBe(false);
    expect(trustworthySerial(raw)).toBe(display);
  });
});

describe("Serial comparison", () => {
  it("is case-insensitive and ignores outer and repeated inner whitespace, but keeps the casing for display", () => {
    expect(serialKey(" pf4xk2qz ")).toBe(serialKey("PF4XK2QZ"));
    expect(serialKey("VMware-56 4d  2b")).toBe(serialKey("vmware-56 4D 2B"));
    expect(serialKey("PF4XK2QZ")).not.toBe(serialKey("PF4XK2QY"));
    expect(normalizeSerial("  vmware-56   4d ")).toBe("vmware-56 4d");
    expect(serialKey("   ")).toBeNull();
  });
});

describe("Which field a device's serial comes from (fact sheet §11.7, §11.8)", () => {
  // A device's serial fields → the serial shown, whether it may be used to match, and where it came from.
  const table: Array<[string, Parameters<typeof deviceSerial>[0], string | null, boolean, string | null]> = [
    ["laptop: system serial", { system: { serialNumber: "PF4XK2QZ", biosSerialNumber: "PF4XK2QZ" } }, "PF4XK2QZ", true, "serialNumber"],
    ["placeholder system serial, real BIOS serial", { system: { serialNumber: "Default string", biosSerialNumber: "MXL1234ABC" } }, "MXL1234ABC", true, "biosSerialNumber"],
    ["empty system serial, real BIOS serial", { system: { serialNumber: "", biosSerialNumber: "MXL1234ABC" } }, "MXL1234ABC", true, "biosSerialNumber"],
    ["ESXi host: no system{}, service tag", { serviceTag: "7QZK4M3" }, "7QZK4M3", true, "serviceTag"],
    ["MDM phone: serial but no BIOS serial", { system: { serialNumber: "R58M12ABCDE" } }, "R58M12ABCDE", true, "serialNumber"],
    ["KVM guest: both placeholders (shown, not trusted)", { system: { serialNumber: "Default string", biosSerialNumber: "Default string" } }, "Default string", false, "serialNumber"],
    ["junk system serial, empty BIOS, junk tag", { system: { serialNumber: "0", biosSerialNumber: " " }, serviceTag: "N/A" }, "0", false, "serialNumber"],
    ["Linux server with no serial keys (device B)", { system: {} }, null, false, null],
    ["agentless VM guest: no serial fields at all", {}, null, false, null],
    ["cloud monitor: system is null", { system: null, serviceTag: null }, null, false, null],
  ];
  it.each(table)("%s → %j", (_case, device, display, trusted, source) => {
    const serial = deviceSerial(device);
    expect(serial.display).toBe(display);
    expect(serial.trustworthy).toBe(trusted ? display : null);
    expect(serial.source).toBe(source);
  });
});
