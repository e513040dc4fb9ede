-- Before contact_source existed only people set an asset's contact (the sync never did): mark
-- those choices as a person's, so a contact sync never overwrites them.
UPDATE `assets` SET `contact_source` = 'person' WHERE `contact_id` IS NOT NULL AND `contact_source` IS NULL;
