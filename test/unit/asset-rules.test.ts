import { describe, expect, it } from "vitest";
import { canDeleteAsset, contactFitsCustomer, notesWithOs, SYNC_OWNED_FIELDS, syncOwnedConflicts, warrantyOrderValid } from "@workers/domain/asset-rules";
import { ManualAssetFormSchema, SyncedAssetFormSchema } from "~/lib/asset-fields";

const current = {
  name: "DESKTOP-1",
  manufacturer: "Dell",
  model: "OptiPlex",
  serialNumber: "ABC123",
  status: "in_use",
  category: "Workstation",
};

describe("sync-owned fields", () => {
  it("refuses changes to what the NinjaOne sync writes", () => {
    expect(syncOwnedConflicts("ninjaone", current, { name: "RENAMED", status: "retired" })).toEqual(["name", "status"]);
  });

  it("leaves Notes to people: the sync keeps only its own OS line", () => {
    expect(SYNC_OWNED_FIELDS).not.toContain("notes");
  });

  it("lets unchanged values and other fields through", () => {
    expect(syncOwnedConflicts("ninjaone", current, { name: "DESKTOP-1", serialNumber: "ABC123" })).toEqual([]);
    expect(syncOwnedConflicts("ninjaone", current, {})).toEqual([]);
  });

  it("does not apply to assets added by hand", () => {
    expect(syncOwnedConflicts("manual", current, { name: "RENAMED", category: "Server" })).toEqual([]);
  });

  it("only hand-made assets can be deleted", () => {
    expect(canDeleteAsset("manual")).toBe(true);
    expect(canDeleteAsset("ninjaone")).toBe(false);
  });
});

describe("asset references and dates", () => {
  it.each([
    [null, null, true],
    [null, "c1", true],
    ["c1", "c1", true],
    ["c1", "c2", false],
    ["c1", null, false],
  ])("asset customer %s with a contact of %s fits: %s", (assetCustomer, contactCustomer, fits) => {
    expect(contactFitsCustomer(assetCustomer, contactCustomer)).toBe(fits);
  });

  it.each([
    [null, null, true],
    ["2024-01-01", null, true],
    [null, "2024-01-01", true],
    ["2024-01-01", "2024-01-01", true],
    ["2024-01-01", "2026-12-31", true],
    ["2024-01-02", "2024-01-01", false],
  ])("warranty %s to %s is valid: %s", (start, end, ok) => {
    expect(warrantyOrderValid(start, end)).toBe(ok);
  });
});

describe("the asset form schemas", () => {
  it("requires a name, a status and a category and reads blanks as empty", () => {
    const r = ManualAssetFormSchema.safeParse({ name: "  ", notes: "" });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["category", "name", "status"]);
    const ok = ManualAssetFormSchema.parse({ name: " PC-1 ", status: "in_use", category: "Mac", notes: "", serialNumber: undefined });
    expect(ok).toMatchObject({ name: "PC-1", notes: null, serialNumber: null, customerId: null });
  });

  it("gives field messages for bad dates, a reversed warranty and oversized text", () => {
    const r = ManualAssetFormSchema.safeParse({
      name: "x".repeat(201),
      status: "in_use",
      category: "Mac",
      purchaseDate: "2024-13-45",
      warrantyStart: "2025-01-02",
      warrantyEnd: "2025-01-01",
    });
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      name: "Name must be at most 200 characters.",
      purchaseDate: "Purchase date must be a date (YYYY-MM-DD).",
      warrantyEnd: "Warranty end must be on or after the warranty start.",
    });
  });

  it("leaves the sync-owned fields out of a NinjaOne asset's form instead of clearing them", () => {
    const value = SyncedAssetFormSchema.parse({ customerId: "c1", purchaseDate: "2024-05-01" });
    expect(value).not.toHaveProperty("name");
    expect(value).not.toHaveProperty("manufacturer");
    expect(value).toMatchObject({ customerId: "c1", contactId: null, purchaseDate: "2024-05-01" });
  });
});

describe("Notes and the sync's OS line", () => {
  it.each([
    ["a new asset's notes are the OS", null, null, "Windows 11 Pro", "Windows 11 Pro"],
    ["a claimed asset keeps the person's text, OS on its own line", "Bought at MediaMarkt", null, "Windows 11 Pro", "Bought at MediaMarkt\nWindows 11 Pro"],
    ["an OS upgrade rewrites only the sync's line", "Bought 2024\nWindows 11 Pro\nDesk 4", "Windows 11 Pro", "Windows 11 Enterprise", "Bought 2024\nWindows 11 Enterprise\nDesk 4"],
    ["an unchanged OS changes nothing", "Mine\nWindows 11 Pro", "Windows 11 Pro", "Windows 11 Pro", "Mine\nWindows 11 Pro"],
    ["a line the person removed stays removed", "Spare for reception", "Windows 11 Pro", "Windows 11 Enterprise", "Spare for reception"],
    ["no OS reported any more: the line goes", "Mine\nWindows 11 Pro", "Windows 11 Pro", null, "Mine"],
    ["the OS is not added twice", "Windows 11 Pro", null, "Windows 11 Pro", "Windows 11 Pro"],
    ["trailing blank lines are not kept between text and OS", "Mine\n\n", null, "macOS 14", "Mine\nmacOS 14"],
  ])("%s", (_label, notes, previous, os, expected) => {
    expect(notesWithOs(notes, previous, os)).toBe(expected);
  });
});
