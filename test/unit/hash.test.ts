import { describe, expect, it } from "vitest";
import { fnv1a32, fnv1a64Hex, stableStringify } from "@workers/domain/hash";

describe("Stable hashing of synced fields", () => {
  it("serialises objects with sorted keys at every level, dropping undefined", () => {
    expect(stableStringify({ b: 1, a: { d: [2, { z: 1, y: null }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it("keeps array order (order in a list is meaningful)", () => {
    expect(stableStringify([1, 2])).not.toBe(stableStringify([2, 1]));
  });

  it("FNV-1a 32 matches the published test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("gives 16 hex characters that differ for a one-character change", () => {
    expect(fnv1a64Hex('{"name":"BWL-LT-0042"}')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64Hex('{"name":"BWL-LT-0042"}')).not.toBe(fnv1a64Hex('{"name":"BWL-LT-0043"}'));
  });

  it("is the two FNV-1a 32 streams side by side, so hashes stored by earlier versions still match", () => {
    for (const text of ["", "a", '{"name":"BWL-LT-0042","serial":"ÄÖ-é-😀"}', "x".repeat(5000)]) {
      const two = fnv1a32(text, 0x811c9dc5).toString(16).padStart(8, "0") + fnv1a32(text, 0x050c5d1f).toString(16).padStart(8, "0");
      expect(fnv1a64Hex(text)).toBe(two);
    }
    expect(fnv1a64Hex("")).toBe("811c9dc5050c5d1f");
  });
});
