//! Lenient scalars shared by JSON and forms: a checkbox sends "on", JSON
//! sends `true`; a select sends "12", JSON sends `12`.

use serde::{Deserialize, Deserializer, de::Error};

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolOrStr {
    Bool(bool),
    Str(String),
}

pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match BoolOrStr::deserialize(d)? {
        BoolOrStr::Bool(b) => Ok(b),
        BoolOrStr::Str(s) => match s.as_str() {
            "on" | "true" | "1" | "yes" => Ok(true),
            "off" | "false" | "0" | "no" | "" => Ok(false),
            _ => Err(D::Error::custom("not a yes/no value")),
        },
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ListOrStr {
    List(Vec<String>),
    Str(String),
}

/// Card codes: a JSON list, or what a person types or a scanner enters
/// into one box (one code a line, or separated by commas or `;`; spaces
/// stay inside a code, which R-CARD-1 allows).
pub fn codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let parts = match ListOrStr::deserialize(d)? {
        ListOrStr::List(v) => v,
        ListOrStr::Str(s) => vec![s],
    };
    Ok(parts
        .iter()
        .flat_map(|p| p.split(['\n', '\r', ',', ';']))
        .filter(|c| !c.trim().is_empty())
        .map(str::to_string)
        .collect())
}

pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    bool(d).map(Some)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IdOrStr {
    Id(i64),
    Str(String),
}

/// A small whole number (a year, a count).
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    match opt_id(d)? {
        None => Ok(None),
        Some(n) => i32::try_from(n)
            .map(Some)
            .map_err(|_| D::Error::custom("out of range")),
    }
}

pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<IdOrStr>::deserialize(d)? {
        None => Ok(None),
        Some(IdOrStr::Id(i)) => Ok(Some(i)),
        Some(IdOrStr::Str(s)) if s.trim().is_empty() => Ok(None),
        Some(IdOrStr::Str(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::custom("not an id")),
    }
}
