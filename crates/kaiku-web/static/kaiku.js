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

document.addEventListener("DOMContentLoaded", () => {
  showValidUntil();
  wirePrint();
  showChosenItem();
});
