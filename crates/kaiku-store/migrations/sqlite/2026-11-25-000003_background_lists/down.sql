DROP TABLE background_options;
