// kaiku: small progressive enhancements. Every page works without this file.
"use strict";

// The issue form shows the valid-until date before saving (R-CARD-4): twelve
// months from the grant date, clamped to the month's end, never past a trial.
function showValidUntil() {
  const out = document.getElementById("valid-until");
  const date = document.getElementById("f-grant_date");
  if (!out || !date) return;
  const trial = out.dataset.trialEnds;
  const update = () => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.value);
    if (!m) return;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const lastDay = new Date(Date.UTC(y + 1, mo, 0)).getUTCDate();
    let until = new Date(Date.UTC(y + 1, mo - 1, Math.min(d, lastDay)));
    if (trial) {
      const t = new Date(trial + "T00:00:00Z");
      if (t < until) until = t;
    }
    out.querySelector("strong").textContent =
      `${until.getUTCDate()}.${until.getUTCMonth() + 1}.${until.getUTCFullYear()}`;
  };
  date.addEventListener("change", update);
  date.addEventListener("input", update);
}

// Print buttons (the subject-access print, ticket notes).
function wirePrint() {
  for (const b of document.querySelectorAll("[data-print]")) {
    b.hidden = false;
    b.addEventListener("click", () => window.print());
  }
}

// The box office shows the chosen item in full above its list: a narrow
// screen cuts long titles in the list itself.
function showChosenItem() {
  const select = document.getElementById("f-item");
  const hint = document.getElementById("h-item");
  if (!select || !hint) return;
  select.addEventListener("change", () => {
    hint.textContent = select.options[select.selectedIndex]?.text ?? "";
  });
}

// Logging out forgets the offline box office's snapshot and kept screens on
// this device (a counter's tablet is shared); uses still waiting to be sent
// stay, to go when someone of the venue logs in again.
function forgetOfflineOnLogout() {
  for (const form of document.querySelectorAll("form.logout")) {
    form.addEventListener("submit", () => {
      if (window.indexedDB) {
        const req = indexedDB.open("kaiku-offline", 1);
        req.onupgradeneeded = () => req.transaction.abort();
        req.onsuccess = () => {
          const db = req.result;
          if (db.objectStoreNames.contains("snapshots")) {
            db.transaction("snapshots", "readwrite").objectStore("snapshots").clear();
          }
        };
      }
      if (window.caches) caches.keys().then((keys) => keys.forEach((k) => caches.delete(k)));
    });
  }
}

// A print job's page follows its progress by itself; when the job is done
// (or stops) the page is loaded again once, to offer the file. Without this
// the page has an "Update" link.
function followPrint() {
  const box = document.querySelector("[data-print-poll]");
  const bar = box?.querySelector("progress");
  if (!box || !bar) return;
  const tick = async () => {
    try {
      const res = await fetch(box.dataset.printPoll, { headers: { accept: "application/json" } });
      if (res.ok) {
        const job = await res.json();
        bar.value = job.done;
        bar.textContent = `${job.done} / ${job.total}`;
        if (job.status !== "running") {
          location.reload();
          return;
        }
      }
    } catch (_) {
      // Offline for a moment: try again at the next tick.
    }
    setTimeout(tick, 1500);
  };
  setTimeout(tick, 1500);
}

document.addEventListener("DOMContentLoaded", () => {
  followPrint();
  forgetOfflineOnLogout();
  showValidUntil();
  wirePrint();
  showChosenItem();
});
