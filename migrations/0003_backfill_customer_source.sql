-- Custom migration (hand-written; keep it when the generated ones are regenerated).
-- Who set the customer of each existing NinjaOne asset: the organization's mapping when the
-- customer is the one its organization is mapped to, otherwise a person (before this release a
-- sync cleared such a customer at the asset's next change; from now on it is kept).
-- assets.serial_key needs no backfill: it is a generated column, computed for every row.
UPDATE `assets`
SET `customer_source` = CASE
  WHEN `customer_id` = (
    SELECT o.`customer_id` FROM `ninja_organizations` o
    WHERE o.`workspace_id` = `assets`.`workspace_id` AND o.`ninja_org_id` = `assets`.`ninja_org_id`
  ) THEN 'sync'
  ELSE 'person'
END
WHERE `source` = 'ninjaone' AND `customer_id` IS NOT NULL;
