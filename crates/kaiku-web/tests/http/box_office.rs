//! The box office over HTTP (SPEC §6: R-USE-1 … R-USE-9, R-COMM-1 … R-COMM-3,
//! R-CAP-2, R-CAP-3, R-TIME-1, R-TIME-2, R-CHAN-1, R-AUTH-2) on both backends.

use crate::common::{self, Resp, TestApp, Who, World, hidden, today, transfer_form};
use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use chrono::{Datelike, Duration, Months, NaiveDate};
use http_body_util::BodyExt;
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};
use tower::ServiceExt;

/// World plus stock E1–E400 at Point A; cards E1…E`issued` issued today
/// with two children on each.
pub(crate) struct Box {
    pub(crate) w: World,
}

pub(crate) async fn setup(app: &TestApp, issued: usize) -> Box {
    let w = World::new(app).await;
    World::stock(app, &w.coord_a, w.a, "E", 1..=400, &[(w.pa, 1..=400)]).await;
    for n in 1..=issued {
        common::issued(app, &w.issuer_a, &format!("E{n}"), transfer_form(2)).await;
    }
    Box { w }
}

/// An event at the venue `days` from today at 19:00 Helsinki time.
pub(crate) async fn event(app: &TestApp, who: &Who, venue: i64, days: i64, extra: Value) -> i64 {
    let day = today() + Duration::days(days);
    let mut body = json!({"type": "event", "title": "Trollkarlen Matti",
        "starts_at": format!("{day}T19:00"), "capacity": 100, "class": "default"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    item(app, who, venue, body).await
}

async fn item(app: &TestApp, who: &Who, venue: i64, body: Value) -> i64 {
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/venues/{venue}/items"),
            who,
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

async fn record(app: &TestApp, who: &Who, item: i64, body: Value) -> Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/items/{item}/tickets"),
        who,
        Some(body),
    )
    .await
}

/// The reason codes of every refused card, in order.
fn reasons(r: &Resp) -> Vec<(String, Vec<String>)> {
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    r.json()["error"]["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                // A code that names no card is not repeated: its place is.
                c["card_code"]
                    .as_str()
                    .map_or_else(|| format!("#{}", c["position"]), str::to_string),
                c["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["code"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn one(r: &Resp) -> Vec<String> {
    let all = reasons(r);
    assert_eq!(all.len(), 1, "{all:?}");
    all[0].1.clone()
}

async fn used(app: &TestApp, who: &Who, item: i64) -> i64 {
    app.api(Method::GET, &format!("/api/v1/items/{item}"), who, None)
        .await
        .json()["kaiku_tickets_used"]
        .as_i64()
        .unwrap()
}

on_both!(
    r_use_1_every_reason_from_a_real_request,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 6).await;
        let staff = &w.staff_a;
        let show = event(&app, staff, w.va, 10, json!({"cap": 20})).await;
        let excluded = event(
            &app,
            staff,
            w.va,
            10,
            json!({"excluded": true, "exclusion_reason": "Touring production"}),
        )
        .await;
        let sold_out = event(&app, staff, w.va, 11, json!({"sold_out": true})).await;
        let small = event(&app, staff, w.va, 12, json!({"cap": 5})).await;
        let later = event(
            &app,
            staff,
            w.va,
            40,
            json!({"booking_opens_days_before": 30}),
        )
        .await;
        let after_expiry = event(&app, staff, w.va, 400, json!({})).await;
        let yesterday = event(&app, staff, w.va, -1, json!({})).await;
        let course = item(
            &app,
            staff,
            w.va,
            json!({"type": "course", "title": "Ceramics", "starts_at": (today() + Duration::days(20)).to_string(), "capacity": 12, "cap": 2}),
        )
        .await;
        common::issued(&app, &w.issuer_a, "E50", json!({"kind": "community"})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E6/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK, "{}", void.text());

        let ok = record(
            &app,
            staff,
            show,
            json!({"card_code": "e-1", "children": 2}),
        )
        .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
        assert_eq!(ok.json()["note"]["adults"], 1);
        assert_eq!(ok.json()["note"]["children"], 2);

        for (item, body, want) in [
            (show, json!({"card_code": "E399"}), "card_not_issued"),
            (show, json!({"card_code": "X1"}), "card_unknown"),
            (show, json!({"card_code": "E6"}), "card_void"),
            (
                after_expiry,
                json!({"card_code": "E2"}),
                "card_expired_on_item_day",
            ),
            (excluded, json!({"card_code": "E2"}), "item_excluded"),
            (sold_out, json!({"card_code": "E2"}), "item_sold_out"),
            (
                small,
                json!({"card_code": "E2", "children": 2, "members": ["E3", "E4", "E5"]}),
                "cap_reached",
            ),
            (later, json!({"card_code": "E2"}), "before_booking_window"),
            (
                course,
                json!({"card_code": "E2", "children": 1}),
                "course_with_companions",
            ),
            (
                course,
                json!({"card_code": "E50"}),
                "course_with_community_card",
            ),
            (show, json!({"card_code": "E1"}), "already_has_ticket"),
            (
                show,
                json!({"card_code": "E2", "channel": "web_shop"}),
                "web_shop",
            ),
            (
                show,
                json!({"card_code": "E2", "channel": "fax"}),
                "unknown_channel",
            ),
            (
                show,
                json!({"card_code": "E2", "children": 3}),
                "too_many_children",
            ),
            (
                show,
                json!({"card_code": "E2", "adults": 0}),
                "no_holder_ticket",
            ),
            (yesterday, json!({"card_code": "E2"}), "item_over"),
        ] {
            let r = record(&app, staff, item, body.clone()).await;
            let codes = reasons(&r);
            assert!(
                codes.iter().any(|(_, rs)| rs.iter().any(|c| c == want)),
                "{body}: wanted {want}, got {codes:?}"
            );
            assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
        }
        // The cap shows how many are left (R-USE-1).
        let r = record(
            &app,
            staff,
            small,
            json!({"card_code": "E2", "children": 2, "members": ["E3", "E4", "E5"]}),
        )
        .await;
        assert_eq!(r.json()["error"]["code"], "cap_reached");
        assert!(r.json()["error"]["message"].as_str().unwrap().contains('5'));
        // R-AREA-1: a local-only area's cards stay at home.
        let put = app
            .api(
                Method::PUT,
                &format!("/api/v1/areas/{}", w.a),
                &w.admin,
                Some(json!({"name": "Area A", "local_only": true})),
            )
            .await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.text());
        let coord_b_item = {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/venues/{}/items", w.vb),
                    &w.admin,
                    Some(json!({"type": "event", "title": "Show B", "starts_at": format!("{}T19:00", today() + Duration::days(5)), "capacity": 100})),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            r.json()["id"].as_i64().unwrap()
        };
        // Checked at the box office of the other area's venue (R-AUTH-6:
        // only a box office the caller serves checks a card for an item).
        let look = app
            .api(
                Method::GET,
                &format!("/api/v1/cards/E2?item={coord_b_item}"),
                &w.coord_b,
                None,
            )
            .await;
        assert_eq!(look.json()["usable"], false, "{}", look.text());
        assert_eq!(look.json()["reasons"][0]["code"], "card_local_only");
        assert_eq!(look.json()["reasons"][0]["rule"], "R-AREA-1");
        // Nothing but the first use was recorded.
        assert_eq!(app.count("tickets").await, 1);
        assert_eq!(
            used(&app, staff, show).await,
            3,
            "R-CAP-3: adults and children"
        );
    }
);

on_both!(
    r_auth_2_check_for_an_item_answers_usable_and_tickets_left,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 2).await;
        let show = event(&app, &w.staff_a, w.va, 3, json!({"cap": 10})).await;
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/cards/E1?item={show}"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let j = r.json();
        assert_eq!(j["usable"], true);
        assert_eq!(j["item"]["kaiku_tickets_left"], 10);
        assert_eq!(j["kind"], "personal");
        assert!(j.get("birth_year").is_none() && j.get("minor_children").is_none());
        assert!(!r.text().contains("80100"), "no background data (R-AUTH-2)");
        record(&app, &w.token_a, show, json!({"card_code": "E1"})).await;
        let again = app
            .api(
                Method::GET,
                &format!("/api/v1/cards/E1?item={show}"),
                &w.staff_a,
                None,
            )
            .await
            .json();
        assert_eq!(again["usable"], false);
        assert_eq!(again["reasons"][0]["code"], "already_has_ticket");
        assert_eq!(again["item"]["kaiku_tickets_left"], 9);
        // Anyone at work may look a card up (a card is national), but only
        // the box office of the item's venue checks it for an item
        // (R-AUTH-6): for others the item is as unknown as a missing one.
        let plain = app
            .api(Method::GET, "/api/v1/cards/E2", &w.issuer_a, None)
            .await;
        assert_eq!(plain.status, StatusCode::OK);
        let other = app
            .api(
                Method::GET,
                &format!("/api/v1/cards/E2?item={show}"),
                &w.issuer_a,
                None,
            )
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.text());
        let missing = app
            .api(
                Method::GET,
                "/api/v1/cards/E2?item=999999",
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
);

/// The records of a race that were made, and those refused as over the cap.
async fn tally(tasks: Vec<tokio::task::JoinHandle<(StatusCode, Value)>>) -> (usize, usize) {
    let (mut ok, mut cap) = (0, 0);
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            StatusCode::CREATED => ok += 1,
            StatusCode::CONFLICT => {
                assert_eq!(body["error"]["code"], "cap_reached", "{body}");
                cap += 1;
            }
            s => panic!("unexpected {s}: {body}"),
        }
    }
    (ok, cap)
}

/// Sends a record request from its own task, as a separate box office would.
async fn spawn_record(
    app: &TestApp,
    who: &Who,
    item: i64,
    body: Value,
    key: Option<String>,
) -> tokio::task::JoinHandle<(StatusCode, Value)> {
    spawn_record_to(&app.router, who, item, body, key)
}

/// The same, to a given server.
fn spawn_record_to(
    router: &axum::Router,
    who: &Who,
    item: i64,
    body: Value,
    key: Option<String>,
) -> tokio::task::JoinHandle<(StatusCode, Value)> {
    let router = router.clone();
    let mut b = TestApp::request(Method::POST, &format!("/api/v1/items/{item}/tickets"), who)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        b = b.header("idempotency-key", k);
    }
    let req = b.body(Body::from(body.to_string())).unwrap();
    tokio::spawn(async move {
        let res = router.oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    })
}

on_both!(
    r_use_4_two_hundred_concurrent_records_against_cap_five,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 200).await;
        let show = event(&app, &w.staff_a, w.va, 5, json!({"cap": 5})).await;
        let mut tasks = vec![];
        for n in 1..=200 {
            tasks.push(
                spawn_record(
                    &app,
                    &w.token_a,
                    show,
                    json!({"card_code": format!("E{n}")}),
                    None,
                )
                .await,
            );
        }
        assert_eq!(tally(tasks).await, (5, 195));
        assert_eq!(used(&app, &w.staff_a, show).await, 5);
        assert_eq!(app.count("tickets").await, 5);
    }
);

on_both!(
    r_use_5_a_cancellation_racing_records_frees_exactly_its_place,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 40).await;
        let show = event(&app, &w.staff_a, w.va, 5, json!({"cap": 5})).await;
        let mut first = None;
        for n in 1..=5 {
            let r = record(
                &app,
                &w.token_a,
                show,
                json!({"card_code": format!("E{n}")}),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED);
            first.get_or_insert(r.json()["tickets"][0]["id"].as_i64().unwrap());
        }
        let cancel = {
            let router = app.router.clone();
            let req = TestApp::request(
                Method::POST,
                &format!("/api/v1/tickets/{}/cancel", first.unwrap()),
                &w.token_a,
            )
            .body(Body::empty())
            .unwrap();
            tokio::spawn(async move { router.oneshot(req).await.unwrap().status() })
        };
        let mut tasks = vec![];
        for n in 6..=40 {
            tasks.push(
                spawn_record(
                    &app,
                    &w.token_a,
                    show,
                    json!({"card_code": format!("E{n}")}),
                    None,
                )
                .await,
            );
        }
        assert_eq!(cancel.await.unwrap(), StatusCode::OK);
        let mut ok = 0;
        for t in tasks {
            if t.await.unwrap().0 == StatusCode::CREATED {
                ok += 1;
            }
        }
        assert!(ok <= 1, "only the freed place can be taken: {ok}");
        let live = used(&app, &w.staff_a, show).await;
        assert_eq!(live, 4 + ok);
        let list = app
            .api(
                Method::GET,
                &format!("/api/v1/items/{show}/tickets"),
                &w.token_a,
                None,
            )
            .await
            .json();
        let counted = list
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["status"] != "cancelled")
            .count() as i64;
        assert_eq!(counted, live, "the counter equals the live tickets");
        let again = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{}/cancel", first.unwrap()),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.error_code(), "ticket_already_cancelled");
        assert_eq!(
            used(&app, &w.staff_a, show).await,
            live,
            "a second cancel frees nothing"
        );
    }
);

on_both!(
    r_use_9_the_same_key_twice_records_once,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        let show = event(&app, &w.staff_a, w.va, 5, json!({})).await;
        let send = |key: &'static str, code: &'static str| {
            let app = &app;
            let who = w.token_a.clone();
            async move {
                let req =
                    TestApp::request(Method::POST, &format!("/api/v1/items/{show}/tickets"), &who)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header("idempotency-key", key)
                        .body(Body::from(
                            json!({"card_code": code, "children": 1}).to_string(),
                        ))
                        .unwrap();
                app.send(req).await
            }
        };
        let a = send("retry-1", "E1").await;
        let b = send("retry-1", "E1").await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
        assert_eq!(b.status, StatusCode::CREATED, "{}", b.text());
        assert_eq!(a.json(), b.json(), "the first answer again");
        assert_eq!(b.headers.get("idempotent-replayed").unwrap(), "true");
        assert_eq!(app.count("tickets").await, 1);
        let other = send("retry-1", "E2").await;
        assert_eq!(
            other.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            other.text()
        );
        assert_eq!(other.error_code(), "idempotency_key_reused");
        // Ten at once under one key: one use, ten equal answers.
        let mut tasks = vec![];
        for _ in 0..10 {
            tasks.push(
                spawn_record(
                    &app,
                    &w.token_a,
                    show,
                    json!({"card_code": "E3"}),
                    Some("burst".into()),
                )
                .await,
            );
        }
        let mut ids = vec![];
        for t in tasks {
            let (status, body) = t.await.unwrap();
            assert_eq!(status, StatusCode::CREATED, "{body}");
            ids.push(body["use_id"].as_str().unwrap().to_string());
        }
        ids.dedup();
        assert_eq!(ids.len(), 1);
        assert_eq!(app.count("tickets").await, 2);
        // A key is the caller's own: another caller's "retry-1" is new.
        let staff = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{show}/tickets"),
                &w.staff_a,
                Some(json!({"card_code": "E2"})),
            )
            .await;
        assert_eq!(staff.status, StatusCode::CREATED);
    }
);

on_both!(
    r_comm_2_group_visit_with_one_refused_member_records_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 4).await;
        common::issued(&app, &w.issuer_a, "E60", json!({"kind": "community"})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E4/void",
                &w.issuer_a,
                Some(json!({"reason": "returned"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK);
        let show = event(&app, &w.staff_a, w.va, 5, json!({"cap": 10})).await;
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E60", "children": 3, "members": ["E1", "E4", "E2", "E77"]}),
        )
        .await;
        assert_eq!(
            reasons(&r),
            [
                ("E4".to_string(), vec!["card_void".to_string()]),
                ("E77".to_string(), vec!["card_not_issued".to_string()])
            ]
        );
        assert_eq!(app.count("tickets").await, 0);
        assert_eq!(used(&app, &w.staff_a, show).await, 0);
        // R-COMM-1: the employee, three clients under 16, two members with their own cards.
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E60", "children": 3, "members": ["E1", "E2"], "channel": "phone"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let j = r.json();
        let tickets = j["tickets"].as_array().unwrap();
        assert_eq!(
            tickets.len(),
            3,
            "each member's code recorded as its own use"
        );
        assert_eq!(tickets[0]["card_code"], "E60");
        assert_eq!(tickets[0]["role"], "holder");
        assert_eq!(tickets[0]["children"], 3);
        assert_eq!(tickets[1]["role"], "member");
        assert!(
            tickets
                .iter()
                .all(|t| t["channel"] == "phone" && t["use_id"] == j["use_id"])
        );
        assert_eq!(j["note"]["adults"], 3);
        assert_eq!(j["note"]["children"], 3);
        assert_eq!(used(&app, &w.staff_a, show).await, 6);
        // A member twice, and a community card as a member, are refused.
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E3", "members": ["E60", "E3"]}),
        )
        .await;
        let all = reasons(&r);
        assert!(
            all.iter()
                .any(|(c, rs)| c == "E60" && rs.contains(&"member_not_personal".to_string())),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|(c, rs)| c == "E3" && rs.contains(&"duplicate_card".to_string())),
            "{all:?}"
        );
        // The whole visit can be cancelled at once, freeing the cap.
        let first = tickets[0]["id"].as_i64().unwrap();
        let c = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{first}/cancel?whole_use=true"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(c.status, StatusCode::OK, "{}", c.text());
        assert_eq!(used(&app, &w.staff_a, show).await, 0);
    }
);

on_both!(
    r_use_6_validity_on_the_items_day_and_expiry_at_helsinki_midnight,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 0).await;
        // Granted eleven months ago: valid until a month from now.
        let granted = today().checked_sub_months(Months::new(11)).unwrap();
        let until = granted.checked_add_months(Months::new(12)).unwrap();
        common::issued(&app, &w.issuer_a, "E10", json!({"grant_date": granted.to_string(), "birth_year": 1980, "mother_tongue": "fi", "gender": "man", "postal_code": "not_stated", "minor_children": 0, "life_situations": [], "confirmed_at_least_16": true})).await;
        let at = |day: NaiveDate, time: &str| json!({"type": "event", "title": "Late show", "starts_at": format!("{day}T{time}"), "capacity": 100});
        let last_evening = item(&app, &w.staff_a, w.va, at(until, "23:30")).await;
        let next_night = item(
            &app,
            &w.staff_a,
            w.va,
            at(until + Duration::days(1), "00:15"),
        )
        .await;
        let r = record(&app, &w.token_a, last_evening, json!({"card_code": "E10"})).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "valid through its last day: {}",
            r.text()
        );
        let r = record(&app, &w.token_a, next_night, json!({"card_code": "E10"})).await;
        assert_eq!(one(&r), ["card_expired_on_item_day"]);
        // Backlog from paper: a visit before the grant date is refused on
        // that date's validity; a past visit inside it is recorded as collected,
        // with no window applied.
        let before = item(
            &app,
            &w.staff_a,
            w.va,
            at(granted - Duration::days(3), "18:00"),
        )
        .await;
        let inside = item(
            &app,
            &w.staff_a,
            w.va,
            json!({"type": "event", "title": "Matinee", "starts_at": format!("{}T14:00", today() - Duration::days(20)), "capacity": 100, "booking_opens_days_before": 1, "cap": 5}),
        )
        .await;
        let r = record(
            &app,
            &w.staff_a,
            before,
            json!({"card_code": "E10", "backlog": true}),
        )
        .await;
        assert_eq!(one(&r), ["card_not_yet_valid"]);
        let r = record(&app, &w.staff_a, inside, json!({"card_code": "E10"})).await;
        assert_eq!(one(&r), ["item_over"], "a past day needs the backlog");
        let r = record(
            &app,
            &w.staff_a,
            inside,
            json!({"card_code": "E10", "backlog": true}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["tickets"][0]["status"], "redeemed");
        assert_eq!(r.json()["tickets"][0]["backlog"], true);
        assert_eq!(
            r.json()["tickets"][0]["used_on"],
            (today() - Duration::days(20)).to_string()
        );
        // The backlog flag does not open the future: a month ahead, before
        // its booking window, with a redemption window, it is refused as any
        // booking is, and once in the window it is an ordinary reservation
        // that cannot be redeemed early.
        let ahead = item(
            &app,
            &w.staff_a,
            w.va,
            json!({"type": "event", "title": "Kevätkonsertti", "starts_at": format!("{}T19:00", today() + Duration::days(30)), "capacity": 100, "booking_opens_days_before": 7, "redeem_opens_minutes_before": 30, "cap": 5}),
        )
        .await;
        let r = record(
            &app,
            &w.staff_a,
            ahead,
            json!({"card_code": "E10", "backlog": true}),
        )
        .await;
        assert_eq!(one(&r), ["before_booking_window"]);
        let open = item(
            &app,
            &w.staff_a,
            w.va,
            json!({"type": "event", "title": "Iltakonsertti", "starts_at": format!("{}T19:00", today() + Duration::days(3)), "capacity": 100, "booking_opens_days_before": 7, "redeem_opens_minutes_before": 30, "cap": 5}),
        )
        .await;
        let r = record(
            &app,
            &w.staff_a,
            open,
            json!({"card_code": "E10", "backlog": true}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let ticket = &r.json()["tickets"][0];
        assert_eq!(ticket["status"], "reserved");
        assert_eq!(ticket["backlog"], false);
        let redeem = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{}/redeem", ticket["id"]),
                &w.staff_a,
                None,
            )
            .await;
        assert_eq!(redeem.status, StatusCode::CONFLICT, "{}", redeem.text());
        assert_eq!(redeem.error_code(), "before_redemption_window");
    }
);

on_both!(
    r_time_2_redemption_window_and_r_use_5_lifecycle,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 2).await;
        let later = event(
            &app,
            &w.staff_a,
            w.va,
            2,
            json!({"redeem_opens_minutes_before": 30, "cap": 5}),
        )
        .await;
        let now_on = item(
            &app,
            &w.staff_a,
            w.va,
            json!({"type": "event", "title": "Open day", "starts_at": chrono::Utc::now().to_rfc3339(), "capacity": 100, "redeem_opens_minutes_before": 30}),
        )
        .await;
        let r = record(&app, &w.token_a, later, json!({"card_code": "E1"})).await;
        let t = r.json()["tickets"][0]["id"].as_i64().unwrap();
        assert_eq!(r.json()["tickets"][0]["status"], "reserved");
        let early = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{t}/redeem"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        assert_eq!(early.error_code(), "before_redemption_window");
        assert_eq!(early.json()["error"]["rule"], "R-TIME-2");
        let r = record(&app, &w.token_a, now_on, json!({"card_code": "E1"})).await;
        let t2 = r.json()["tickets"][0]["id"].as_i64().unwrap();
        let ok = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{t2}/redeem"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
        assert_eq!(ok.json()["tickets"][0]["status"], "redeemed");
        let twice = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{t2}/redeem"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(twice.error_code(), "ticket_already_redeemed");
        // A redeemed ticket may still be cancelled, which frees the cap.
        let c = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{t}/cancel"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(c.status, StatusCode::OK);
        assert_eq!(used(&app, &w.staff_a, later).await, 0);
        let after = app
            .api(
                Method::POST,
                &format!("/api/v1/tickets/{t}/redeem"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(after.error_code(), "ticket_cancelled");
        // R-USE-3: after a cancellation the card may come again.
        let again = record(&app, &w.token_a, later, json!({"card_code": "E1"})).await;
        assert_eq!(again.status, StatusCode::CREATED);
    }
);

on_both!(
    r_auth_2_tokens_do_exactly_the_box_office_of_their_venue,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        let a_item = event(&app, &w.staff_a, w.va, 3, json!({})).await;
        let b_item = event(&app, &w.admin, w.vb, 3, json!({})).await;
        let body = |c: &str| json!({"card_code": c});
        // Allowed at its own venue: record, list, read, redeem, cancel.
        let r = record(&app, &w.token_a, a_item, body("E1")).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let t = r.json()["tickets"][0]["id"].as_i64().unwrap();
        let u = r.json()["use_id"].as_str().unwrap().to_string();
        for path in [
            format!("/api/v1/items/{a_item}/tickets"),
            format!("/api/v1/tickets/{t}"),
            format!("/api/v1/uses/{u}"),
        ] {
            assert_eq!(
                app.api(Method::GET, &path, &w.token_a, None).await.status,
                StatusCode::OK,
                "{path}"
            );
        }
        assert_eq!(
            app.api(
                Method::POST,
                &format!("/api/v1/tickets/{t}/cancel"),
                &w.token_a,
                None
            )
            .await
            .status,
            StatusCode::OK
        );
        // Another venue's items are as unknown to it as missing ones
        // (R-AUTH-6); everything but the box office is refused.
        assert_eq!(
            record(&app, &w.token_a, b_item, body("E2")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(
                Method::GET,
                &format!("/api/v1/items/{b_item}/tickets"),
                &w.token_a,
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let item_body = json!({"type": "event", "title": "X", "starts_at": format!("{}T19:00", today() + Duration::days(9)), "capacity": 10});
        assert_eq!(
            app.api(
                Method::POST,
                &format!("/api/v1/venues/{}/items", w.va),
                &w.token_a,
                Some(item_body)
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        // People: the venue's staff and its coordinator; not an issuer, not
        // the national admin (no card codes), not another area's venue.
        assert_eq!(
            record(&app, &w.staff_a, a_item, body("E2")).await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            record(&app, &w.coord_a, a_item, body("E3")).await.status,
            StatusCode::CREATED
        );
        for who in [&w.issuer_a, &w.admin] {
            assert_eq!(
                record(&app, who, a_item, body("E1")).await.status,
                StatusCode::FORBIDDEN
            );
            assert_eq!(
                app.api(
                    Method::GET,
                    &format!("/api/v1/items/{a_item}/tickets"),
                    who,
                    None
                )
                .await
                .status,
                StatusCode::FORBIDDEN
            );
            assert_eq!(
                app.api(
                    Method::POST,
                    &format!("/api/v1/tickets/{t}/redeem"),
                    who,
                    None
                )
                .await
                .status,
                StatusCode::FORBIDDEN
            );
        }
        assert_eq!(
            record(&app, &w.staff_a, b_item, body("E1")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            record(&app, &Who::Anon, a_item, body("E1")).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    r_use_1_bad_input_is_a_clear_400_and_writes_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 1).await;
        let show = event(&app, &w.staff_a, w.va, 3, json!({})).await;
        for (body, field) in [
            (json!({"card_code": "E1", "adults": -1}), "adults"),
            (json!({"card_code": "E1", "children": 1000}), "children"),
            (json!({"card_code": "E1?"}), "card_code"),
            (json!({"card_code": ""}), "card_code"),
            (json!({"card_code": "E1", "members": ["E2!"]}), "members"),
        ] {
            let r = record(&app, &w.token_a, show, body.clone()).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
            assert_eq!(r.json()["error"]["field"], field, "{body}");
        }
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E1", "children": "many"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "malformed_body");
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E1", "name": "Matti"}),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "no field for a holder's name (R-USE-8)"
        );
        assert!(!r.text().contains("Matti"));
        let r = record(&app, &w.token_a, 987654, json!({"card_code": "E1"})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let long = "k".repeat(300);
        let req = TestApp::request(
            Method::POST,
            &format!("/api/v1/items/{show}/tickets"),
            &w.token_a,
        )
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", long.as_str())
        .body(Body::from(json!({"card_code": "E1"}).to_string()))
        .unwrap();
        assert_eq!(app.send(req).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.count("tickets").await, 0);
        assert_eq!(app.count("idempotency_keys").await, 0);
    }
);

on_both!(
    r_use_7_box_office_screen_checks_records_once_and_prints_the_note,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 2).await;
        let show = event(&app, &w.staff_a, w.va, 0, json!({"cap": 10})).await;
        let r = app.get("/box-office", &w.staff_a).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let screen = format!("/venues/{}/box-office", w.va);
        assert_eq!(r.location(), screen);
        let page = app.get(&screen, &w.staff_a).await.text();
        assert!(
            page.contains(&format!("<option value=\"{show}\" selected")),
            "today's item preselected"
        );
        assert!(page.contains(
            "name=\"card_code\" id=\"f-card_code\" value=\"\" autocomplete=\"off\" autofocus"
        ));
        // Enter checks …
        let checked = app
            .get(
                &format!("{screen}?item={show}&card_code=e1&adults=1&children=2"),
                &w.staff_a,
            )
            .await;
        assert_eq!(checked.status, StatusCode::OK);
        let html = checked.text();
        assert!(
            html.contains("class=\"big-button\" autofocus"),
            "one more key records"
        );
        let key = hidden(&html, "idempotency_key").expect("a retry token in the form");
        assert_eq!(app.count("tickets").await, 0, "a check writes nothing");
        // … and Enter again records; a double press records once.
        let fields = [
            ("item", show.to_string()),
            ("card_code", "e1".into()),
            ("adults", "1".into()),
            ("children", "2".into()),
            ("members", String::new()),
            ("channel", "box_office".into()),
            ("backlog", String::new()),
            ("idempotency_key", key),
        ];
        let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let first = app.form(&screen, &w.staff_a, &f).await;
        let second = app.form(&screen, &w.staff_a, &f).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.text());
        assert_eq!(first.location(), second.location());
        assert_eq!(app.count("tickets").await, 1);
        let note = app.get(&first.location(), &w.staff_a).await.text();
        assert!(
            note.contains("Kaikukortti · Aikuisia 1, lapsia 2 · Maksuton narikka"),
            "{note}"
        );
        assert!(note.contains("data-print"));
        // A refusal is large, in words, and records nothing.
        let refused = app
            .get(&format!("{screen}?item={show}&card_code=E1"), &w.staff_a)
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        let html = refused.text();
        assert!(html.contains("verdict no") && html.contains("ei maksuttomia lippuja"));
        assert!(html.contains("Tällä kortilla on jo lippu tähän tapahtumaan"));
        // Redeem and cancel from the confirmation page.
        let list = app
            .api(
                Method::GET,
                &format!("/api/v1/items/{show}/tickets"),
                &w.staff_a,
                None,
            )
            .await
            .json();
        let t = list[0]["id"].as_i64().unwrap();
        let r = app
            .form(&format!("/tickets/{t}/cancel"), &w.staff_a, &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(used(&app, &w.staff_a, show).await, 0);
        let before = app.count("audit_log").await;
        let tickets_page = app.get(&format!("/items/{show}/tickets"), &w.staff_a).await;
        assert_eq!(
            app.count("audit_log").await,
            before + 1,
            "R-AUTH-4: a listing of card codes with their uses is audited"
        );
        assert_eq!(tickets_page.status, StatusCode::OK);
        assert!(tickets_page.text().contains("Peruttu"));
        // Forms need their CSRF token.
        let forged = app.form_raw(&screen, &w.staff_a, &f).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    r_comm_2_a_group_refused_for_a_member_is_headed_by_the_members_card,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        common::issued(&app, &w.issuer_a, "E60", json!({"kind": "community"})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E3/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK);
        let show = event(&app, &w.staff_a, w.va, 0, json!({"cap": 10})).await;
        let screen = format!("/venues/{}/box-office", w.va);
        let page = app
            .get(
                &format!("{screen}?item={show}&card_code=E60&members=E1%0AE3"),
                &w.staff_a,
            )
            .await;
        assert_eq!(page.status, StatusCode::CONFLICT);
        let html = page.text();
        // The member's card heads the answer, and the shown card is said to be fine.
        assert!(
            html.contains("<strong>E3: ei maksuttomia lippuja</strong>"),
            "{html}"
        );
        assert!(html.contains("Näytetty kortti E60 kävisi"), "{html}");
        assert!(!html.contains("<strong>E60: ei maksuttomia lippuja</strong>"));
        // The shown card refused itself: headed by it, as before.
        let page = app
            .get(&format!("{screen}?item={show}&card_code=E3"), &w.staff_a)
            .await;
        assert!(
            page.text()
                .contains("<strong>E3: ei maksuttomia lippuja</strong>")
        );
        assert!(!page.text().contains("Näytetty kortti"));
    }
);

on_both!(
    r_cap_3_the_cap_counts_adults_and_children_not_cancelled,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        let show = event(&app, &w.staff_a, w.va, 4, json!({"cap": 5})).await;
        let first = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E1", "children": 2}),
        )
        .await;
        assert_eq!(
            first.json()["kaiku_tickets_left"],
            2,
            "one adult and two children"
        );
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E2", "children": 2}),
        )
        .await;
        assert_eq!(one(&r), ["cap_reached"]);
        let t = first.json()["tickets"][0]["id"].as_i64().unwrap();
        app.api(
            Method::POST,
            &format!("/api/v1/tickets/{t}/cancel"),
            &w.token_a,
            None,
        )
        .await;
        let r = record(
            &app,
            &w.token_a,
            show,
            json!({"card_code": "E2", "children": 2}),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "a cancelled ticket no longer counts"
        );
        assert_eq!(r.json()["kaiku_tickets_left"], 2);
        assert_eq!(used(&app, &w.staff_a, show).await, 3);
    }
);

on_both!(
    r_use_8_a_use_asks_and_stores_nothing_but_the_card,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 1).await;
        let show = event(&app, &w.staff_a, w.va, 4, json!({})).await;
        for (field, value) in [
            ("name", "Matti Meikäläinen"),
            ("birth_date", "1980-03-04"),
            ("phone", "0401234567"),
            ("identity_code", "131052-308T"),
        ] {
            let mut body = json!({"card_code": "E1"});
            body[field] = json!(value);
            let r = record(&app, &w.token_a, show, body).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}");
            assert!(!r.text().contains(value), "never echoed (R-PRIV-1)");
        }
        assert_eq!(app.count("tickets").await, 0);
        let r = record(&app, &w.token_a, show, json!({"card_code": "E1"})).await;
        let mut keys: Vec<String> = r.json()["tickets"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "adults",
                "backlog",
                "cancelled_at",
                "card_code",
                "channel",
                "children",
                "id",
                "item",
                "recorded_at",
                "redeemed_at",
                "role",
                "status",
                "use_id",
                "used_on",
                "venue"
            ],
            "a ticket holds the card code and counts, nothing of the holder"
        );
    }
);

on_both!(
    r_rep_2_a_settled_use_is_cancelled_only_as_a_correction,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        let cancel = |t: i64, who: &Who, body: Option<Value>| {
            let app = &app;
            let who = who.clone();
            async move {
                app.api(
                    Method::POST,
                    &format!("/api/v1/tickets/{t}/cancel"),
                    &who,
                    body,
                )
                .await
            }
        };
        // Yesterday's concert, entered from paper: its day is over.
        let granted = today() - Duration::days(10);
        common::issued(
            &app,
            &w.issuer_a,
            "E5",
            common::with(transfer_form(0), "grant_date", json!(granted.to_string())),
        )
        .await;
        let yesterday = event(&app, &w.staff_a, w.va, -1, json!({})).await;
        let r = record(
            &app,
            &w.staff_a,
            yesterday,
            json!({"card_code": "E5", "backlog": true}),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let t = r.json()["tickets"][0]["id"].as_i64().unwrap();
        let r = cancel(t, &w.staff_a, Some(json!({}))).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "cancel_day_over");
        assert_eq!(used(&app, &w.staff_a, yesterday).await, 1, "nothing freed");
        let reason = json!({"correction": "kirjattu väärälle kortille"});
        let r = cancel(t, &w.token_a, Some(reason.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        assert_eq!(r.error_code(), "correction_by_person");
        let r = cancel(
            t,
            &w.staff_a,
            Some(json!({"correction": "asiakas 131052-308T"})),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        let r = cancel(t, &w.staff_a, Some(reason.clone())).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["tickets"][0]["status"], "cancelled");
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "ticket.correct")
        );
        // Today's concert in a submitted month: the report is settled.
        let tonight = event(&app, &w.staff_a, w.va, 0, json!({})).await;
        let r = record(&app, &w.staff_a, tonight, json!({"card_code": "E2"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let t2 = r.json()["tickets"][0]["id"].as_i64().unwrap();
        let day = today();
        let month = json!({"from": day.with_day(1).unwrap().to_string(), "to": day.to_string()});
        let subs = format!("/api/v1/venues/{}/usage-report/submissions", w.va);
        let r = app
            .api(Method::POST, &subs, &w.staff_a, Some(month.clone()))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // Recording into the submitted month is a correction too.
        let r = record(&app, &w.staff_a, tonight, json!({"card_code": "E3"})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "period_submitted_record");
        let late = json!({"card_code": "E3", "correction": "paperilta jälkikäteen"});
        let r = record(&app, &w.token_a, tonight, late.clone()).await;
        assert_eq!(r.error_code(), "correction_by_person");
        let r = record(&app, &w.staff_a, tonight, late).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = cancel(t2, &w.staff_a, Some(json!({}))).await;
        assert_eq!(r.error_code(), "period_submitted");
        let r = cancel(t2, &w.coord_a, Some(reason)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let versions = format!(
            "{subs}?from={}&to={}",
            month["from"].as_str().unwrap(),
            month["to"].as_str().unwrap()
        );
        let listed = app.get(&versions, &w.staff_a).await.json();
        assert_eq!(listed[0]["pending_correction"], true, "{listed}");
        // Submitting the corrected version settles it again.
        app.api(Method::POST, &subs, &w.staff_a, Some(month.clone()))
            .await;
        let listed = app.get(&versions, &w.staff_a).await.json();
        assert_eq!(listed[0]["pending_correction"], false, "{listed}");
    }
);

on_both!(
    r_use_4_two_servers_on_one_database_hold_the_cap_share_sessions_and_keys,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 200).await;
        let second = app.second_server();
        let show = event(&app, &w.staff_a, w.va, 5, json!({"cap": 5})).await;
        // A 200-way race split across the two servers.
        let race = |item: i64| -> Vec<_> {
            (1..=200)
                .map(|n| {
                    let router = if n % 2 == 0 { &app.router } else { &second };
                    spawn_record_to(
                        router,
                        &w.token_a,
                        item,
                        json!({"card_code": format!("E{n}")}),
                        None,
                    )
                })
                .collect()
        };
        let tasks = race(show);
        assert_eq!(tally(tasks).await, (5, 195));
        assert_eq!(used(&app, &w.staff_a, show).await, 5);
        assert_eq!(app.count("tickets").await, 5);
        // The same race with room for all: every one recorded, whichever
        // server's writers take it, the item's counter exact.
        let roomy = event(
            &app,
            &w.staff_a,
            w.va,
            7,
            json!({"cap": 500, "capacity": 1000}),
        )
        .await;
        let tasks = race(roomy);
        assert_eq!(tally(tasks).await, (200, 0));
        assert_eq!(used(&app, &w.staff_a, roomy).await, 200);
        // A session made on one server works on the other.
        let req = TestApp::request(Method::GET, "/api/v1/me", &w.staff_a)
            .body(Body::empty())
            .unwrap();
        let me = second.clone().oneshot(req).await.unwrap();
        assert_eq!(me.status(), StatusCode::OK);
        // One idempotency key sent to both records once.
        let other = event(&app, &w.staff_a, w.va, 6, json!({})).await;
        let body = json!({"card_code": "E7"});
        let key = Some("same-key-to-both".to_string());
        let first = spawn_record_to(&app.router, &w.token_a, other, body.clone(), key.clone());
        let again = spawn_record_to(&second, &w.token_a, other, body, key);
        let (a, b) = (first.await.unwrap(), again.await.unwrap());
        assert_eq!(a.0, StatusCode::CREATED, "{}", a.1);
        assert_eq!(b.0, StatusCode::CREATED, "{}", b.1);
        assert_eq!(a.1, b.1, "the same answer, once recorded");
        assert_eq!(app.count("tickets").await, 206);
    }
);

on_both!(
    r_use_4_a_record_refused_among_many_at_once_leaves_the_others_written,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 80).await;
        let show = event(
            &app,
            &w.staff_a,
            w.va,
            5,
            json!({"cap": 500, "capacity": 1000}),
        )
        .await;
        // Sent at once, so that they wait for the item's write together: 60
        // cards once, 20 of them a second time with no key (a second ticket,
        // refused), and 20 more cards twice with one key each (a retry).
        let mut tasks = vec![];
        for n in 1..=60 {
            let body = json!({"card_code": format!("E{n}")});
            tasks.push((
                "first",
                spawn_record_to(&app.router, &w.token_a, show, body, None),
            ));
        }
        for n in 1..=20 {
            let body = json!({"card_code": format!("E{n}")});
            tasks.push((
                "again",
                spawn_record_to(&app.router, &w.token_a, show, body, None),
            ));
        }
        for n in 61..=80 {
            for _ in 0..2 {
                let body = json!({"card_code": format!("E{n}"), "children": 1});
                let key = Some(format!("retry-{n}"));
                tasks.push((
                    "keyed",
                    spawn_record_to(&app.router, &w.token_a, show, body, key),
                ));
            }
        }
        let mut answers = std::collections::HashMap::<String, Vec<Value>>::new();
        let (mut made, mut second) = (0, 0);
        for (kind, t) in tasks {
            let (status, body) = t.await.unwrap();
            match (kind, status) {
                ("keyed", StatusCode::CREATED) => {
                    let code = body["tickets"][0]["card_code"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    answers.entry(code).or_default().push(body);
                }
                ("keyed", s) => panic!("a keyed record refused: {s} {body}"),
                (_, StatusCode::CREATED) => made += 1,
                (_, StatusCode::CONFLICT) => {
                    assert!(body.to_string().contains("already_has_ticket"), "{body}");
                    second += 1;
                }
                (_, s) => panic!("unexpected {s}: {body}"),
            }
        }
        // Of a card sent twice at once, one ticket; the other is refused,
        // whichever of the two came first.
        assert_eq!((made, second), (60, 20));
        // A retry gets the first answer, the same ticket.
        assert_eq!(answers.len(), 20);
        for (code, both) in &answers {
            assert_eq!(both.len(), 2, "{code}");
            assert_eq!(both[0], both[1], "{code}");
        }
        assert_eq!(app.count("tickets").await, 80);
        // Every Kaikukortti ticket counted once: 60 adults, and 20 adults
        // with a child each.
        assert_eq!(used(&app, &w.staff_a, show).await, 60 + 40);
    }
);

on_both!(
    r_auth_2_a_box_office_that_tried_codes_neither_checks_for_an_item_nor_records,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let Box { w } = setup(&app, 3).await;
        let show = event(&app, &w.staff_a, w.va, 5, json!({})).await;
        let miss = |n: u32| {
            let app = &app;
            let who = w.staff_a.clone();
            async move {
                let r = app
                    .api(
                        Method::GET,
                        &format!("/api/v1/cards/Q{}", 9000 + n),
                        &who,
                        None,
                    )
                    .await;
                assert_eq!(r.status, StatusCode::NOT_FOUND, "{n}: {}", r.text());
            }
        };
        let check = |code: &'static str| {
            let app = &app;
            let who = w.staff_a.clone();
            async move {
                app.api(
                    Method::GET,
                    &format!("/api/v1/cards/{code}?item={show}"),
                    &who,
                    None,
                )
                .await
            }
        };
        // One code short of the budget, the counter still works.
        for n in 0..29 {
            miss(n).await;
        }
        assert_eq!(check("E1").await.status, StatusCode::OK);
        let r = record(&app, &w.staff_a, show, json!({"card_code": "E1"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // The last unknown code spends it: a check for the item and a
        // record pause too, and nothing is written.
        miss(29).await;
        let r = check("E2").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        assert_eq!(r.error_code(), "card_lookups_paused");
        let r = record(&app, &w.staff_a, show, json!({"card_code": "E2"})).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        assert_eq!(r.error_code(), "card_lookups_paused");
        assert!(!r.text().contains("E2"), "no code repeated");
        // Whatever the item: the pause is said before the item is looked at.
        let r = record(&app, &w.staff_a, show + 1000, json!({"card_code": "E2"})).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        // The venue's token has a budget of its own: it records the card.
        let r = record(&app, &w.token_a, show, json!({"card_code": "E2"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/items/{show}/tickets"),
                &w.token_a,
                None,
            )
            .await;
        assert_eq!(r.json().as_array().map(Vec::len), Some(2), "{}", r.text());
    }
);
