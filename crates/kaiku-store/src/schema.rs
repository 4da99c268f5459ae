//! Table definitions shared by both backends; the SQL lives in
//! `migrations/{sqlite,postgres}`.

diesel::table! {
    areas (id) {
        id -> BigInt,
        name -> Text,
        trial_ends -> Nullable<Date>,
        local_only -> Bool,
        municipality_codes -> Text,
        brochure_languages -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    distribution_points (id) {
        id -> BigInt,
        area_id -> BigInt,
        name -> Text,
        kind -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    venues (id) {
        id -> BigInt,
        area_id -> BigInt,
        name -> Text,
        sector -> Text,
        address -> Nullable<Text>,
        website -> Nullable<Text>,
        accessibility -> Nullable<Text>,
        sales_channels -> Text,
        restrictions -> Nullable<Text>,
        free_cloakroom -> Bool,
        contact_name -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        username -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
    }
}

diesel::table! {
    grants (id) {
        id -> BigInt,
        account_id -> BigInt,
        role -> Text,
        area_id -> Nullable<BigInt>,
        distribution_point_id -> Nullable<BigInt>,
        venue_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        account_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        venue_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        username -> Text,
        address -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        account_id -> Nullable<BigInt>,
        actor -> Text,
        action -> Text,
        record_type -> Text,
        record_id -> Nullable<BigInt>,
        area_id -> Nullable<BigInt>,
        detail -> Text,
    }
}

diesel::joinable!(distribution_points -> areas (area_id));
diesel::joinable!(venues -> areas (area_id));
diesel::joinable!(grants -> accounts (account_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(api_tokens -> venues (venue_id));

diesel::allow_tables_to_appear_in_same_query!(
    areas,
    distribution_points,
    venues,
    accounts,
    grants,
    sessions,
    api_tokens,
    login_failures,
    audit_log,
);
