-- The lists of the transfer form that SPEC §4.2 makes national policy:
-- mother tongues (ISO 639 codes) and life situations. The national admin
-- adds entries and takes them out of use; stored answers keep their code.

CREATE TABLE background_options (
    id INTEGER PRIMARY KEY,
    list TEXT NOT NULL,
    code TEXT NOT NULL,
    label_fi TEXT NOT NULL,
    label_sv TEXT NOT NULL,
    label_en TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    position INTEGER NOT NULL,
    UNIQUE (list, code)
);

INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'fi', 'suomi', 'finska', 'Finnish', TRUE, 10);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'sv', 'ruotsi', 'svenska', 'Swedish', TRUE, 20);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'se', 'saame', 'samiska', 'Sámi', TRUE, 30);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'ru', 'venäjä', 'ryska', 'Russian', TRUE, 40);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'et', 'viro', 'estniska', 'Estonian', TRUE, 50);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'ar', 'arabia', 'arabiska', 'Arabic', TRUE, 60);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'so', 'somali', 'somaliska', 'Somali', TRUE, 70);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'en', 'englanti', 'engelska', 'English', TRUE, 80);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'fa', 'persia / dari', 'persiska / dari', 'Persian / Dari', TRUE, 90);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'uk', 'ukraina', 'ukrainska', 'Ukrainian', TRUE, 100);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'other', 'muu', 'annat', 'Other', TRUE, 110);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('mother_tongue', 'not_stated', 'ei halua kertoa', 'vill inte uppge', 'Not stated', TRUE, 120);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'unemployed', 'Työtön tai lomautettu', 'Arbetslös eller permitterad', 'Unemployed or laid off', TRUE, 10);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'long_term_illness', 'Pitkäaikaissairaus tai vamma', 'Långvarig sjukdom eller funktionsnedsättning', 'Long-term illness or disability', TRUE, 20);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'pensioner', 'Eläkeläinen', 'Pensionär', 'Pensioner', TRUE, 30);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'student', 'Opiskelija', 'Studerande', 'Student', TRUE, 40);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'single_parent', 'Yksinhuoltaja', 'Ensamförsörjare', 'Single parent', TRUE, 50);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'family_with_children', 'Lapsiperhe', 'Barnfamilj', 'Family with children', TRUE, 60);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'debt_problems', 'Velkaongelmat', 'Skuldproblem', 'Debt problems', TRUE, 70);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'low_income', 'Pienituloinen', 'Låginkomsttagare', 'Low income', TRUE, 80);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'rehabilitation', 'Kuntoutusasiakas', 'Rehabiliteringsklient', 'Rehabilitation client', TRUE, 90);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'immigrant', 'Maahanmuuttaja tai turvapaikanhakija', 'Invandrare eller asylsökande', 'Immigrant or asylum seeker', TRUE, 100);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'homeless', 'Asunnoton', 'Bostadslös', 'Homeless', TRUE, 110);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'other', 'Muu', 'Annat', 'Other', TRUE, 120);
INSERT INTO background_options (list, code, label_fi, label_sv, label_en, active, position) VALUES ('life_situation', 'not_stated', 'Ei halua kertoa', 'Vill inte uppge', 'Not stated', TRUE, 130);
