// D1 allows at most 100 bound parameters per statement: the sync's write helpers never exceed it.
import { getTableColumns } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "@workers/db/schema";
import { D1_MAX_PARAMS, insertManyAsJson, JSON_ROWS_PER_STATEMENT, rowsPerInsert, updateManyAsJson } from "@workers/sync/d1-writes";

const asset = (i: number) => ({
  id: `a${i}`,
  workspaceId: "w1",
  name: `PC-${i}`,
  status: "in_use",
  category: "Workstation",
  source: "ninjaone",
  ninjaDeviceId: i,
  ninjaOffline: i % 2 === 0,
  warrantyEnd: i % 3 === 0 ? "2027-01-31" : undefined,
  createdAt: 1,
  updatedAt: 1,
});

describe("JSON-packed statements", () => {
  it("insert a page of 1,000 assets in 5 statements of one parameter each", () => {
    const statements = insertManyAsJson(schema.assets, Array.from({ length: 1000 }, (_, i) => asset(i)));
    expect(statements).toHaveLength(1000 / JSON_ROWS_PER_STATEMENT);
    for (const s of statements) {
      const q = s.toSQL();
      expect(q.params).toHaveLength(1);
      expect(q.sql).toMatch(/^INSERT INTO "assets" \("id", "workspace_id", "name", .*\) SELECT json_extract\(value, '\$\[0\]'\), .* FROM json_each\(\?\) WHERE true ON CONFLICT DO NOTHING$/);
    }
    const rows = JSON.parse(String(statements[0].toSQL().params[0]));
    const columns = statements[0].toSQL().sql.match(/\(([^)]*)\) SELECT/)?.[1].split(", ") ?? [];
    expect(rows).toHaveLength(JSON_ROWS_PER_STATEMENT);
    // Booleans go in as SQLite integers; a key a row lacks is NULL for it.
    expect(rows[0][columns.indexOf('"ninja_offline"')]).toBe(1);
    expect(rows[1][columns.indexOf('"ninja_offline"')]).toBe(0);
    expect(rows[1][columns.indexOf('"warranty_end"')]).toBeNull();
    expect(rows[3][columns.indexOf('"warranty_end"')]).toBe("2027-01-31");
  });

  it("update rows with their own values, grouped by the columns they set, scoped to the workspace", () => {
    const statements = updateManyAsJson(
      schema.assets,
      "w1",
      [
        { id: "a1", set: { name: "One", ninjaDeletedAt: null } },
        { id: "a2", set: { name: "Two", ninjaDeletedAt: null } },
        { id: "a3", set: { status: "inactive" } },
      ],
      "ninja_deleted_at IS NULL",
    );
    expect(statements).toHaveLength(2);
    const first = statements[0].toSQL();
    expect(first.sql).toBe(
      `WITH src AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS c1, json_extract(value, '$[2]') AS c2 FROM json_each(?)) ` +
        `UPDATE "assets" SET "name" = src.c1, "ninja_deleted_at" = src.c2 FROM src ` +
        `WHERE "assets"."id" = src.id AND "assets"."workspace_id" = ? AND "assets".ninja_deleted_at IS NULL`,
    );
    expect(first.params).toEqual([JSON.stringify([["a1", "One", null], ["a2", "Two", null]]), "w1"]);
    expect(statements[1].toSQL().params).toEqual([JSON.stringify([["a3", "inactive"]]), "w1"]);
  });
});

describe("row-per-parameter inserts", () => {
  it("pack as many rows as fit in 100 parameters, even when every column is bound", () => {
    const tables = [schema.assets, schema.syncRunErrors, schema.syncRunDeferred, schema.ninjaOrganizations, schema.ninjaLocations, schema.ninjaRoles];
    for (const table of tables) {
      const columns = Object.keys(getTableColumns(table)).length;
      expect(rowsPerInsert(table) * columns).toBeLessThanOrEqual(D1_MAX_PARAMS);
      expect((rowsPerInsert(table) + 1) * columns).toBeGreaterThan(D1_MAX_PARAMS);
    }
    // What drizzle actually binds for a chunk of fully filled error rows.
    const db = drizzle({} as D1Database, { schema });
    const rows = Array.from({ length: rowsPerInsert(schema.syncRunErrors) }, (_, i) => ({
      id: `e${i}`,
      runId: "r",
      workspaceId: "w",
      ninjaDeviceId: i,
      kind: "device_invalid" as const,
      message: "bad",
      createdAt: 1,
    }));
    const params = db.insert(schema.syncRunErrors).values(rows).toSQL().params.length;
    expect(params).toBe(rows.length * Object.keys(getTableColumns(schema.syncRunErrors)).length);
    expect(params).toBeLessThanOrEqual(D1_MAX_PARAMS);
  });
});
