-- Nothing to restore: the cells are gone.
SELECT 1;
