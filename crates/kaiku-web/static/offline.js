// kaiku's box office without a connection (R-OFF-1 … R-OFF-3). The screen
// works online without this file; with it, the same screen keeps checking
// and recording when the network is down: against a snapshot kept on the
// device (the venue's items of three days with the cap left, and the cards
// as keyed hashes, never a readable list), into a queue kept in IndexedDB
// that is sent by itself when the connection returns.
"use strict";

(() => {
  const root = document.getElementById("offline");
  if (!root || !window.indexedDB || !window.crypto || !crypto.subtle) return;
  const venue = root.dataset.venue;
  const t = (name, args = {}) => {
    let s = root.dataset["t" + name] || "";
    for (const [k, v] of Object.entries(args)) s = s.split("{" + k + "}").join(String(v));
    return s;
  };
  const $ = (id) => document.getElementById(id);
  const checkForm = document.querySelector("form.box-office");
  const modeKey = "kaiku-offline-manual";
  const sinceKey = "kaiku-offline-since";

  // ---- storage: one database for every venue of this browser ----
  function openDb() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open("kaiku-offline", 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore("snapshots", { keyPath: "venue" });
        db.createObjectStore("pending", { keyPath: "id" }).createIndex("venue", "venue");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  function tx(db, store, mode, fn) {
    return new Promise((resolve, reject) => {
      const x = db.transaction(store, mode);
      const out = fn(x.objectStore(store));
      x.oncomplete = () => resolve(out && "result" in out ? out.result : undefined);
      x.onerror = () => reject(x.error);
    });
  }

  let db;
  let snapshot = null; // as stored: {venue, taken_at, data}
  let cards = new Map(); // hash → card
  let hmacKey = null;
  let pending = [];
  let offline = false;
  let sending = false;

  async function loadSnapshot() {
    const s = await tx(db, "snapshots", "readonly", (st) => st.get(String(venue)));
    if (s) await useSnapshot(s);
  }
  async function useSnapshot(s) {
    snapshot = s;
    cards = new Map(s.data.cards.map((c) => [c.h, c]));
    const raw = new Uint8Array(s.data.key.match(/../g).map((h) => parseInt(h, 16)));
    hmacKey = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
  }
  async function loadPending() {
    const all = await tx(db, "pending", "readonly", (st) => st.index("venue").getAll(String(venue)));
    pending = (all || []).sort((a, b) => (a.recorded_at < b.recorded_at ? -1 : 1));
  }

  async function hash(code) {
    const sig = await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(code));
    const bytes = new Uint8Array(sig).slice(0, snapshot.data.hash_length / 2);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The code as the register writes it (kaiku_core::code::normalise).
  function normalise(raw) {
    const out = raw.trim().replace(/[\s\-\u2010-\u2015\u00a0]/g, "").toUpperCase();
    return /^[0-9A-Z]{1,32}$/.test(out) ? out : null;
  }

  // Check characters (kaiku_core::code::Check).
  const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  function luhn(body) {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (Number.isNaN(d)) return null;
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return String((10 - (sum % 10)) % 10);
  }
  function mod37(body) {
    let p = 36;
    for (const c of body) {
      const v = ALNUM.indexOf(c);
      if (v < 0) return null;
      let s = (p + v) % 36;
      if (s === 0) s = 36;
      p = (s * 2) % 37;
    }
    return ALNUM[(37 - p) % 36];
  }
  function mistyped(code) {
    return snapshot.data.checked_series.some((s) => {
      if (!code.startsWith(s.prefix)) return false;
      const body = code.slice(0, -1);
      const ch = s.check === "luhn" ? luhn(body) : mod37(body);
      return !(body.length > 0 && ch === code.slice(-1));
    });
  }

  // ---- the state line ----
  const hhmm = (iso) => {
    const d = new Date(iso);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  };
  function render() {
    root.hidden = false;
    const manual = localStorage.getItem(modeKey) === "1";
    const since = localStorage.getItem(sinceKey);
    let state;
    if (!snapshot) state = t("Nosnapshot");
    else if (!offline) state = t("Online", { time: hhmm(snapshot.taken_at) });
    else
      state = t(manual ? "Manual" : "Offline", {
        since: since ? hhmm(since) : "",
        time: hhmm(snapshot.taken_at),
      });
    $("offline-state").textContent = state;
    root.classList.toggle("is-offline", offline);
    const n = pending.length;
    const waiting = $("offline-waiting");
    waiting.hidden = n === 0;
    waiting.textContent = n === 1 ? t("Waitingone") : t("Waitingother", { count: n });
    $("offline-toggle").textContent = offline ? t("Goonline") : t("Gooffline");
    $("offline-send").hidden = offline || n === 0;
    const list = $("offline-pending");
    list.replaceChildren(
      ...pending.map((p) => {
        const li = document.createElement("li");
        const item = itemOf(p.item);
        li.textContent = `${hhmm(p.recorded_at)} · ${p.card_code} · ${item ? item.title : p.item}`;
        return li;
      }),
    );
    $("offline-pending-box").hidden = n === 0;
  }

  function goOffline(manual) {
    if (!offline) localStorage.setItem(sinceKey, new Date().toISOString());
    offline = true;
    if (manual) localStorage.setItem(modeKey, "1");
    render();
  }
  async function goOnline() {
    localStorage.removeItem(modeKey);
    localStorage.removeItem(sinceKey);
    offline = false;
    render();
    await refresh();
    await send();
  }

  // ---- talking to the register ----
  async function refresh() {
    if (offline) return;
    try {
      const res = await fetch(`/api/v1/venues/${venue}/offline-snapshot`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!res.ok) return;
      const data = await res.json();
      const s = { venue: String(venue), taken_at: new Date().toISOString(), data };
      await tx(db, "snapshots", "readwrite", (st) => st.put(s));
      await useSnapshot(s);
      render();
    } catch (_) {
      goOffline(false);
    }
  }

  function deviceId() {
    let d = localStorage.getItem("kaiku-device");
    if (!d) {
      d = "web-" + crypto.randomUUID();
      localStorage.setItem("kaiku-device", d);
    }
    return d;
  }

  // What the uses sent since the waiting list was last empty became: the
  // line counts every batch of a long send, not only the last one.
  let sentTotals = { recorded: 0, over: 0, disputed: 0 };

  async function send() {
    if (offline || sending || pending.length === 0) return;
    sending = true;
    try {
      // A few hundred at a time: each answer comes back well inside the
      // request's time limit, and what was taken leaves the device at once.
      const batch = pending.slice(0, 500);
      const body = {
        device: deviceId(),
        uses: batch.map((p) => ({
          id: p.id,
          item: p.item,
          card_code: p.card_code,
          adults: p.adults,
          children: p.children,
          members: p.members,
          recorded_at: p.recorded_at,
        })),
      };
      const res = await fetch(`/api/v1/venues/${venue}/offline-uses`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await res.json().catch(() => null);
      if (!res.ok) {
        // Refused whole: said in words, kept on the device to be looked at.
        const e = (answer && answer.error) || {};
        const lines = (e.errors || []).map((x) => x.message).filter((m) => m);
        showVerdict(false, lines.length ? lines : e.message ? [e.message] : [], "");
        return;
      }
      // Every use answered is taken (or was before): none stays waiting.
      const done = new Set(answer.uses.map((u) => u.id));
      await tx(db, "pending", "readwrite", (st) => done.forEach((id) => st.delete(id)));
      const count = (s) => answer.uses.filter((u) => u.status === s).length;
      sentTotals.recorded += count("recorded") + count("duplicate");
      sentTotals.over += count("over_cap");
      sentTotals.disputed += count("disputed");
      await loadPending();
      render();
      $("offline-sent").hidden = false;
      $("offline-sent").textContent = t("Sent", sentTotals);
      if (pending.length === 0) sentTotals = { recorded: 0, over: 0, disputed: 0 };
      await refresh();
      // More than one batch waiting: the next one now.
      if (done.size > 0 && pending.length > 0) setTimeout(send, 0);
    } catch (_) {
      goOffline(false);
    } finally {
      sending = false;
    }
  }

  // ---- checking and recording on the device (R-OFF-2) ----
  const itemOf = (id) => snapshot && snapshot.data.items.find((i) => String(i.id) === String(id));
  const fieldValue = (name) => {
    const el = checkForm.querySelector(`[name="${name}"]`);
    return el ? el.value : "";
  };
  const count = (v, dflt) => {
    const n = parseInt(String(v).trim(), 10);
    return Number.isNaN(n) ? dflt : n;
  };

  let asked = null; // the visit the last check was about

  // A personal identity code (ddmmyy, century sign, three digits, check
  // character) is never recorded, not even on the device.
  const IDENTITY = /\d{6}\s*[-+A-FU-Ya-fu-y]\s*\d{3}\s*[0-9A-Ya-y]/;

  async function check() {
    $("offline-sent").hidden = true;
    if (!snapshot) {
      showVerdict(false, [t("Nosnapshot")], "");
      return;
    }
    const typed = [fieldValue("card_code"), fieldValue("members")];
    if (typed.some((v) => IDENTITY.test(v))) {
      asked = null;
      showVerdict(false, [t("Identity")], "");
      return;
    }
    const code = normalise(fieldValue("card_code"));
    if (!code) {
      asked = null;
      showVerdict(false, [t("Warnunknown")], "");
      return;
    }
    const adults = count(fieldValue("adults"), 1);
    const children = count(fieldValue("children"), 0);
    if (![adults, children].every((n) => Number.isInteger(n) && n >= 0 && n <= 40)) {
      asked = null;
      showVerdict(false, [t("Badcount")], "");
      return;
    }
    const members = fieldValue("members")
      .split(/[\n\r,;]/)
      .map((m) => m.trim())
      .filter((m) => m)
      .map(normalise);
    const visit = {
      item: Number(fieldValue("item")),
      card_code: code,
      adults,
      children,
      members: members.filter((m) => m),
    };
    const warnings = [];
    const item = itemOf(visit.item);
    const total = visit.adults + visit.children + visit.members.length;
    if (item && (item.sold_out || item.excluded)) warnings.push(t("Warnclosed"));
    if (item && item.cap_left !== null) {
      const taken = pending
        .filter((p) => p.item === visit.item)
        .reduce((n, p) => n + p.adults + p.children + p.members.length, 0);
      if (taken + total > item.cap_left) warnings.push(t("Warncap"));
    }
    for (const [n, c] of [code, ...members].entries()) {
      if (!c) {
        warnings.push(t("Warnunknown"));
        continue;
      }
      const h = await hash(c);
      const card = cards.get(h);
      if (!card) {
        warnings.push((n > 0 ? c + ": " : "") + (mistyped(c) ? t("Warncheck") : t("Warnunknown")));
        continue;
      }
      if (item && card.valid_until && card.valid_until < item.day) {
        const [y, m, d] = card.valid_until.split("-").map(Number);
        warnings.push(t("Warnexpired", { date: `${d}.${m}.${y}` }));
      }
      if (n === 0 && card.kind === "personal" && visit.adults - 1 + visit.children > card.children)
        warnings.push(t("Warnchildren", { max: card.children }));
      if (pending.some((p) => p.item === visit.item && p.hashes && p.hashes.includes(h)))
        warnings.push(t("Warntwice"));
    }
    visit.hashes = [];
    for (const c of [code, ...visit.members]) visit.hashes.push(await hash(c));
    asked = visit;
    showVerdict(warnings.length === 0, warnings, code);
  }

  function showVerdict(ok, lines, code) {
    const box = $("offline-verdict");
    box.hidden = false;
    box.className = "verdict " + (ok ? "ok" : "no");
    const head = document.createElement("p");
    head.className = "big";
    const strong = document.createElement("strong");
    strong.textContent = code ? `${code}: ${ok ? t("May") : t("Maynot")}` : t("Maynot");
    head.append(strong);
    const parts = [head];
    if (ok) {
      const p = document.createElement("p");
      p.textContent = t("Ok");
      parts.push(p);
    }
    if (lines.length) {
      const ul = document.createElement("ul");
      for (const l of lines) {
        const li = document.createElement("li");
        li.textContent = l;
        ul.append(li);
      }
      parts.push(ul);
    }
    if (code && asked) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "big-button";
      b.id = "offline-record";
      b.textContent = ok ? t("Record") : t("Recordanyway");
      b.addEventListener("click", record);
      parts.push(b);
    }
    box.replaceChildren(...parts);
    const old = document.getElementById("verdict");
    if (old) old.hidden = true;
    if (code && asked) $("offline-record").focus();
  }

  async function record() {
    if (!asked) return;
    const use = {
      ...asked,
      id: crypto.randomUUID(),
      venue: String(venue),
      recorded_at: new Date().toISOString(),
    };
    asked = null;
    // The field is emptied at once, not after the write: the next card may
    // be typed (or scanned) before the device has stored this one.
    const input = checkForm.querySelector('[name="card_code"]');
    input.value = "";
    input.focus();
    await tx(db, "pending", "readwrite", (st) => st.put(use));
    await loadPending();
    const box = $("offline-verdict");
    box.className = "verdict ok";
    const p = document.createElement("p");
    p.className = "big";
    p.textContent = `${use.card_code}: ${t("Recorded")}`;
    box.replaceChildren(p);
    render();
  }

  // ---- wiring ----
  checkForm.addEventListener("submit", (e) => {
    if (!offline) return;
    e.preventDefault();
    check();
  });
  // The record button of a check made online, pressed after the network went.
  document.addEventListener(
    "submit",
    (e) => {
      if (!offline || e.target === checkForm) return;
      if (e.target.closest("#verdict")) {
        e.preventDefault();
        check();
      }
    },
    true,
  );
  $("offline-toggle").addEventListener("click", () => (offline ? goOnline() : goOffline(true)));
  $("offline-send").addEventListener("click", send);
  window.addEventListener("offline", () => goOffline(false));
  window.addEventListener("online", () => {
    if (localStorage.getItem(modeKey) !== "1") goOnline();
  });

  (async () => {
    db = await openDb();
    await loadSnapshot();
    await loadPending();
    offline = !navigator.onLine || localStorage.getItem(modeKey) === "1";
    if (offline && !localStorage.getItem(sinceKey)) localStorage.setItem(sinceKey, new Date().toISOString());
    render();
    if (!offline) {
      await refresh();
      await send();
    }
    // A check sent as the network went lands here on the kept screen: the
    // visit typed is checked against the snapshot instead.
    const q = new URLSearchParams(location.search);
    if (offline && q.get("card_code")) {
      for (const [k, v] of q) {
        const el = checkForm.querySelector(`[name="${k}"]`);
        if (el) el.value = v;
      }
      check();
    }
    setInterval(() => {
      if (!offline) refresh().then(send);
      render();
    }, 5 * 60 * 1000);
    setInterval(() => {
      if (!offline && pending.length) send();
    }, 30 * 1000);
    if (navigator.serviceWorker) navigator.serviceWorker.register("/sw.js").catch(() => {});
  })();
})();
