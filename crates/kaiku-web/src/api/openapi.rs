//! The OpenAPI 3.1 description of the JSON API (SPEC §11), served at
//! `/api/v1/openapi.json`. A test compares it with the routes in `mod.rs`,
//! so a call cannot be added without being described.

use serde_json::{Map, Value, json};

/// (method, path, summary, request schema, response schema, success status)
type Op = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    u16,
);

pub const OPERATIONS: &[Op] = &[
    (
        "post",
        "/login",
        "Log in; sets the session cookie",
        Some("Login"),
        Some("Me"),
        200,
    ),
    ("post", "/logout", "End the session", None, None, 204),
    (
        "get",
        "/me",
        "The caller: account and grants, or the token's venue",
        None,
        Some("Account"),
        200,
    ),
    (
        "post",
        "/me/password",
        "Change one's own password; other sessions end",
        Some("PasswordChange"),
        None,
        204,
    ),
    (
        "get",
        "/areas",
        "Areas the caller sees (all for a national admin)",
        None,
        Some("AreaList"),
        200,
    ),
    (
        "post",
        "/areas",
        "Create an area (national admin)",
        Some("AreaInput"),
        Some("Area"),
        201,
    ),
    ("get", "/areas/{area}", "One area", None, Some("Area"), 200),
    (
        "put",
        "/areas/{area}",
        "Change an area (national admin)",
        Some("AreaInput"),
        Some("Area"),
        200,
    ),
    (
        "get",
        "/areas/{area}/distribution-points",
        "Distribution points of an area",
        None,
        Some("PointList"),
        200,
    ),
    (
        "post",
        "/areas/{area}/distribution-points",
        "Create a distribution point (coordinator)",
        Some("PointInput"),
        Some("Point"),
        201,
    ),
    (
        "get",
        "/distribution-points/{point}",
        "One distribution point",
        None,
        Some("Point"),
        200,
    ),
    (
        "put",
        "/distribution-points/{point}",
        "Change a distribution point (coordinator)",
        Some("PointInput"),
        Some("Point"),
        200,
    ),
    (
        "get",
        "/areas/{area}/venues",
        "Venues of an area",
        None,
        Some("VenueList"),
        200,
    ),
    (
        "post",
        "/areas/{area}/venues",
        "Create a venue (coordinator)",
        Some("VenueInput"),
        Some("Venue"),
        201,
    ),
    (
        "get",
        "/venues/{venue}",
        "One venue's profile",
        None,
        Some("Venue"),
        200,
    ),
    (
        "put",
        "/venues/{venue}",
        "Change a venue's profile (coordinator)",
        Some("VenueInput"),
        Some("Venue"),
        200,
    ),
    (
        "get",
        "/venues/{venue}/api-tokens",
        "A venue's integration tokens (never their secrets)",
        None,
        Some("TokenList"),
        200,
    ),
    (
        "post",
        "/venues/{venue}/api-tokens",
        "Create a token; its secret is in this answer only",
        Some("TokenInput"),
        Some("NewToken"),
        201,
    ),
    (
        "delete",
        "/api-tokens/{id}",
        "Revoke a token",
        None,
        None,
        204,
    ),
    (
        "get",
        "/accounts",
        "Staff accounts the caller manages",
        None,
        Some("AccountList"),
        200,
    ),
    (
        "post",
        "/accounts",
        "Create a staff account with its grants",
        Some("AccountInput"),
        Some("Account"),
        201,
    ),
    (
        "get",
        "/accounts/{id}",
        "One staff account",
        None,
        Some("Account"),
        200,
    ),
    (
        "post",
        "/accounts/{id}/grants",
        "Give an account another role (R-AUTH-3)",
        Some("GrantInput"),
        Some("Account"),
        201,
    ),
    (
        "delete",
        "/accounts/{id}/grants/{grant}",
        "Take a role away",
        None,
        Some("Account"),
        200,
    ),
    (
        "put",
        "/accounts/{id}/password",
        "Set a new password for a member of staff; their sessions end",
        Some("PasswordReset"),
        None,
        204,
    ),
    (
        "put",
        "/accounts/{id}/active",
        "Close or reopen an account",
        Some("Active"),
        Some("Account"),
        200,
    ),
    (
        "get",
        "/background-options",
        "The national lists of the transfer form (mother tongues, life situations)",
        None,
        Some("OptionList"),
        200,
    ),
    (
        "post",
        "/background-options",
        "Add an entry to a national list (national admin)",
        Some("OptionInput"),
        Some("Option"),
        201,
    ),
    (
        "put",
        "/background-options/{id}",
        "Change an entry's labels, or take it out of use (national admin)",
        Some("OptionInput"),
        Some("Option"),
        200,
    ),
    (
        "get",
        "/venues/{venue}/items",
        "A venue's offering from today on (?all=true for all)",
        None,
        Some("ItemList"),
        200,
    ),
    (
        "post",
        "/venues/{venue}/items",
        "Publish an event or a course, or a weekly/daily series of them (R-CAP, R-TIME)",
        Some("ItemInput"),
        Some("Item"),
        201,
    ),
    (
        "get",
        "/items/{item}",
        "An item with its Kaikukortti tickets used and left",
        None,
        Some("Item"),
        200,
    ),
    (
        "put",
        "/items/{item}",
        "Change an item",
        Some("ItemInput"),
        Some("Item"),
        200,
    ),
    ("delete", "/items/{item}", "Remove an item", None, None, 204),
    (
        "get",
        "/items/{item}/tickets",
        "The item's Kaikukortti tickets, newest first (its venue's box office)",
        None,
        Some("TicketList"),
        200,
    ),
    (
        "post",
        "/items/{item}/tickets",
        "Record a use: the card's tickets and a group's members, all or nothing (R-USE-*); header Idempotency-Key makes retries safe (R-USE-9)",
        Some("UseInput"),
        Some("Use"),
        201,
    ),
    (
        "get",
        "/tickets/{ticket}",
        "One ticket",
        None,
        Some("Ticket"),
        200,
    ),
    (
        "post",
        "/tickets/{ticket}/redeem",
        "Mark collected, within the redemption window (R-TIME-2); ?whole_use=true for the whole visit",
        None,
        Some("Use"),
        200,
    ),
    (
        "post",
        "/tickets/{ticket}/cancel",
        "Cancel; frees the cap (R-USE-5); ?whole_use=true for the whole visit",
        None,
        Some("Use"),
        200,
    ),
    (
        "get",
        "/uses/{use_id}",
        "A recorded use with its tickets and ticket note",
        None,
        Some("Use"),
        200,
    ),
    (
        "get",
        "/venues/{venue}/usage-report",
        "R-REP-1: the venue's uses in a period (?from=&to=, this month by default) as JSON, or ?format=csv (UTF-8 with BOM, ;) or xlsx",
        None,
        Some("UsageReport"),
        200,
    ),
    (
        "post",
        "/venues/{venue}/usage-report/submissions",
        "R-REP-2: submit the period's report (frozen; again = a new version showing what changed)",
        Some("SubmitInput"),
        Some("Submission"),
        201,
    ),
    (
        "get",
        "/venues/{venue}/usage-report/submissions",
        "The versions submitted for a period (?from=&to=), newest first",
        None,
        Some("SubmissionList"),
        200,
    ),
    (
        "get",
        "/areas/{area}/report-submissions",
        "R-REP-2: per active venue of the area, its latest submission of the period or its contact person",
        None,
        Some("VenueStatusList"),
        200,
    ),
    (
        "get",
        "/areas/{area}/statistics",
        "R-REP-3: the area's statistics for ?year= (or ?from=&to=), as JSON or ?format=csv|xlsx; counts 1–4 shown as \"<5\" (and partners as \"x\") outside the area (R-REP-5)",
        None,
        Some("AreaStatistics"),
        200,
    ),
    (
        "post",
        "/areas/{area}/statistics/submissions",
        "R-REP-3: the coordinator submits the area's statistics of a year to the national service (kept as submitted)",
        Some("SubmitYear"),
        Some("StatisticsSubmission"),
        201,
    ),
    (
        "get",
        "/statistics",
        "R-REP-4: a year (?year=) over all areas and per area, from the submitted statistics or ?source=live (national admin); background counts suppressed",
        None,
        Some("NationalStatistics"),
        200,
    ),
    (
        "post",
        "/anonymisations",
        "R-PRIV-3: anonymise cards expired before a date (codes replaced, birth year to age group, postal code to area), or count them with dry_run (national admin)",
        Some("AnonymiseInput"),
        Some("Anonymised"),
        200,
    ),
    (
        "post",
        "/venues/{venue}/usage-imports",
        "Issue 7: a usage sheet as the body (text/csv or XLSX) → a preview: every row accepted, refused (with the reason) or a duplicate; nothing written yet",
        None,
        Some("ImportPreview"),
        201,
    ),
    (
        "post",
        "/usage-imports/{id}/confirm",
        "Write a preview's accepted rows in one transaction (with refused rows only if only_accepted)",
        Some("ConfirmImport"),
        Some("ImportDone"),
        200,
    ),
    (
        "post",
        "/distribution-points/{point}/issuance-imports",
        "Issue 7: transfer forms as the body (text/csv or XLSX; ?confirmed_at_least_16=true when the issuers checked every client's age) → a preview like a usage sheet's; nothing written yet",
        None,
        Some("ImportPreview"),
        201,
    ),
    (
        "post",
        "/issuance-imports/{id}/confirm",
        "Write a preview's accepted transfer forms in one transaction (with refused rows only if only_accepted)",
        Some("ConfirmImport"),
        Some("ImportDone"),
        200,
    ),
    (
        "get",
        "/imports/{id}/refused-rows",
        "The refused rows of an import with a reason column, to fix and upload again (?format=xlsx|csv); identity-code cells are left empty",
        None,
        None,
        200,
    ),
    (
        "get",
        "/import-templates/usage",
        "An empty usage sheet headed in the request's language (?format=xlsx|csv)",
        None,
        None,
        200,
    ),
    (
        "get",
        "/import-templates/issuance",
        "An empty sheet of transfer forms headed in the request's language (?format=xlsx|csv)",
        None,
        None,
        200,
    ),
    (
        "get",
        "/cap-policies",
        "Versions of the national cap table",
        None,
        Some("CapPolicyList"),
        200,
    ),
    (
        "post",
        "/cap-policies",
        "A new version of the cap table from its date on (national admin)",
        Some("CapPolicy"),
        Some("CapPolicy"),
        201,
    ),
    (
        "get",
        "/catalogue",
        "The public catalogue of the whole country; ?area=&sector=&municipality=&from=&to= (no login)",
        None,
        Some("Catalogue"),
        200,
    ),
    (
        "get",
        "/catalogue/{area}",
        "The public catalogue of an area; ?sector=&municipality=&from=&to= (no login)",
        None,
        Some("Catalogue"),
        200,
    ),
    (
        "get",
        "/audit-log",
        "Audit log, newest first, 100 at a time (R-AUTH-4)",
        None,
        Some("AuditList"),
        200,
    ),
    (
        "get",
        "/areas/{area}/card-series",
        "Printed card series of an area with counts",
        None,
        Some("SeriesList"),
        200,
    ),
    (
        "post",
        "/areas/{area}/card-series",
        "Register a printed series; every card goes in stock",
        Some("SeriesInput"),
        Some("Series"),
        201,
    ),
    (
        "get",
        "/card-series/{series}",
        "A series, its allocations and the area's counts per point",
        None,
        Some("SeriesDetail"),
        200,
    ),
    (
        "post",
        "/card-series/{series}/allocations",
        "Allocate a range of a series to a distribution point",
        Some("AllocationInput"),
        Some("Allocation"),
        201,
    ),
    (
        "get",
        "/areas/{area}/cards",
        "Issued and void cards of an area (coordinator); ?code= narrows",
        None,
        Some("CardList"),
        200,
    ),
    (
        "get",
        "/distribution-points/{point}/cards",
        "Cards a point issued (its issuers); ?code= narrows",
        None,
        Some("CardList"),
        200,
    ),
    (
        "get",
        "/cards/{code}",
        "Is this card valid? Nothing about its holder (R-AUTH-2)",
        None,
        Some("Lookup"),
        200,
    ),
    (
        "post",
        "/cards/{code}/issue",
        "Issue a personal card (transfer form) or a community card",
        Some("IssueInput"),
        Some("Issued"),
        201,
    ),
    (
        "post",
        "/cards/{code}/renew",
        "Renew an expired or expiring card with fresh background data",
        Some("IssueInput"),
        Some("Issued"),
        200,
    ),
    (
        "post",
        "/cards/{code}/void",
        "Void a card (lost, destroyed, returned, other)",
        Some("VoidInput"),
        Some("Card"),
        200,
    ),
    (
        "get",
        "/cards/{code}/record",
        "A card and its history with background data (issuer, coordinator)",
        None,
        Some("Record"),
        200,
    ),
    (
        "get",
        "/cards/{code}/subject-access",
        "Everything stored under a code, for the holder (R-PRIV-2, coordinator)",
        None,
        Some("Record"),
        200,
    ),
];

fn schemas() -> Value {
    let id = json!({"type": "integer", "format": "int64"});
    let text = json!({"type": "string"});
    let opt_text = json!({"type": ["string", "null"]});
    let list = |item: &str| json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}});
    let en = |values: &[&str]| json!({"type": "string", "enum": values});
    let role = en(&[
        "national_admin",
        "area_coordinator",
        "issuer",
        "venue_staff",
    ]);
    let sector = en(&[
        "theatre",
        "music",
        "dance",
        "museum",
        "visual_arts",
        "cinema",
        "festival",
        "library",
        "adult_education",
        "science_centre",
        "circus",
        "sports",
        "swimming_hall",
        "other",
    ]);
    let channels =
        json!({"type": "array", "items": en(&["box_office", "ticket_agency", "phone", "other"])});
    let point_type = en(&[
        "municipal_social_services",
        "health_centre",
        "parish",
        "ngo",
        "other",
    ]);
    let langs = json!({"type": "array", "items": en(&["fi", "sv", "en"])});
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {
                "code": text, "message": {"type": "string", "description": "Plain words in the request's language"},
                "refused": {"type": "array", "description": "A refused use: every refused card with every reason; nothing was recorded", "items": {"type": "object", "properties": {
                    "card_code": text, "reasons": {"type": "array", "items": {"type": "object", "properties": {"code": text, "rule": text, "message": text}}}}}},
                "rule": {"type": "string", "description": "The SPEC rule, e.g. R-AUTH-1"},
                "field": text, "retry_after_minutes": {"type": "integer"},
                "errors": {"type": "array", "items": {"type": "object", "properties": {"field": text, "code": text, "message": text}}}
            }
        }}},
        "Login": {"type": "object", "required": ["username", "password"], "properties": {"username": text, "password": text}},
        "Me": {"type": "object", "properties": {"id": id, "username": text}},
        "PasswordChange": {"type": "object", "required": ["current_password", "new_password"], "properties": {
            "current_password": text, "new_password": {"type": "string", "minLength": 10}}},
        "PasswordReset": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string", "minLength": 10}}},
        "Active": {"type": "object", "required": ["active"], "properties": {"active": {"type": "boolean"}}},
        "AreaInput": {"type": "object", "required": ["name"], "properties": {
            "name": text, "trial_ends": {"type": ["string", "null"], "format": "date"}, "local_only": {"type": "boolean"},
            "municipality_codes": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{3}$"}},
            "brochure_languages": langs}},
        "Area": {"type": "object", "properties": {
            "id": id, "name": text, "trial_ends": {"type": ["string", "null"], "format": "date"}, "local_only": {"type": "boolean"},
            "municipality_codes": {"type": "array", "items": text}, "brochure_languages": langs}},
        "AreaList": list("Area"),
        "PointInput": {"type": "object", "required": ["name", "type"], "properties": {"name": text, "type": point_type, "active": {"type": "boolean"}}},
        "Point": {"type": "object", "properties": {"id": id, "area": id, "name": text, "type": point_type, "active": {"type": "boolean"}}},
        "PointList": list("Point"),
        "VenueInput": {"type": "object", "required": ["name", "sector"], "properties": {
            "name": text, "sector": sector, "address": opt_text, "website": opt_text, "accessibility": opt_text,
            "sales_channels": channels, "restrictions": opt_text, "free_cloakroom": {"type": "boolean"},
            "contact_name": opt_text, "contact_phone": opt_text, "contact_email": opt_text, "active": {"type": "boolean"}}},
        "Venue": {"type": "object", "properties": {
            "id": id, "area": id, "name": text, "sector": sector, "category": en(&["culture", "education", "science", "sport"]),
            "address": opt_text, "website": opt_text, "accessibility": opt_text, "sales_channels": channels,
            "restrictions": opt_text, "free_cloakroom": {"type": "boolean"},
            "free_assistant_entry": {"type": "boolean", "const": true, "description": "R-VENUE-1: always free"},
            "contact_name": opt_text, "contact_phone": opt_text, "contact_email": opt_text, "active": {"type": "boolean"}}},
        "VenueList": list("Venue"),
        "TokenInput": {"type": "object", "required": ["name"], "properties": {"name": text}},
        "NewToken": {"type": "object", "properties": {"id": id, "name": text, "token": {"type": "string", "description": "Shown once; send as Authorization: Bearer"}}},
        "Token": {"type": "object", "properties": {"id": id, "venue": id, "name": text, "created_at": text, "revoked_at": opt_text}},
        "TokenList": list("Token"),
        "GrantInput": {"type": "object", "required": ["role"], "properties": {
            "role": role, "area": id, "distribution_point": id, "venue": id}},
        "Grant": {"type": "object", "properties": {"id": id, "role": role, "area": id, "distribution_point": id, "venue": id}},
        "AccountInput": {"type": "object", "required": ["username", "password", "grants"], "properties": {
            "username": {"type": "string", "pattern": "^[a-z0-9._@-]{3,64}$"}, "password": {"type": "string", "minLength": 10},
            "grants": list("GrantInput")}},
        "Account": {"type": "object", "properties": {"id": id, "username": text, "active": {"type": "boolean"}, "grants": list("Grant")}},
        "AccountList": list("Account"),
        "AuditEntry": {"type": "object", "properties": {
            "id": id, "at": text, "actor": text, "action": text, "record_type": text, "record_id": id, "area": id, "detail": text}},
        "AuditList": list("AuditEntry"),
        "Counts": {"type": "object", "properties": {"in_stock": {"type": "integer"}, "issued": {"type": "integer"}, "expired": {"type": "integer"}, "void": {"type": "integer"}}},
        "SeriesInput": {"type": "object", "required": ["first", "last"], "properties": {
            "prefix": text, "first": id, "last": id, "width": {"type": ["integer", "null"], "minimum": 1, "maximum": 15},
            "check": en(&["none", "luhn", "mod37"])}},
        "Series": {"type": "object", "properties": {
            "id": id, "area": id, "prefix": text, "first": id, "last": id, "width": {"type": ["integer", "null"]},
            "check": text, "first_code": text, "last_code": text, "counts": {"$ref": "#/components/schemas/Counts"}}},
        "SeriesList": list("Series"),
        "AllocationInput": {"type": "object", "required": ["distribution_point", "first", "last"], "properties": {"distribution_point": id, "first": id, "last": id}},
        "Allocation": {"type": "object", "properties": {
            "id": id, "series": id, "distribution_point": id, "distribution_point_name": text, "first": id, "last": id, "first_code": text, "last_code": text}},
        "SeriesDetail": {"type": "object", "properties": {
            "series": {"$ref": "#/components/schemas/Series"}, "allocations": list("Allocation"),
            "by_point": {"type": "array", "items": {"type": "object", "properties": {"distribution_point": id, "name": opt_text, "counts": {"$ref": "#/components/schemas/Counts"}}}}}},
        "IssueInput": {"type": "object", "properties": {
            "kind": en(&["personal", "community"]), "grant_date": {"type": "string", "format": "date"},
            "birth_year": {"type": "integer"}, "mother_tongue": {"type": "string", "description": "An active code of the national list (GET /api/v1/background-options)"},
            "gender": en(kaiku_core::background::GENDERS),
            "postal_code": {"type": "string", "description": "Five digits, no_permanent_address or not_stated"},
            "minor_children": {"type": "integer", "minimum": 0, "maximum": 20},
            "life_situations": {"type": "array", "items": {"type": "string"}, "description": "Active codes of the national list"},
            "confirmed_at_least_16": {"type": "boolean"}, "distribution_point": id}},
        "Issued": {"type": "object", "properties": {
            "code": text, "kind": text, "valid_from": {"type": "string", "format": "date"}, "valid_until": {"type": "string", "format": "date"},
            "minor_children": {"type": ["integer", "null"]}, "organisation": opt_text, "renewal": {"type": "boolean"}}},
        "VoidInput": {"type": "object", "required": ["reason"], "properties": {"reason": en(kaiku_core::card::VOID_REASONS), "note": opt_text}},
        "Lookup": {"type": "object", "properties": {
            "code": text, "kind": {"type": ["string", "null"]}, "status": en(&["in_stock", "issued", "expired", "void"]),
            "valid_until": {"type": ["string", "null"], "format": "date"}, "usable": {"type": "boolean"},
            "reasons": {"type": "array", "items": {"type": "object", "properties": {"code": text, "rule": text, "message": text}}},
            "item": {"type": "object", "description": "With ?item=: the item; usable and reasons then answer for it (R-USE-1)", "properties": {
                "id": id, "title": text, "type": text, "starts_at": {"type": "string", "format": "date-time"},
                "kaiku_tickets_left": {"type": ["integer", "null"]}, "child_age_under": {"type": "integer"}}}}},
        "UseInput": {"type": "object", "required": ["card_code"], "properties": {
            "card_code": text, "adults": {"type": "integer", "minimum": 0, "default": 1}, "children": {"type": "integer", "minimum": 0, "default": 0},
            "channel": en(&["box_office", "ticket_agency", "phone", "other"]),
            "members": {"type": "array", "items": text, "description": "Group members' own personal card codes (R-COMM-2)"},
            "backlog": {"type": "boolean", "description": "Entered from paper: validity and cap on the item's day, no windows (R-USE-6)"}}},
        "Ticket": {"type": "object", "properties": {
            "id": id, "item": id, "venue": id, "card_code": text, "role": en(&["holder", "member"]), "adults": {"type": "integer"},
            "children": {"type": "integer"}, "channel": text, "status": en(&["reserved", "redeemed", "cancelled"]), "backlog": {"type": "boolean"},
            "used_on": {"type": "string", "format": "date"}, "recorded_at": text, "redeemed_at": opt_text, "cancelled_at": opt_text, "use_id": text}},
        "TicketList": list("Ticket"),
        "SubmitInput": {"type": "object", "required": ["from", "to"], "properties": {
            "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}},
        "Submission": {"type": "object", "properties": {
            "id": id, "venue": id, "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
            "version": {"type": "integer"}, "submitted_at": text, "submitted_by": text, "total_adults": {"type": "integer"},
            "total_children": {"type": "integer"}, "rows": {"type": "integer"},
            "change": {"type": ["object", "null"], "description": "What changed since the previous version", "properties": {
                "previous_version": {"type": "integer"}, "adults_before": {"type": "integer"}, "children_before": {"type": "integer"},
                "added": {"type": "array", "items": {"type": "object"}}, "removed": {"type": "array", "items": {"type": "object"}}}}}},
        "SubmissionList": list("Submission"),
        "VenueStatus": {"type": "object", "properties": {
            "venue": id, "name": text, "submitted": {"oneOf": [{"$ref": "#/components/schemas/Submission"}, {"type": "null"}]},
            "contact_name": opt_text, "contact_phone": opt_text, "contact_email": opt_text}},
        "VenueStatusList": list("VenueStatus"),
        "ImportPreview": {"type": "object", "properties": {
            "id": id, "accepted": {"type": "integer"}, "refused": {"type": "integer"}, "duplicates": {"type": "integer"},
            "notes": {"type": "array", "items": text},
            "rows": {"type": "array", "items": {"type": "object", "properties": {
                "row": {"type": "integer"}, "status": en(&["accepted", "refused", "duplicate"]), "code": text, "reason": text}}}}},
        "ConfirmImport": {"type": "object", "properties": {"only_accepted": {"type": "boolean"}}},
        "ImportDone": {"type": "object", "properties": {"id": id, "kind": {"type": "string", "enum": ["usage", "issuance"]}, "recorded": {"type": "integer"}, "items_created": {"type": "integer"}, "renewals": {"type": "integer"}}},
        "AnonymiseInput": {"type": "object", "required": ["expired_before"], "properties": {
            "expired_before": {"type": "string", "format": "date"}, "dry_run": {"type": "boolean"}}},
        "Anonymised": {"type": "object", "properties": {
            "expired_before": {"type": "string", "format": "date"}, "dry_run": {"type": "boolean"},
            "cards": {"type": "integer"}, "events": {"type": "integer"}}},
        "SubmitYear": {"type": "object", "required": ["year"], "properties": {"year": {"type": "integer"}}},
        "StatisticsSubmission": {"type": "object", "properties": {"id": id, "area": id, "year": {"type": "integer"}, "version": {"type": "integer"}, "submitted_at": text}},
        "NationalStatistics": {"type": "object", "properties": {
            "year": {"type": "integer"}, "source": en(&["submitted", "live"]),
            "areas": {"type": "array", "items": {"type": "object", "properties": {"area": id, "name": text, "version": {"type": ["integer", "null"]},
                "statistics": {"oneOf": [{"$ref": "#/components/schemas/AreaStatistics"}, {"type": "null"}]}}}},
            "total": {"$ref": "#/components/schemas/AreaStatistics"}}},
        "AreaStatistics": {"type": "object", "description": "Breakdowns are lists of {key, label, count}; count is a number, or \"<5\" / \"x\" where suppressed", "properties": {
            "area": id, "area_name": text, "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
            "suppressed": {"type": "boolean"}, "issued_new": {"type": "integer"}, "renewed": {"type": "integer"}, "community_cards": {"type": "integer"},
            "by_distribution_point": {"type": "array", "items": {"type": "object"}}, "by_age_group": {"type": "array", "items": {"type": "object"}},
            "by_gender": {"type": "array", "items": {"type": "object"}}, "by_mother_tongue": {"type": "array", "items": {"type": "object"}},
            "by_postal_area": {"type": "array", "items": {"type": "object"}}, "by_life_situation": {"type": "array", "items": {"type": "object"}},
            "tickets": {"type": "object"}, "by_venue": {"type": "array", "items": {"type": "object"}}, "by_sector": {"type": "array", "items": {"type": "object"}},
            "by_month": {"type": "array", "items": {"type": "object"}}, "by_category": {"type": "array", "items": {"type": "object"}},
            "cards_used": {"type": "integer"}, "valid_cards": {"type": "integer"}, "valid_cards_used": {"type": "integer"},
            "share_used_percent": {"type": ["number", "null"]}}},
        "UsageReport": {"type": "object", "properties": {
            "venue": id, "venue_name": text, "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
            "rows": {"type": "array", "items": {"type": "object", "properties": {
                "card_code": text, "adults": {"type": "integer"}, "children": {"type": "integer"}, "item_title": text,
                "date": {"type": "string", "format": "date"}}}},
            "total_adults": {"type": "integer"}, "total_children": {"type": "integer"}}},
        "Use": {"type": "object", "properties": {
            "use_id": text, "item": id, "item_title": text, "item_type": text, "starts_at": {"type": "string", "format": "date-time"},
            "venue": id, "venue_name": text, "tickets": list("Ticket"),
            "note": {"type": "object", "description": "What to write on the ticket (R-USE-7)", "properties": {
                "adults": {"type": "integer"}, "children": {"type": "integer"}, "free_cloakroom": {"type": "boolean"}, "text": text}},
            "kaiku_tickets_left": {"type": ["integer", "null"]}}},
        "Card": {"type": "object", "properties": {
            "code": text, "kind": {"type": ["string", "null"]}, "status": text, "area": id, "distribution_point": {"type": ["integer", "null"]},
            "allocated_to": {"type": ["integer", "null"]}, "valid_from": {"type": ["string", "null"]}, "valid_until": {"type": ["string", "null"]},
            "minor_children": {"type": ["integer", "null"]}}},
                "CardList": list("Card"),
        "OptionInput": {"type": "object", "required": ["label_fi", "label_sv", "label_en"], "properties": {
            "list": en(&["mother_tongue", "life_situation"]), "code": text, "label_fi": text, "label_sv": text, "label_en": text,
            "active": {"type": "boolean"}}},
        "Option": {"type": "object", "properties": {
            "id": id, "list": text, "code": text, "label_fi": text, "label_sv": text, "label_en": text, "active": {"type": "boolean"}}},
                "OptionList": list("Option"),
        "ItemInput": {"type": "object", "required": ["type", "title", "starts_at", "capacity"], "properties": {
            "type": en(&["event", "course"]), "title": text,
            "starts_at": {"type": "string", "description": "RFC 3339 with offset, Helsinki local YYYY-MM-DDTHH:MM, or a date for a course"},
            "capacity": {"type": "integer", "minimum": 1},
            "class": en(&["default", "small_performance", "very_small_performance", "large_event", "swimming_hall_day", "guest_producer"]),
            "cap": {"type": ["integer", "null"], "minimum": 0}, "booking_opens_days_before": {"type": ["integer", "null"]},
            "redeem_opens_minutes_before": {"type": ["integer", "null"]}, "sold_out": {"type": "boolean"}, "excluded": {"type": "boolean"},
            "exclusion_reason": opt_text, "repeat": en(&["none", "weekly", "daily"]), "repeat_until": {"type": "string", "format": "date"}}},
        "Item": {"type": "object", "properties": {
            "id": id, "venue": id, "type": text, "title": text, "starts_at": {"type": "string", "format": "date-time"},
            "capacity": {"type": "integer"}, "class": text, "cap": {"type": ["integer", "null"]},
            "booking_opens_days_before": {"type": ["integer", "null"]}, "redeem_opens_minutes_before": {"type": ["integer", "null"]},
            "booking_opens_at": {"type": ["string", "null"], "format": "date-time"}, "redemption_opens_at": {"type": ["string", "null"], "format": "date-time"},
            "sold_out": {"type": "boolean"}, "excluded": {"type": "boolean"}, "exclusion_reason": opt_text, "series_id": opt_text,
            "kaiku_tickets_used": {"type": "integer"}, "kaiku_tickets_left": {"type": "integer"}, "series": list("Item")}},
        "ItemList": list("Item"),
        "CapPolicy": {"type": "object", "required": ["effective_from"], "properties": {
            "id": id, "effective_from": {"type": "string", "format": "date"}, "default_percent": {"type": "integer"},
            "small_max_capacity": {"type": "integer"}, "small_min_cap": {"type": "integer"},
            "very_small_max_capacity": {"type": ["integer", "null"], "description": "Trial rule; null when not in force"},
            "large_min_capacity": {"type": "integer"}, "large_min_cap": {"type": "integer"},
            "swimming_min_cap": {"type": ["integer", "null"], "description": "Trial rule; null when not in force"},
            "guest_min_cap": {"type": "integer"}, "guest_max_cap": {"type": "integer"},
            "child_age_under": {"type": "integer", "description": "R-USE-2: companions under this age get child tickets"},
            "suppression_threshold": {"type": "integer", "description": "R-REP-5: background counts below this are hidden outside their area"}}},
                "CapPolicyList": list("CapPolicy"),
        "Catalogue": {"type": "object", "properties": {
            "areas": {"type": "array", "items": {"type": "object"}}, "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
            "venues": {"type": "array", "items": {"type": "object", "description": "Public venue data with its open items and its exclusions"}}}},
        "Record": {"type": "object", "properties": {
            "card": {"$ref": "#/components/schemas/Card"}, "renewable": {"type": "boolean"}, "distribution_point_name": opt_text, "area_name": text,
            "history": {"type": "array", "items": {"type": "object"}}}},
    })
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for (method, path, summary, request, response, status) in OPERATIONS {
        let mut op = json!({
            "summary": summary,
            "responses": {
                "400": error("Bad input; nothing was written"),
                "401": error("Not logged in"),
                "403": error("Not allowed (R-AUTH-1)"),
                "404": error("No such record"),
                "409": error("Conflicts with what is stored"),
                "413": error("Body too large"),
                "415": error("Not JSON (required on writes that ride on the session cookie)"),
            }
        });
        let ok = match response {
            Some(s) => {
                json!({"description": "Done", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{s}")}}}})
            }
            None => json!({"description": "Done"}),
        };
        op["responses"][status.to_string()] = ok;
        if let Some(s) = request {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{s}")}}}});
        }
        if *path == "/login" || path.starts_with("/catalogue") {
            op["security"] = json!([]);
            op["responses"]["429"] = error("Too many failed attempts; see retry_after_minutes");
        }
        let params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| {
                let schema = if name == "code" || name == "use_id" {
                    json!({"type": "string"})
                } else {
                    json!({"type": "integer", "format": "int64"})
                };
                json!({"name": name, "in": "path", "required": true, "schema": schema})
            })
            .collect();
        if !params.is_empty() {
            op["parameters"] = Value::Array(params);
        }
        if *path == "/cards/{code}" {
            op["parameters"]
                .as_array_mut()
                .expect("path parameters")
                .push(json!({"name": "item", "in": "query", "required": false, "schema": {"type": "integer", "format": "int64"}}));
        }
        if *path == "/items/{item}/tickets" && *method == "post" {
            op["parameters"]
                .as_array_mut()
                .expect("path parameters")
                .push(json!({"name": "Idempotency-Key", "in": "header", "required": false, "schema": {"type": "string", "maxLength": 200}}));
            op["responses"]["422"] =
                error("The Idempotency-Key was used before for a different request");
        }
        if *path == "/venues/{venue}/usage-report"
            || (*method == "get"
                && (*path == "/venues/{venue}/usage-report/submissions"
                    || *path == "/areas/{area}/report-submissions"
                    || *path == "/areas/{area}/statistics"))
        {
            let params = op["parameters"].as_array_mut().expect("path parameters");
            for (name, schema) in [
                ("from", json!({"type": "string", "format": "date"})),
                ("to", json!({"type": "string", "format": "date"})),
                (
                    "format",
                    json!({"type": "string", "enum": ["json", "csv", "xlsx"]}),
                ),
            ] {
                params.push(
                    json!({"name": name, "in": "query", "required": false, "schema": schema}),
                );
            }
        }
        if *path == "/statistics" {
            op["parameters"] = json!([
                {"name": "year", "in": "query", "required": false, "schema": {"type": "integer"}},
                {"name": "source", "in": "query", "required": false, "schema": {"type": "string", "enum": ["submitted", "live"]}}
            ]);
        }
        if *path == "/audit-log" {
            op["parameters"] = json!([{"name": "before", "in": "query", "required": false, "schema": {"type": "integer", "format": "int64"}}]);
        }
        let entry = paths
            .entry(format!("/api/v1{path}"))
            .or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "kaiku — Kaikukortti register API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Dates YYYY-MM-DD, times RFC 3339. Errors carry a message in the request's language (Accept-Language: fi, sv, en)."
        },
        "servers": [{"url": "/"}],
        "security": [{"session": []}, {"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "__Host-kaiku_session"},
                "token": {"type": "http", "scheme": "bearer", "description": "A venue's integration token"}
            },
            "schemas": schemas()
        }
    })
}
