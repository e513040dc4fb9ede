import { describe, expect, it } from "vitest";
import { assetColumns } from "~/lib/asset-columns";

const at = (qs: string) => new URL(`http://core.test/assets${qs}`);

describe("assetColumns", () => {
  it("shows no optional column by default", () => {
    expect(assetColumns(at(""), null)).toEqual({ columns: { os: false, warrantyEnd: false }, setCookie: null });
  });

  it("remembers what the filter form chose (its cols marker), including choosing none", () => {
    const chose = assetColumns(at("?cols=1&os=1&wend=1"), null);
    expect(chose.columns).toEqual({ os: true, warrantyEnd: true });
    expect(chose.setCookie).toMatch(/^core_asset_columns=os\.wend; Path=\/assets;/);
    const none = assetColumns(at("?cols=1"), "core_asset_columns=os.wend");
    expect(none.columns).toEqual({ os: false, warrantyEnd: false });
    expect(none.setCookie).toMatch(/^core_asset_columns=; /);
  });

  it("opens a plain link with the remembered columns", () => {
    expect(assetColumns(at("?status=in_use"), "core_session=x; core_asset_columns=wend").columns).toEqual({ os: false, warrantyEnd: true });
  });

  it("takes ?os=1 from an old link without remembering it", () => {
    expect(assetColumns(at("?os=1"), null)).toEqual({ columns: { os: true, warrantyEnd: false }, setCookie: null });
  });

  it("ignores a cookie it did not write", () => {
    expect(assetColumns(at(""), `core_asset_columns=${"x".repeat(500)}`).columns).toEqual({ os: false, warrantyEnd: false });
  });
});
