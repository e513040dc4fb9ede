-- Before the contact sync every contact was typed by a person: mark the fields they filled as a
-- person's, so linking such a contact to a NinjaOne person by e-mail never overwrites them.
UPDATE `contacts` SET `edited_fields` = (
  SELECT coalesce(json_group_array(f), '[]') FROM (
    SELECT 'name' AS f WHERE `contacts`.`name` IS NOT NULL AND `contacts`.`name` != ''
    UNION ALL SELECT 'email' WHERE `contacts`.`email` IS NOT NULL
    UNION ALL SELECT 'phone' WHERE `contacts`.`phone` IS NOT NULL
    UNION ALL SELECT 'title' WHERE `contacts`.`title` IS NOT NULL
  )
) WHERE `ninja_uid` IS NULL;
