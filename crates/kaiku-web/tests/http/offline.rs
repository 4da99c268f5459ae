//! The box office without a connection over HTTP (SPEC §6.1: R-OFF-1 …
//! R-OFF-4) on both backends: the snapshot, the batch of uses, the marks,
//! the disputes and who may touch them.

use crate::box_office::event;
use crate::common::{Resp, TestApp, Who, World, today};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Stock E1–E400 at Point A, E1…E`issued` issued today with two children.
async fn setup(app: &TestApp, issued: usize) -> World {
    crate::box_office::setup(app, issued).await.w
}

async fn send(app: &TestApp, who: &Who, venue: i64, uses: Value) -> Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/venues/{venue}/offline-uses"),
        who,
        Some(json!({"device": "tablet-1", "uses": uses})),
    )
    .await
}

/// A use `minutes` ago by the device's clock.
fn use_of(id: &str, item: i64, code: &str, minutes: i64) -> Value {
    json!({"id": id, "item": item, "card_code": code,
        "recorded_at": (Utc::now() - Duration::minutes(minutes)).to_rfc3339()})
}

/// Each use's status by id.
fn statuses(r: &Resp) -> Vec<(String, String)> {
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["uses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_string(),
                u["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status_of(r: &Resp, id: &str) -> (String, Vec<String>) {
    let u = r.json()["uses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .cloned()
        .unwrap();
    (
        u["status"].as_str().unwrap().to_string(),
        u["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect(),
    )
}

async fn used(app: &TestApp, who: &Who, item: i64) -> i64 {
    app.api(Method::GET, &format!("/api/v1/items/{item}"), who, None)
        .await
        .json()["kaiku_tickets_used"]
        .as_i64()
        .unwrap()
}

fn hmac_hex(key: &[u8], msg: &str) -> String {
    let mut k = [0u8; 64];
    k[..key.len()].copy_from_slice(key);
    let pad = |b: u8| k.iter().map(|x| x ^ b).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(msg.as_bytes())
        .finalize();
    let outer = Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    hex::encode(&outer[..8])
}

on_both!(
    r_off_1_the_snapshot_holds_three_days_and_keyed_hashes_never_codes,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 3).await;
        let today_show = event(&app, &w.staff_a, w.va, 0, json!({"cap": 5})).await;
        let in_two_days = event(&app, &w.staff_a, w.va, 2, json!({})).await;
        let in_five_days = event(&app, &w.staff_a, w.va, 5, json!({})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E3/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK, "{}", void.text());
        let path = format!("/api/v1/venues/{}/offline-snapshot", w.va);
        let r = app.api(Method::GET, &path, &w.token_a, None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let s = r.json();
        let items: Vec<i64> = s["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        assert!(items.contains(&today_show) && items.contains(&in_two_days));
        assert!(!items.contains(&in_five_days), "{items:?}");
        let show = s["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == today_show)
            .unwrap();
        assert_eq!(show["cap_left"], 5);
        // The cards are there only as keyed hashes: E1 and E2 (valid), not
        // E3 (void) nor a card in stock.
        let key = hex::decode(s["key"].as_str().unwrap()).unwrap();
        let hashes: Vec<&str> = s["cards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["h"].as_str().unwrap())
            .collect();
        assert_eq!(hashes.len(), 2, "{hashes:?}");
        for code in ["E1", "E2"] {
            assert!(hashes.contains(&hmac_hex(&key, code).as_str()), "{code}");
        }
        assert!(!hashes.contains(&hmac_hex(&key, "E3").as_str()));
        let card = &s["cards"][0];
        assert_eq!(card["children"], 2);
        assert_eq!(card["kind"], "personal");
        // Never a readable code nor background data.
        let text = r.text();
        for needle in ["\"E1\"", "\"E2\"", "birth", "postal", "mother", "gender"] {
            assert!(!text.contains(needle), "{needle} in the snapshot");
        }
        // Each snapshot handed out is in the audit log.
        let audit = app
            .api(
                Method::GET,
                "/api/v1/audit-log?action=offline.snapshot",
                &w.coord_a,
                None,
            )
            .await
            .text();
        assert!(audit.contains("cards=2"), "{audit}");
        // Someone else's venue: not found; no box office at all: forbidden.
        let other = format!("/api/v1/venues/{}/offline-snapshot", w.vb);
        for who in [&w.token_a, &w.staff_a, &w.coord_a] {
            let r = app.api(Method::GET, &other, who, None).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
        }
        assert_eq!(
            app.api(Method::GET, &path, &w.coord_b, None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(Method::GET, &path, &w.coord_a, None).await.status,
            StatusCode::OK
        );
        for who in [&w.issuer_a, &w.admin] {
            let r = app.api(Method::GET, &path, who, None).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        }
        assert_eq!(
            app.api(Method::GET, &path, &Who::Anon, None).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    r_off_3_each_use_counts_once_in_the_order_it_happened_and_is_marked,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 6).await;
        let show = event(&app, &w.staff_a, w.va, 1, json!({"cap": 4, "capacity": 80})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E6/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK);
        // An online use first: the device did not know of it.
        let online = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{show}/tickets"),
                &w.token_a,
                Some(json!({"card_code": "E5", "children": 1})),
            )
            .await;
        assert_eq!(online.status, StatusCode::CREATED, "{}", online.text());
        // Sent out of order: c happened last, so it is the one past the cap.
        let uses = json!([
            use_of("use-c-0003", show, "E3", 1),
            use_of("use-a-0001", show, "E1", 3),
            use_of("use-b-0002", show, "E2", 2),
            use_of("use-d-0004", show, "E6", 4),
            use_of("use-e-0005", show, "E300", 5),
            use_of("use-f-0006", show, "E5", 6),
        ]);
        let first = send(&app, &w.token_a, w.va, uses.clone()).await;
        assert_eq!(
            statuses(&first),
            vec![
                ("use-f-0006".into(), "disputed".into()),
                ("use-e-0005".into(), "disputed".into()),
                ("use-d-0004".into(), "disputed".into()),
                ("use-a-0001".into(), "recorded".into()),
                ("use-b-0002".into(), "recorded".into()),
                ("use-c-0003".into(), "over_cap".into()),
            ]
        );
        assert_eq!(status_of(&first, "use-d-0004").1, vec!["card_void"]);
        assert_eq!(status_of(&first, "use-e-0005").1, vec!["card_not_issued"]);
        assert_eq!(
            status_of(&first, "use-f-0006").1,
            vec!["already_has_ticket"]
        );
        assert_eq!(status_of(&first, "use-c-0003").1, vec!["cap_reached"]);
        let listed = app
            .api(Method::GET, "/api/v1/offline-uses", &w.staff_a, None)
            .await
            .json();
        let over = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["card_code"] == "E3")
            .unwrap();
        // The message names what was left when the use came in.
        assert_eq!(over["outcome"], "over_cap");
        assert!(
            over["messages"][0].as_str().unwrap().contains('0'),
            "{over}"
        );
        // Counted past the cap: 2 online + 3 offline.
        assert_eq!(used(&app, &w.token_a, show).await, 5);
        let tickets = app.count("tickets").await;
        // Sent again (a retry after a lost answer): nothing changes.
        let again = send(&app, &w.token_a, w.va, uses).await;
        assert!(statuses(&again).iter().all(|(_, s)| s == "duplicate"));
        assert_eq!(used(&app, &w.token_a, show).await, 5);
        assert_eq!(app.count("tickets").await, tickets);
        assert_eq!(app.count("offline_uses").await, 6);
        // The tickets carry their real time, by the device's clock.
        let list = app
            .api(
                Method::GET,
                &format!("/api/v1/items/{show}/tickets"),
                &w.token_a,
                None,
            )
            .await
            .json();
        let e1 = list
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["card_code"] == "E1")
            .unwrap();
        let at = chrono::NaiveDateTime::parse_from_str(
            e1["recorded_at"].as_str().unwrap(),
            "%Y-%m-%dT%H:%M:%S%.f",
        )
        .unwrap();
        let ago = Utc::now().naive_utc() - at;
        assert!(
            ago >= Duration::minutes(2) && ago < Duration::minutes(4),
            "{ago}"
        );
        // The venue and its coordinator see what went past the cap and what
        // waits; the other area's coordinator sees none of it.
        for who in [&w.staff_a, &w.coord_a] {
            let marked = app
                .api(Method::GET, "/api/v1/offline-uses", who, None)
                .await;
            assert_eq!(
                marked.json().as_array().unwrap().len(),
                4,
                "{}",
                marked.text()
            );
        }
        let theirs = app
            .api(Method::GET, "/api/v1/offline-uses", &w.coord_b, None)
            .await;
        assert_eq!(theirs.json().as_array().unwrap().len(), 0);
        let audit = app
            .api(
                Method::GET,
                "/api/v1/audit-log?action=offline.sync",
                &w.coord_a,
                None,
            )
            .await;
        assert!(
            audit
                .text()
                .contains("recorded=2 over_cap=1 disputed=3 duplicate=0"),
            "{}",
            audit.text()
        );
    }
);

on_both!(
    r_off_4_a_batch_with_an_unreadable_use_is_refused_whole_with_each_reason,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 2).await;
        let show = event(&app, &w.staff_a, w.va, 1, json!({})).await;
        let theirs = event(&app, &w.coord_b, w.vb, 1, json!({})).await;
        let r = send(
            &app,
            &w.token_a,
            w.va,
            json!([
                use_of("good-use-1", show, "E1", 1),
                use_of("bad", show, "E2", 1),
                use_of("other-venue", theirs, "E2", 1),
                {"id": "no-time-at-all", "item": show, "card_code": "E2", "recorded_at": "yesterday"},
                {"id": "too-many-kids", "item": show, "card_code": "E2", "children": 99,
                 "recorded_at": Utc::now().to_rfc3339()},
            ]),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        let text = r.text();
        for code in [
            "offline_use_id",
            "offline_use_item",
            "offline_use_time",
            "offline_use_count",
        ] {
            assert!(text.contains(code), "{code}: {text}");
        }
        // The message names the use, in the caller's words.
        assert!(text.contains("käynti 2:"), "{text}");
        assert_eq!(app.count("offline_uses").await, 0);
        assert_eq!(app.count("tickets").await, 0);
        // Empty, or no device: refused too.
        let empty = send(&app, &w.token_a, w.va, json!([])).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        // Another venue's box office cannot send for this one.
        let r = send(
            &app,
            &w.token_a,
            w.vb,
            json!([use_of("x-000001", theirs, "E1", 1)]),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
        let r = send(
            &app,
            &w.issuer_a,
            w.va,
            json!([use_of("x-000001", show, "E1", 1)]),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        // An identity code where a code, a member, an id or a device name
        // goes: refused whole, never kept, never repeated back.
        for (device, code, members, id) in [
            ("tablet", "010190-123A", vec![], "pii-use-0001"),
            ("tablet", "E1", vec!["311299A999X"], "pii-use-0002"),
            ("tablet", "E1", vec![], "010190-123A"),
            ("010190-123A", "E1", vec![], "pii-use-0003"),
        ] {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/venues/{}/offline-uses", w.va),
                    &w.token_a,
                    Some(json!({"device": device, "uses": [{"id": id, "item": show,
                        "card_code": code, "members": members,
                        "recorded_at": Utc::now().to_rfc3339()}]})),
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
            assert!(r.text().contains("identity_code"), "{}", r.text());
            for piece in ["010190", "311299"] {
                assert!(!r.text().contains(piece), "{}", r.text());
            }
        }
        assert_eq!(app.count("offline_uses").await, 0);
        // A device clock a day ahead, or a month behind, is flagged, not trusted.
        let behind = json!([{"id": "clock-behind-1", "item": show, "card_code": "E2",
            "recorded_at": (Utc::now() - Duration::days(40)).to_rfc3339()}]);
        let r = send(&app, &w.token_a, w.va, behind).await;
        assert_eq!(status_of(&r, "clock-behind-1").0, "disputed");
        let ahead = json!([{"id": "clock-ahead-1", "item": show, "card_code": "E1",
            "recorded_at": (Utc::now() + Duration::days(3)).to_rfc3339()}]);
        let r = send(&app, &w.token_a, w.va, ahead).await;
        let (status, reasons) = status_of(&r, "clock-ahead-1");
        assert_eq!(status, "disputed");
        assert!(
            reasons.contains(&"offline_clock".to_string()),
            "{reasons:?}"
        );
    }
);

on_both!(
    r_off_3_a_dispute_is_kept_or_cancelled_once_by_the_venue_or_its_coordinator,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 6).await;
        let show = event(&app, &w.staff_a, w.va, 1, json!({})).await;
        let void = app
            .api(
                Method::POST,
                "/api/v1/cards/E6/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(void.status, StatusCode::OK);
        let r = send(
            &app,
            &w.token_a,
            w.va,
            json!([
                use_of("void-card-1", show, "E6", 5),
                use_of("unknown-1", show, "Q77", 4)
            ]),
        )
        .await;
        assert!(statuses(&r).iter().all(|(_, s)| s == "disputed"));
        assert_eq!(used(&app, &w.token_a, show).await, 0);
        let marked = app
            .api(
                Method::GET,
                &format!("/api/v1/offline-uses?venue={}", w.va),
                &w.staff_a,
                None,
            )
            .await
            .json();
        let id_of = |code: &str| {
            marked
                .as_array()
                .unwrap()
                .iter()
                .find(|u| u["card_code"] == code)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let (void_use, unknown_use) = (id_of("E6"), id_of("Q77"));
        let settle = |id: i64, who: &Who, keep: bool| {
            let who = who.clone();
            let app = &app;
            async move {
                app.api(
                    Method::POST,
                    &format!("/api/v1/offline-uses/{id}/settle"),
                    &who,
                    Some(json!({"keep": keep})),
                )
                .await
            }
        };
        // Not the other area's coordinator, not an integration.
        assert_eq!(
            settle(void_use, &w.coord_b, true).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            settle(void_use, &w.token_a, true).await.status,
            StatusCode::FORBIDDEN
        );
        let kept = settle(void_use, &w.staff_a, true).await;
        assert_eq!(kept.status, StatusCode::OK, "{}", kept.text());
        assert_eq!(kept.json()["settlement"], "kept");
        assert!(kept.json()["use_id"].is_string());
        assert_eq!(used(&app, &w.token_a, show).await, 1);
        // Once only.
        let twice = settle(void_use, &w.coord_a, false).await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text());
        // A card the register does not know cannot be kept: said in words.
        let keep_unknown = settle(unknown_use, &w.staff_a, true).await;
        assert_eq!(
            keep_unknown.status,
            StatusCode::CONFLICT,
            "{}",
            keep_unknown.text()
        );
        assert_eq!(keep_unknown.error_code(), "offline_cannot_keep");
        let cancelled = settle(unknown_use, &w.coord_a, false).await;
        assert_eq!(cancelled.json()["settlement"], "cancelled");
        assert_eq!(used(&app, &w.token_a, show).await, 1);
        let audit = app
            .api(
                Method::GET,
                "/api/v1/audit-log?action=offline.settle",
                &w.coord_a,
                None,
            )
            .await
            .text();
        assert!(
            audit.contains("settlement=kept") && audit.contains("settlement=cancelled"),
            "{audit}"
        );
        // The screen lists them with what became of each.
        let page = app
            .get(&format!("/offline-uses?venue={}", w.va), &w.staff_a)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("Q77") && html.contains("E6"), "{html}");
        // Each reason in words, as the box office would have said it.
        assert!(html.contains("Tämä kortti ei ole enää käytössä"), "{html}");
    }
);

on_both!(
    r_off_3_an_offline_use_of_a_reported_day_comes_in_as_a_correction,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 2).await;
        let show = event(&app, &w.staff_a, w.va, 0, json!({})).await;
        let day = today().to_string();
        let subs = format!("/api/v1/venues/{}/usage-report/submissions", w.va);
        let r = app
            .api(
                Method::POST,
                &subs,
                &w.staff_a,
                Some(json!({"from": day, "to": day})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = send(
            &app,
            &w.token_a,
            w.va,
            json!([use_of("late-use-1", show, "E1", 30)]),
        )
        .await;
        assert_eq!(statuses(&r)[0].1, "recorded");
        let list = app
            .api(
                Method::GET,
                &format!("{subs}?from={day}&to={day}"),
                &w.staff_a,
                None,
            )
            .await
            .json();
        assert_eq!(list[0]["pending_correction"], true, "{list}");
        // The usage report tells the offline use apart.
        let report = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}/usage-report?from={day}&to={day}", w.va),
                &w.staff_a,
                None,
            )
            .await
            .json();
        assert_eq!(report["rows"][0]["offline"], true, "{report}");
        // So do the area's statistics: counted on its real day, told apart.
        let stats = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{}/statistics?from={day}&to={day}", w.a),
                &w.coord_a,
                None,
            )
            .await
            .json();
        assert_eq!(stats["tickets"]["adults"], 1, "{stats}");
        assert_eq!(stats["offline_tickets"]["adults"], 1, "{stats}");
    }
);

on_both!(
    r_off_3_an_id_sent_again_with_another_use_is_not_taken_and_says_so,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 3).await;
        let show = event(&app, &w.staff_a, w.va, 1, json!({})).await;
        let first = send(
            &app,
            &w.token_a,
            w.va,
            json!([use_of("use-x-0001", show, "E1", 5)]),
        )
        .await;
        assert_eq!(status_of(&first, "use-x-0001").0, "recorded");
        // The same id, another card: a device fault, never a second use.
        let other = send(
            &app,
            &w.token_a,
            w.va,
            json!([use_of("use-x-0001", show, "E2", 5)]),
        )
        .await;
        assert_eq!(
            status_of(&other, "use-x-0001"),
            (
                "duplicate".to_string(),
                vec!["offline_id_reused".to_string()]
            )
        );
        // The very same use again is a plain duplicate.
        let again = send(
            &app,
            &w.token_a,
            w.va,
            json!([{
                "id": "use-x-0001", "item": show, "card_code": "E1",
                "recorded_at": first_time(&app, &w, show).await,
            }]),
        )
        .await;
        assert_eq!(
            status_of(&again, "use-x-0001"),
            ("duplicate".to_string(), vec![])
        );
        assert_eq!(used(&app, &w.token_a, show).await, 1);
        assert_eq!(app.count("offline_uses").await, 1);
    }
);

/// When the one ticket of `item` was recorded, as the device said it.
async fn first_time(app: &TestApp, w: &World, item: i64) -> String {
    let list = app
        .api(
            Method::GET,
            &format!("/api/v1/items/{item}/tickets"),
            &w.token_a,
            None,
        )
        .await
        .json();
    format!("{}Z", list[0]["recorded_at"].as_str().unwrap())
}

on_both!(
    r_off_3_the_marked_uses_come_a_page_at_a_time_open_disputes_first,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 103).await;
        // One place under the upper limit, then 101 uses past it and one
        // with a card the register does not know.
        let show = event(&app, &w.staff_a, w.va, 1, json!({"cap": 1, "capacity": 20})).await;
        let mut uses: Vec<Value> = (1..=102)
            .map(|n| {
                use_of(
                    &format!("use-p-{n:04}"),
                    show,
                    &format!("E{n}"),
                    200 - n as i64,
                )
            })
            .collect();
        uses.push(use_of("use-q-0001", show, "E399", 300));
        let r = send(&app, &w.token_a, w.va, Value::Array(uses)).await;
        let st = statuses(&r);
        assert_eq!(st.iter().filter(|(_, s)| s == "over_cap").count(), 101);
        assert_eq!(used(&app, &w.token_a, show).await, 102);
        let page = |n: u32| {
            let app = &app;
            let w = &w;
            async move {
                app.api(
                    Method::GET,
                    &format!("/api/v1/offline-uses?page={n}"),
                    &w.staff_a,
                    None,
                )
                .await
                .json()
            }
        };
        let one = page(1).await;
        let two = page(2).await;
        assert_eq!(one.as_array().unwrap().len(), 100);
        assert_eq!(two.as_array().unwrap().len(), 2);
        assert_eq!(page(3).await.as_array().unwrap().len(), 0);
        // The dispute heads the first page, although it is the oldest.
        assert_eq!(one[0]["outcome"], "disputed");
        let mut all: Vec<i64> = one
            .as_array()
            .unwrap()
            .iter()
            .chain(two.as_array().unwrap())
            .map(|u| u["id"].as_i64().unwrap())
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 102, "no use on two pages, none missing");
        // The screen links the next page and shows it.
        let screen = app.get("/offline-uses", &w.staff_a).await.text();
        assert!(screen.contains("/offline-uses?page=2"), "{screen}");
        let second = app.get("/offline-uses?page=2", &w.staff_a).await.text();
        assert!(second.contains("/offline-uses?page=1"), "{second}");
    }
);

on_both!(
    r_off_2_the_snapshot_carries_what_the_device_checks_and_the_register_judges_the_same,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 1).await;
        let (_, typo) = crate::common::checked_series(&app, &w.coord_a, w.a).await;
        let show = event(
            &app,
            &w.staff_a,
            w.va,
            1,
            json!({"cap": 5, "capacity": 100}),
        )
        .await;
        let snap = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}/offline-snapshot", w.va),
                &w.token_a,
                None,
            )
            .await
            .json();
        // The check character of each printed series, to tell a typing
        // error from an unknown card without the register.
        assert!(
            snap["checked_series"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["prefix"] == "K" && c["check"] == "mod37"),
            "{snap}"
        );
        // Per item: the day validity is judged on, the child age, the cap left.
        let item = snap["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == show)
            .unwrap();
        assert_eq!(item["day"], (today() + Duration::days(1)).to_string());
        assert_eq!(item["cap_left"], 5);
        assert!(item["child_age_under"].as_u64().unwrap() > 0);
        // Per card: valid until, kind, children allowed.
        let card = &snap["cards"][0];
        assert!(card["valid_until"].as_str().unwrap() > today().to_string().as_str());
        assert_eq!(card["children"], 2);
        // What the device said (a typing error; too many children; one
        // ticket per card) the register says too, for the same uses.
        let r = send(
            &app,
            &w.token_a,
            w.va,
            json!([
                use_of("use-t-0001", show, &typo, 5),
                {"id": "use-t-0002", "item": show, "card_code": "E1", "children": 3,
                 "recorded_at": (Utc::now() - Duration::minutes(4)).to_rfc3339()},
                use_of("use-t-0003", show, "E1", 3),
                use_of("use-t-0004", show, "E1", 2),
            ]),
        )
        .await;
        assert_eq!(status_of(&r, "use-t-0001").1, vec!["card_check_character"]);
        assert_eq!(status_of(&r, "use-t-0002").1, vec!["too_many_children"]);
        assert_eq!(status_of(&r, "use-t-0003").0, "recorded");
        assert_eq!(status_of(&r, "use-t-0004").1, vec!["already_has_ticket"]);
        assert_eq!(used(&app, &w.token_a, show).await, 1);
    }
);

on_both!(
    r_off_3_a_use_without_a_ticket_is_disputed_and_cannot_be_kept,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app, 1).await;
        let show = event(&app, &w.staff_a, w.va, 1, json!({})).await;
        let r = send(
            &app,
            &w.token_a,
            w.va,
            json!([{"id": "use-z-0001", "item": show, "card_code": "E1", "adults": 0,
                "children": 0, "recorded_at": (Utc::now() - Duration::minutes(3)).to_rfc3339()}]),
        )
        .await;
        assert_eq!(status_of(&r, "use-z-0001").1, vec!["no_holder_ticket"]);
        let listed = app
            .api(Method::GET, "/api/v1/offline-uses", &w.staff_a, None)
            .await
            .json();
        let id = listed[0]["id"].as_i64().unwrap();
        let keep = app
            .api(
                Method::POST,
                &format!("/api/v1/offline-uses/{id}/settle"),
                &w.staff_a,
                Some(json!({"keep": true})),
            )
            .await;
        assert_eq!(keep.status, StatusCode::CONFLICT, "{}", keep.text());
        assert_eq!(keep.error_code(), "offline_cannot_keep");
        assert_eq!(used(&app, &w.token_a, show).await, 0);
        let cancel = app
            .api(
                Method::POST,
                &format!("/api/v1/offline-uses/{id}/settle"),
                &w.staff_a,
                Some(json!({"keep": false})),
            )
            .await;
        assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.text());
    }
);
