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
        name_sv -> Nullable<Text>,
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
        ticket_agency -> Nullable<Text>,
        municipality_code -> Nullable<Text>,
        accessibility_sv -> Nullable<Text>,
        accessibility_en -> Nullable<Text>,
        restrictions_sv -> Nullable<Text>,
        restrictions_en -> Nullable<Text>,
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
        home_area_id -> Nullable<BigInt>,
        password_change_required -> Bool,
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
        last_used_at -> Nullable<Timestamp>,
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
    card_lookups (id) {
        id -> BigInt,
        caller -> Text,
        kind -> Text,
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

diesel::table! {
    card_series (id) {
        id -> BigInt,
        area_id -> BigInt,
        prefix -> Text,
        first_number -> BigInt,
        last_number -> BigInt,
        width -> Nullable<Integer>,
        check_kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    card_prints (id) {
        id -> BigInt,
        series_id -> BigInt,
        area_id -> BigInt,
        first_number -> BigInt,
        last_number -> BigInt,
        holder_keys -> Bool,
        status -> Text,
        done -> Integer,
        total -> Integer,
        replaced_keys -> Integer,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        downloaded_at -> Nullable<Timestamp>,
        pdf -> Nullable<Binary>,
    }
}

diesel::table! {
    wellbeing_questions (id) {
        id -> BigInt,
        scale -> Text,
        text_fi -> Text,
        text_sv -> Text,
        text_en -> Text,
        effective_from -> Date,
        effective_to -> Nullable<Date>,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    holder_keys (card_id) {
        card_id -> BigInt,
        key_hash -> Text,
        print_id -> BigInt,
        printed_at -> Timestamp,
    }
}

diesel::table! {
    card_allocations (id) {
        id -> BigInt,
        series_id -> BigInt,
        distribution_point_id -> BigInt,
        first_number -> BigInt,
        last_number -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cards (id) {
        id -> BigInt,
        code -> Text,
        series_id -> BigInt,
        number -> BigInt,
        area_id -> BigInt,
        allocated_point_id -> Nullable<BigInt>,
        status -> Text,
        kind -> Nullable<Text>,
        holder_point_id -> Nullable<BigInt>,
        grant_date -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        minor_children -> Nullable<Integer>,
        updated_at -> Timestamp,
        anonymised -> Bool,
    }
}

diesel::table! {
    card_events (id) {
        id -> BigInt,
        card_id -> BigInt,
        event -> Text,
        at -> Timestamp,
        account_id -> Nullable<BigInt>,
        distribution_point_id -> Nullable<BigInt>,
        area_id -> BigInt,
        kind -> Nullable<Text>,
        grant_date -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        birth_year -> Nullable<Integer>,
        mother_tongue -> Nullable<Text>,
        gender -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        minor_children -> Nullable<Integer>,
        life_situations -> Nullable<Text>,
        void_reason -> Nullable<Text>,
        void_note -> Nullable<Text>,
        age_group -> Nullable<Text>,
        wellbeing -> Nullable<Text>,
    }
}

diesel::table! {
    background_options (id) {
        id -> BigInt,
        list -> Text,
        code -> Text,
        label_fi -> Text,
        label_sv -> Text,
        label_en -> Text,
        active -> Bool,
        position -> Integer,
    }
}

diesel::table! {
    cap_policies (id) {
        id -> BigInt,
        effective_from -> Date,
        default_percent -> Integer,
        small_max_capacity -> Integer,
        small_min_cap -> Integer,
        very_small_max_capacity -> Nullable<Integer>,
        large_min_capacity -> Integer,
        large_min_cap -> Integer,
        swimming_min_cap -> Nullable<Integer>,
        guest_min_cap -> Integer,
        guest_max_cap -> Integer,
        created_at -> Timestamp,
        child_age_under -> Integer,
        suppression_threshold -> Integer,
    }
}

diesel::table! {
    items (id) {
        id -> BigInt,
        venue_id -> BigInt,
        area_id -> BigInt,
        kind -> Text,
        title -> Text,
        starts_at -> Timestamp,
        capacity -> Integer,
        class -> Text,
        cap -> Nullable<Integer>,
        booking_opens_days_before -> Nullable<Integer>,
        redeem_opens_minutes_before -> Nullable<Integer>,
        sold_out -> Bool,
        excluded -> Bool,
        exclusion_reason -> Nullable<Text>,
                series_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        kaiku_used -> Integer,
        listed -> Bool,
    }
}

diesel::table! {
    tickets (id) {
        id -> BigInt,
        item_id -> BigInt,
        card_id -> BigInt,
        venue_id -> BigInt,
        area_id -> BigInt,
        use_key -> Text,
        adults -> Integer,
        children -> Integer,
        channel -> Text,
        status -> Text,
        backlog -> Bool,
        used_on -> Date,
        recorded_at -> Timestamp,
        redeemed_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        correction -> Nullable<Text>,
        offline_mark -> Nullable<Text>,
    }
}

diesel::table! {
    offline_uses (id) {
        id -> BigInt,
        venue_id -> BigInt,
        area_id -> BigInt,
        offline_id -> Text,
        device -> Text,
        item_id -> BigInt,
        card_code -> Text,
        adults -> Integer,
        children -> Integer,
        members -> Text,
        happened_at -> Timestamp,
        received_at -> Timestamp,
        outcome -> Text,
        reasons -> Text,
        use_key -> Nullable<Text>,
        settlement -> Nullable<Text>,
        settled_at -> Nullable<Timestamp>,
        settled_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    idempotency_keys (key_hash) {
        key_hash -> Text,
        status -> Integer,
        response -> Text,
        created_at -> Timestamp,
        fingerprint -> Text,
    }
}

diesel::table! {
    report_submissions (id) {
        id -> BigInt,
        venue_id -> BigInt,
        area_id -> BigInt,
        period_from -> Date,
        period_to -> Date,
        version -> Integer,
        submitted_at -> Timestamp,
        submitted_by -> Text,
        adults -> Integer,
        children -> Integer,
        row_count -> Integer,
        content -> Text,
    }
}

diesel::table! {
    statistics_releases (id) {
        id -> BigInt,
        year -> Integer,
        seq -> Integer,
        area_id -> Nullable<BigInt>,
        submission_id -> Nullable<BigInt>,
        sources -> Text,
        threshold -> Integer,
        forms -> Text,
        released_at -> Timestamp,
    }
}

diesel::table! {
    statistics_submissions (id) {
        id -> BigInt,
        area_id -> BigInt,
        year -> Integer,
        version -> Integer,
        submitted_at -> Timestamp,
        submitted_by -> Text,
        content -> Text,
    }
}

diesel::table! {
    imports (id) {
        id -> BigInt,
        kind -> Text,
        area_id -> BigInt,
        venue_id -> Nullable<BigInt>,
        created_by -> Text,
        created_at -> Timestamp,
        status -> Text,
        accepted -> Integer,
        refused -> Integer,
        content -> Text,
        point_id -> Nullable<BigInt>,
        refused_rows -> Text,
    }
}

diesel::joinable!(distribution_points -> areas (area_id));
diesel::joinable!(items -> venues (venue_id));
diesel::joinable!(card_events -> cards (card_id));
diesel::joinable!(card_allocations -> card_series (series_id));
diesel::joinable!(venues -> areas (area_id));
diesel::joinable!(grants -> accounts (account_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(api_tokens -> venues (venue_id));
diesel::joinable!(tickets -> cards (card_id));
diesel::joinable!(tickets -> items (item_id));
diesel::joinable!(tickets -> venues (venue_id));
diesel::joinable!(holder_keys -> cards (card_id));

diesel::allow_tables_to_appear_in_same_query!(
    areas,
    distribution_points,
    venues,
    accounts,
    grants,
    sessions,
    api_tokens,
    login_failures,
    card_lookups,
    audit_log,
    card_series,
    card_allocations,
    card_prints,
    holder_keys,
    wellbeing_questions,
    cards,
    card_events,
    background_options,
    cap_policies,
    items,
    tickets,
    offline_uses,
    idempotency_keys,
    report_submissions,
    statistics_submissions,
    statistics_releases,
    imports,
);
