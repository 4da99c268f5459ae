-- An item a usage sheet made up from a title typed on paper is the venue's
-- record of what happened, not offering: it is not listed in the public
-- catalogue. Those made before are known by their paper tickets (use keys
-- of imported rows begin with "imp") and the capacity an import gives.
ALTER TABLE items ADD COLUMN listed BOOLEAN NOT NULL DEFAULT 1;
UPDATE items SET listed = 0
WHERE capacity = 100000 AND cap IS NULL
  AND EXISTS (SELECT 1 FROM tickets t WHERE t.item_id = items.id AND t.use_key LIKE 'imp%')
  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.item_id = items.id AND t.use_key NOT LIKE 'imp%');
