import { describe, expect, it } from "vitest";
import {
  assignmentSummary,
  checkAssignmentList,
  checkAssignmentTargets,
  isUnchangedAssignment,
  ruleOf,
  type AssetForAssignment,
  type ContactForAssignment,
} from "@workers/domain/contact-assignment";

const asset = (id: string, customerId: string | null, extra: Partial<AssetForAssignment> = {}): AssetForAssignment => ({
  id,
  name: id.toUpperCase(),
  customerId,
  customerName: customerId ? `Customer ${customerId}` : null,
  contactId: null,
  contactSource: null,
  ...extra,
});
const contact = (id: string, customerId: string | null): ContactForAssignment => ({ id, name: `Contact ${id}`, customerId });

describe("checkAssignmentList", () => {
  it("accepts distinct devices, even with the same contact", () => {
    expect(checkAssignmentList([{ assetId: "a", contactId: "x" }, { assetId: "b", contactId: "x" }])).toEqual({ ok: true });
  });
  it("refuses an empty list and a list over the limit", () => {
    expect(checkAssignmentList([])).toMatchObject({ ok: false, message: "Choose at least one device to assign." });
    const three = ["a", "b", "c"].map((assetId) => ({ assetId, contactId: "x" }));
    expect(checkAssignmentList(three, 2)).toMatchObject({ ok: false, message: "At most 2 assignments at a time; this has 3." });
  });
  it("names every repeat of a device, pointing at its first entry", () => {
    const check = checkAssignmentList([
      { assetId: "a", contactId: "x" },
      { assetId: "b", contactId: "x" },
      { assetId: "a", contactId: "y" },
      { assetId: "a", contactId: "x" },
    ]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.bad.map((b) => [b.index, b.reason])).toEqual([
      [2, "This device is already in entry 0: give each device once."],
      [3, "This device is already in entry 0: give each device once."],
    ]);
  });
});

describe("checkAssignmentTargets", () => {
  const assets = new Map([asset("a", "acme"), asset("loose", null)].map((x) => [x.id, x]));
  const contacts = new Map([contact("ada", "acme"), contact("gina", "globex"), contact("nobody", null)].map((x) => [x.id, x]));
  it("passes a contact of the asset's customer, and any contact for an asset without a customer", () => {
    expect(checkAssignmentTargets([{ assetId: "a", contactId: "ada" }, { assetId: "loose", contactId: "gina" }, { assetId: "loose", contactId: "nobody" }], assets, contacts)).toEqual([]);
  });
  it("names unknown ids and a contact of another customer (or of none) for a customer's asset", () => {
    const bad = checkAssignmentTargets(
      [
        { assetId: "zzz", contactId: "qqq" },
        { assetId: "a", contactId: "gina" },
        { assetId: "a", contactId: "nobody" },
      ],
      assets,
      contacts,
    );
    expect(bad.map((b) => [b.index, b.field, b.reason])).toEqual([
      [0, "assetId", "No device with this id in this workspace."],
      [0, "contactId", "No contact with this id in this workspace."],
      [1, "contactId", "Contact gina is not a contact of Customer acme: choose one of its contacts."],
      [2, "contactId", "Contact nobody is not a contact of Customer acme: choose one of its contacts."],
    ]);
  });
});

describe("history and rules", () => {
  it("unchanged only when the same contact was a person's choice (a synced owner is confirmed by a write)", () => {
    expect(isUnchangedAssignment(asset("a", null, { contactId: "ada", contactSource: "person" }), "ada")).toBe(true);
    expect(isUnchangedAssignment(asset("a", null, { contactId: "ada", contactSource: "ninjaone" }), "ada")).toBe(false);
    expect(isUnchangedAssignment(asset("a", null, { contactId: "bob", contactSource: "person" }), "ada")).toBe(false);
  });
  it("says who and by which rule", () => {
    expect(assignmentSummary("Ada", null, { type: "user", id: "u", name: "Alice" }, "bulk device assignment")).toBe(
      "Assigned to Ada by Alice, by bulk device assignment",
    );
    expect(assignmentSummary("Ada", "Bob", { type: "api_key", id: "k", name: "CI" }, "API")).toBe("Assigned to Ada (was Bob) by API key CI, by API");
  });
  it("takes the entry's rule over the call's, trimmed and bounded", () => {
    expect(ruleOf({ assetId: "a", contactId: "b", rule: " suggestion: email exact (100%) " }, "bulk")).toBe("suggestion: email exact (100%)");
    expect(ruleOf({ assetId: "a", contactId: "b" }, "bulk device assignment")).toBe("bulk device assignment");
    expect(ruleOf({ assetId: "a", contactId: "b", rule: "x".repeat(300) }, "bulk")).toHaveLength(200);
  });
});
