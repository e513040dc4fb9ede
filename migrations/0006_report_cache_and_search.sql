-- Issues 14 and 16 (2026-12-07): hand-written SQL beside the generated migration that adds
-- assets.name_sort and report_cache. Depends on no migration number.
--
-- 1. name_sort backfill: the natural sort key of every existing name, by the same rule as
--    naturalSortKey() in workers/domain/natural-sort.ts (ASCII letters lower-cased; each run of
--    digits becomes its length without leading zeros as two digits, then the digits), so "PC 10.2"
--    sorts before "PC 10.10". A worker test compares this SQL with the function.
WITH RECURSIVE walk(id, rest, out, run) AS (
  SELECT id, name, '', '' FROM assets WHERE name_sort IS NULL
  UNION ALL
  SELECT
    id,
    substr(rest, 2),
    CASE WHEN substr(rest, 1, 1) GLOB '[0-9]' THEN out
      ELSE out
        || CASE WHEN run = '' THEN '' ELSE printf('%02d', min(99, length(CASE WHEN ltrim(run, '0') = '' THEN '0' ELSE ltrim(run, '0') END)))
             || CASE WHEN ltrim(run, '0') = '' THEN '0' ELSE ltrim(run, '0') END END
        || lower(substr(rest, 1, 1))
    END,
    CASE WHEN substr(rest, 1, 1) GLOB '[0-9]' THEN run || substr(rest, 1, 1) ELSE '' END
  FROM walk
  WHERE rest <> ''
)
UPDATE assets SET name_sort = keyed.k
FROM (
  SELECT id, out
    || CASE WHEN run = '' THEN '' ELSE printf('%02d', min(99, length(CASE WHEN ltrim(run, '0') = '' THEN '0' ELSE ltrim(run, '0') END)))
         || CASE WHEN ltrim(run, '0') = '' THEN '0' ELSE ltrim(run, '0') END END AS k
  FROM walk WHERE rest = ''
) AS keyed
WHERE assets.id = keyed.id;
--> statement-breakpoint
-- 2. Search inside names and serial numbers: an FTS5 trigram index over assets (external content:
--    the text stays in `assets`, the index holds trigrams keyed by the asset's rowid). Any three or
--    more characters match anywhere, in any case. Kept current by the triggers below; they fire
--    only when a name or serial actually changes, so an unchanged re-sync writes nothing here.
--    If it ever drifts: INSERT INTO assets_search(assets_search) VALUES ('rebuild').
CREATE VIRTUAL TABLE assets_search USING fts5(name, serial_number, content='assets', tokenize='trigram');
--> statement-breakpoint
INSERT INTO assets_search(assets_search) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER assets_search_insert AFTER INSERT ON assets BEGIN
  INSERT INTO assets_search(rowid, name, serial_number) VALUES (NEW.rowid, NEW.name, NEW.serial_number);
END;
--> statement-breakpoint
CREATE TRIGGER assets_search_delete AFTER DELETE ON assets BEGIN
  INSERT INTO assets_search(assets_search, rowid, name, serial_number) VALUES ('delete', OLD.rowid, OLD.name, OLD.serial_number);
END;
--> statement-breakpoint
CREATE TRIGGER assets_search_update AFTER UPDATE OF name, serial_number ON assets
WHEN OLD.name IS NOT NEW.name OR OLD.serial_number IS NOT NEW.serial_number BEGIN
  INSERT INTO assets_search(assets_search, rowid, name, serial_number) VALUES ('delete', OLD.rowid, OLD.name, OLD.serial_number);
  INSERT INTO assets_search(rowid, name, serial_number) VALUES (NEW.rowid, NEW.name, NEW.serial_number);
END;
--> statement-breakpoint
-- 3. Reports figures are kept in report_cache until an asset of the workspace changes: any
--    insert or delete, or an update of a column the Reports count by. Deleting from an empty
--    range writes nothing, so a sync pays one small delete for its first written row only.
CREATE TRIGGER report_cache_on_insert AFTER INSERT ON assets BEGIN
  DELETE FROM report_cache WHERE workspace_id = NEW.workspace_id;
END;
--> statement-breakpoint
CREATE TRIGGER report_cache_on_delete AFTER DELETE ON assets BEGIN
  DELETE FROM report_cache WHERE workspace_id = OLD.workspace_id;
END;
--> statement-breakpoint
CREATE TRIGGER report_cache_on_update AFTER UPDATE OF customer_id, category, status, source, ninja_offline, ninja_created_at, purchase_date, warranty_start, warranty_end, workspace_id ON assets
WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.category IS NOT NEW.category OR OLD.status IS NOT NEW.status
  OR OLD.source IS NOT NEW.source OR OLD.ninja_offline IS NOT NEW.ninja_offline OR OLD.ninja_created_at IS NOT NEW.ninja_created_at
  OR OLD.purchase_date IS NOT NEW.purchase_date OR OLD.warranty_start IS NOT NEW.warranty_start OR OLD.warranty_end IS NOT NEW.warranty_end
  OR OLD.workspace_id IS NOT NEW.workspace_id BEGIN
  DELETE FROM report_cache WHERE workspace_id = NEW.workspace_id;
  DELETE FROM report_cache WHERE workspace_id = OLD.workspace_id;
END;
