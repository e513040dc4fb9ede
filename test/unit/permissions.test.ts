import { describe, expect, it } from "vitest";
import { can, canAssignRole, type Permission, type Role } from "@workers/domain/permissions";

describe("permissions", () => {
  const table: Array<[Role, Permission, boolean]> = [
    ["owner", "integrations:manage", true],
    ["admin", "integrations:manage", true],
    ["manager", "integrations:manage", false],
    ["technician", "integrations:manage", false],
    ["observer", "integrations:manage", false],
    ["observer", "read", true],
    ["observer", "assets:write", false],
    ["observer", "tickets:write", false],
    ["technician", "tickets:write", true],
    ["technician", "customers:write", false],
    ["manager", "customers:write", true],
    ["manager", "users:manage", false],
    ["admin", "users:manage", true],
  ];
  it.each(table)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("only an owner can make owners", () => {
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("admin", "admin")).toBe(true);
    expect(canAssignRole("manager", "admin")).toBe(false);
  });
});
