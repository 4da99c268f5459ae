//! HTTP tests of kaiku's foundation on both backends (PostgreSQL when
//! `KAIKU_TEST_POSTGRES_URL` is set).

mod abuse;
mod box_office;
mod cards;
mod catalogue;
mod common;
mod glance;
mod holder;
mod imports;
mod input;
mod issuance_imports;
mod items;
mod login;
mod matrix;
mod offline;
mod ops;
mod outsider;
mod pdf;
mod prints;
mod privacy;
mod reports;
mod scopes;
mod screens;
mod shell;
mod stats;
mod wellbeing;
mod words;
