DROP TABLE items;
DROP TABLE cap_policies;
