ALTER TABLE imports DROP COLUMN refused_rows;
ALTER TABLE imports DROP COLUMN point_id;
