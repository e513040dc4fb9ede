// Who may change whom: the rules behind Settings > Users and API key roles.
import { describe, expect, it } from "vitest";
import type { Role } from "@workers/domain/permissions";
import { isValidTimeZone, timeZoneChoices } from "@workers/domain/time-zones";
import { checkGrantRole, checkRoleChange, checkStatusChange } from "@workers/domain/user-admin";

const person = (id: string, role: Role, disabled = false) => ({ id, role, disabled });

describe("handing out a role (new teammate, API key)", () => {
  const table: Array<[Role, Role, number | null]> = [
    ["owner", "owner", null],
    ["owner", "observer", null],
    ["admin", "owner", 403],
    ["admin", "admin", null],
    ["admin", "technician", null],
    ["manager", "admin", 403],
  ];
  it.each(table)("%s giving %s: %s", (actor, role, status) => {
    expect(checkGrantRole(actor, role)?.status ?? null).toBe(status);
  });
});

describe("changing a role", () => {
  const owner = person("o1", "owner");
  const admin = person("a1", "admin");
  const table: Array<[string, Parameters<typeof checkRoleChange>[0], number | null]> = [
    ["owner promotes a technician to owner", { actor: owner, target: person("t", "technician"), newRole: "owner", activeOwners: 1 }, null],
    ["admin promotes a technician to owner", { actor: admin, target: person("t", "technician"), newRole: "owner", activeOwners: 1 }, 403],
    ["admin demotes an owner", { actor: admin, target: person("o2", "owner"), newRole: "admin", activeOwners: 2 }, 403],
    ["admin demotes a manager", { actor: admin, target: person("m", "manager"), newRole: "observer", activeOwners: 1 }, null],
    ["the only owner demotes themselves", { actor: owner, target: owner, newRole: "admin", activeOwners: 1 }, 409],
    ["one of two owners demotes themselves", { actor: owner, target: owner, newRole: "admin", activeOwners: 2 }, null],
    ["owner demotes a disabled owner while alone", { actor: owner, target: person("o2", "owner", true), newRole: "observer", activeOwners: 1 }, null],
    ["setting the same role", { actor: owner, target: owner, newRole: "owner", activeOwners: 1 }, null],
  ];
  it.each(table)("%s: %s", (_label, input, status) => {
    expect(checkRoleChange(input)?.status ?? null).toBe(status);
  });
});

describe("disabling and enabling", () => {
  const owner = person("o1", "owner");
  const admin = person("a1", "admin");
  const table: Array<[string, Parameters<typeof checkStatusChange>[0], number | null]> = [
    ["owner disables a technician", { actor: owner, target: person("t", "technician"), disable: true, activeOwners: 1 }, null],
    ["owner disables themselves", { actor: owner, target: owner, disable: true, activeOwners: 2 }, 400],
    ["admin disables themselves", { actor: admin, target: admin, disable: true, activeOwners: 1 }, 400],
    ["admin disables an owner", { actor: admin, target: person("o2", "owner"), disable: true, activeOwners: 2 }, 403],
    ["owner disables the other owner", { actor: owner, target: person("o2", "owner"), disable: true, activeOwners: 2 }, null],
    ["disabling the last active owner", { actor: person("x", "owner", true), target: person("o2", "owner"), disable: true, activeOwners: 1 }, 409],
    ["admin enables a manager", { actor: admin, target: person("m", "manager", true), disable: false, activeOwners: 1 }, null],
    ["admin enables an owner", { actor: admin, target: person("o2", "owner", true), disable: false, activeOwners: 1 }, 403],
  ];
  it.each(table)("%s: %s", (_label, input, status) => {
    expect(checkStatusChange(input)?.status ?? null).toBe(status);
  });
});

describe("time zones", () => {
  it.each([
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["Europe/Berlin; DROP TABLE", false],
  ])("%j is valid: %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it("offers UTC first and only valid zones", () => {
    const zones = timeZoneChoices();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Australia/Sydney");
    expect(zones.every(isValidTimeZone)).toBe(true);
  });
});
