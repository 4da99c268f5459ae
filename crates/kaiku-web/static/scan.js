// kaiku: reading a card's code with the device's camera (R-CARD-10: printed
// cards carry the code as a QR code and a Code 39 barcode).
//
// Progressive enhancement only. A field marked for scanning gets a button
// beside it when the page may use a camera and the device has one; without
// JavaScript, without a camera or when the camera is refused, the field is
// the same text field a clerk types into (or a USB scanner "types" into).
// A read code is put in the field and the form is sent, exactly as a hand
// scanner that types the code and presses Enter: the server, and offline.js
// at the box office, see no difference.
//
// Marking: `data-scan` on the <input> itself, or on any element (the form)
// with the input's id as its value (`data-scan="f-card_code"`), because the
// inputs are drawn by the shared _fields.html partial. The texts come from
// the marking element: data-scan-label (the button and the dialog's name),
// data-scan-looking, data-scan-cancel, data-scan-denied.
//
// Decoding: the browser's BarcodeDetector where it reads QR codes or Code 39
// (Chrome on Android and macOS, Safari does not have it), otherwise, and for
// Code 39 whenever the detector cannot read it, our own small Code 39 reader
// below. QR is left to the detector: a QR reader is far beyond a small file,
// and every printed card carries the barcode too.
"use strict";

(() => {
  // ---------- Code 39 ----------

  // The Code 39 table, built instead of typed out: a character is 5 bars
  // and 4 spaces, 3 of the 9 wide. 40 of the 43 characters have two wide
  // bars (one of ten "2 of 5" patterns) and one wide space (which of the
  // four picks the group of ten). The four characters with three wide
  // spaces ($ / + %) are left out: a card code never has them, so reading
  // one means the line is not a card code.
  const BAR_PATTERNS = ["10001", "01001", "11000", "00101", "10100", "01100", "00011", "10010", "01010", "00110"];
  const GROUPS = [
    // [the wide space (0–3), the ten characters in pattern order]
    [1, "1234567890"],
    [2, "ABCDEFGHIJ"],
    [3, "KLMNOPQRST"],
    [0, "UVWXYZ-. *"],
  ];
  const TABLE = new Array(512); // 9 bits, first element most significant → character
  for (const [space, chars] of GROUPS) {
    for (let k = 0; k < 10; k++) {
      let key = 0;
      for (let e = 0; e < 9; e++) {
        const wide = e % 2 === 0 ? BAR_PATTERNS[k][e / 2] === "1" : (e - 1) / 2 === space;
        key = (key << 1) | (wide ? 1 : 0);
      }
      TABLE[key] = chars[k];
    }
  }

  // Tolerances. Print and camera make narrow and wide uneven, so each
  // character is judged by its own widths, not by one module width.
  const WIDE_OVER_NARROW = 1.3; // the narrowest wide element is this much wider than the widest narrow one
  const QUIET = 3; // light before the start and after the stop, in narrow widths (the standard asks 10; cameras crop)
  const GAP_MAX = 5.5; // the light between two characters, in narrow widths
  const CHAR_DRIFT = 0.3; // a character's width may differ this much from the start character's (perspective)
  const MIN_CONTRAST = 20; // grey levels; less than this is paper or shadow, never a bar

  /** A card code as the register writes it, or null (R-CARD-1). */
  function normalise(raw) {
    const code = String(raw ?? "")
      .trim()
      .toUpperCase()
      .replace(/\*/g, "")
      .replace(/[\s\-\u2010-\u2015\u00a0]/g, "");
    return /^[A-Z0-9]{1,16}$/.test(code) ? code : null;
  }

  // The run widths of one line: light and dark alternating, the first run
  // dark when `firstDark`. Each pixel is dark when it is under the middle of
  // the darkest and lightest grey near it (not of the whole line), so a
  // shadow over half the card or a glare does not hide the bars; where there
  // is hardly any contrast near a pixel it is paper, judged against the
  // whole line. Edges are placed between pixels where the grey crosses the
  // middle, because a narrow bar is only 2–3 pixels at the sizes we see and
  // whole pixels would make narrow and wide too alike.
  function runs(grey) {
    const n = grey.length;
    if (n < 20) return null;
    let gMin = 255;
    let gMax = 0;
    for (let i = 0; i < n; i++) {
      const v = grey[i];
      if (v < gMin) gMin = v;
      if (v > gMax) gMax = v;
    }
    if (gMax - gMin < MIN_CONTRAST) return null;
    const gMid = (gMin + gMax) / 2;
    const minContrast = Math.max(MIN_CONTRAST, (gMax - gMin) / 4);
    // The window must be wider than the widest element (a wide bar, a gap)
    // so that it always sees some paper and some ink.
    const r = Math.max(24, Math.round(n / 24));
    const thr = new Float32Array(n);
    // Sliding minimum and maximum over [i - r, i + r] with two monotonic queues.
    const qMin = new Int32Array(n);
    const qMax = new Int32Array(n);
    let h1 = 0, t1 = 0, h2 = 0, t2 = 0, next = 0;
    for (let i = 0; i < n; i++) {
      const right = Math.min(n - 1, i + r);
      for (; next <= right; next++) {
        const v = grey[next];
        while (t1 > h1 && grey[qMin[t1 - 1]] >= v) t1--;
        qMin[t1++] = next;
        while (t2 > h2 && grey[qMax[t2 - 1]] <= v) t2--;
        qMax[t2++] = next;
      }
      while (qMin[h1] < i - r) h1++;
      while (qMax[h2] < i - r) h2++;
      const lo = grey[qMin[h1]];
      const hi = grey[qMax[h2]];
      thr[i] = hi - lo < minContrast ? gMid : (lo + hi) / 2;
    }
    const widths = [];
    const firstDark = grey[0] < thr[0];
    let dark = firstDark;
    let edge = 0;
    for (let i = 1; i < n; i++) {
      const d = grey[i] < thr[i];
      if (d === dark) continue;
      const t = (thr[i - 1] + thr[i]) / 2;
      const g0 = grey[i - 1];
      const g1 = grey[i];
      const frac = g1 === g0 ? 0.5 : Math.min(1, Math.max(0, (t - g0) / (g1 - g0)));
      const at = i - 0.5 + frac; // pixel centres are at i + 0.5
      widths.push(at - edge);
      edge = at;
      dark = d;
    }
    widths.push(n - edge);
    return { widths, firstDark };
  }

  /** One character from the 9 runs at `s` (a bar), or null. */
  function character(w, s) {
    // The three widest are the wide ones; the table says whether that is
    // a character at all (44 of the 84 ways to pick three are).
    let a = -1, b = -1, c = -1; // the widest, second, third
    for (let e = 0; e < 9; e++) {
      const v = w[s + e];
      if (a < 0 || v > w[s + a]) [a, b, c] = [e, a, b];
      else if (b < 0 || v > w[s + b]) [b, c] = [e, b];
      else if (c < 0 || v > w[s + c]) c = e;
    }
    const ch = TABLE[(1 << (8 - a)) | (1 << (8 - b)) | (1 << (8 - c))];
    if (ch === undefined) return null;
    let total = 0, narrowSum = 0, narrowMin = Infinity, narrowMax = 0;
    for (let e = 0; e < 9; e++) {
      const v = w[s + e];
      total += v;
      if (e === a || e === b || e === c) continue;
      narrowSum += v;
      narrowMin = Math.min(narrowMin, v);
      narrowMax = Math.max(narrowMax, v);
    }
    const wideMin = w[s + c];
    const wideMax = w[s + a];
    const narrow = narrowSum / 6;
    // Wide and narrow clearly apart, and each kind of one size: the runs
    // of a QR code or of text, seen along a line, are a mix of 1, 2, 3 and
    // more module widths and seldom pass this as well as the table.
    if (wideMin < narrowMax * WIDE_OVER_NARROW) return null;
    if (wideMax > wideMin * 1.9 || narrowMax > narrowMin * 2.5) return null;
    if ((wideMin + w[s + b] + wideMax) / 3 > narrow * 4.5) return null;
    return { ch, total, narrow };
  }

  // Every whole symbol on a line of runs, read left to right: a start `*`
  // after a quiet zone, characters each after a small gap, a stop `*`
  // followed by a quiet zone. `dark0`: whether w[0] is a bar.
  function symbols(w, dark0) {
    const out = [];
    for (let s = dark0 ? 2 : 1; s + 9 < w.length; s += 2) {
      const start = character(w, s);
      if (!start || start.ch !== "*") continue;
      let narrow = start.narrow;
      if (w[s - 1] < QUIET * narrow) continue;
      let text = "";
      let p = s + 9; // the gap after the current character
      let end = -1;
      while (p + 10 < w.length && text.length <= 40) {
        if (w[p] > GAP_MAX * narrow) break;
        const c = character(w, p + 1);
        if (!c || Math.abs(c.total - start.total) > CHAR_DRIFT * start.total) break;
        if (c.ch === "*") {
          if (w[p + 10] >= QUIET * narrow) end = p + 10;
          break;
        }
        text += c.ch;
        narrow = (narrow + c.narrow) / 2;
        p += 10;
      }
      if (end > 0 && text) {
        out.push(text);
        s = end - 1; // go on after this symbol (s + 2 is the next bar)
      }
    }
    return out;
  }

  /** The card codes on one grey line, read both ways (a card upside down). */
  function lineCodes(grey) {
    const r = runs(grey);
    if (!r) return [];
    const { widths, firstDark } = r;
    const lastDark = (widths.length - 1) % 2 === 0 ? firstDark : !firstDark;
    const found = [...symbols(widths, firstDark), ...symbols(widths.slice().reverse(), lastDark)];
    return [...new Set(found.map(normalise).filter(Boolean))];
  }

  // Grey of one row or column of RGBA pixels; see-through pixels count as
  // the white paper behind them.
  function greyLine(img, index, vertical) {
    const { width, height, data } = img;
    const n = vertical ? height : width;
    const out = new Uint8ClampedArray(n);
    for (let k = 0; k < n; k++) {
      const o = vertical ? (k * width + index) * 4 : (index * width + k) * 4;
      const a = data[o + 3];
      const g = (data[o] * 77 + data[o + 1] * 150 + data[o + 2] * 29) >> 8;
      out[k] = 255 - ((255 - g) * a) / 255;
    }
    return out;
  }

  // Rows from the middle outwards, `step` apart: a held-up card is most
  // often in the middle, a printed sheet anywhere.
  function rowOrder(height, step) {
    const mid = Math.floor(height / 2);
    const rows = [mid];
    for (let d = step; d <= height; d += step) {
      if (mid - d >= 0) rows.push(mid - d);
      if (mid + d < height) rows.push(mid + d);
    }
    return rows;
  }

  // A code counts only when two rows read it: one row through a photo, a
  // QR code or text may by chance look like a short symbol. A row that reads
  // something new is checked at once against the rows just under it.
  function confirmedCodes(img, all) {
    if (!img || !img.height || !img.width) return [];
    const { height } = img;
    const step = all ? Math.max(1, Math.floor(height / 1200)) : Math.max(1, Math.floor(height / 240));
    const seen = new Map(); // code → rows
    const done = new Set();
    for (const y of rowOrder(height, step)) {
      for (const code of lineCodes(greyLine(img, y, false))) {
        if (done.has(code)) continue;
        seen.set(code, (seen.get(code) || 0) + 1);
        for (let dy = 1; dy <= 3 && seen.get(code) < 2 && y + dy < height; dy++) {
          if (lineCodes(greyLine(img, y + dy, false)).includes(code)) seen.set(code, 2);
        }
        if (seen.get(code) >= 2 || height === 1) {
          if (!all) return [code];
          done.add(code);
        }
      }
    }
    return [...done];
  }

  /** The code of the Code 39 symbol in a canvas ImageData, or null. */
  function decodeCode39(img) {
    return confirmedCodes(img, false)[0] ?? null;
  }

  /** Every distinct code in an ImageData (a whole printed sheet). */
  function decodeCode39All(img) {
    return confirmedCodes(img, true);
  }

  /** The first code on one line of grey values (0 black … 255 white), or null. */
  function decodeCode39Row(grey) {
    return lineCodes(grey)[0] ?? null;
  }

  window.kaikuScan = { decodeCode39, decodeCode39All, decodeCode39Row, normalise };

  // ---------- the camera ----------

  // Asked once per page: which of our formats the browser's own reader knows.
  let detectorPromise = null;
  function detector() {
    detectorPromise ??= (async () => {
      if (!("BarcodeDetector" in window)) return null;
      try {
        const supported = await window.BarcodeDetector.getSupportedFormats();
        const formats = ["qr_code", "code_39"].filter((f) => supported.includes(f));
        if (!formats.length) return null;
        return { reader: new window.BarcodeDetector({ formats }), code39: formats.includes("code_39") };
      } catch {
        return null;
      }
    })();
    return detectorPromise;
  }

  // One frame with our own reader: a few rows across the middle, and a few
  // columns for a card held sideways. Returns the code read on two lines,
  // and every code read once (to be matched with the next frame's).
  function readFrame(img) {
    const counts = new Map();
    const lines = [];
    for (let k = 0; k < 9; k++) lines.push([Math.floor(img.height * (0.3 + k * 0.05)), false]);
    for (let k = 0; k < 5; k++) lines.push([Math.floor(img.width * (0.4 + k * 0.05)), true]);
    for (const [at, vertical] of lines) {
      for (const code of lineCodes(greyLine(img, at, vertical))) {
        counts.set(code, (counts.get(code) || 0) + 1);
        if (counts.get(code) >= 2) return { code, once: [] };
      }
    }
    return { code: null, once: [...counts.keys()] };
  }

  const FRAME_MS = 150; // about 7 frames a second: quick enough, and kind to a tablet's battery
  const MAX_WIDTH = 1280; // larger frames cost time and add nothing a barcode needs

  function setup(marker) {
    const input = marker instanceof HTMLInputElement ? marker : document.getElementById(marker.dataset.scan || "");
    if (!(input instanceof HTMLInputElement) || input.dataset.scanReady) return;
    input.dataset.scanReady = "1";
    const text = (name, fallback) => marker.getAttribute(`data-scan-${name}`) || fallback;
    const label = text("label", "Scan");

    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary scan-button";
    button.textContent = label;
    button.setAttribute("aria-haspopup", "dialog");
    input.insertAdjacentElement("afterend", button);

    // The dialog is made on first use, so a page nobody scans on has none.
    let dialog, status, video, canvas, ctx;
    let stream = null;
    let timer = 0;
    let run = 0; // the current opening; an older one's late answers are dropped
    let lastOnce = [];

    function build() {
      dialog = document.createElement("dialog");
      dialog.className = "scan-dialog";
      dialog.setAttribute("aria-label", label);
      status = document.createElement("p");
      status.className = "scan-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      video = document.createElement("video");
      // Muted and inline, or phones will not play it without a tap, and
      // Safari would open it full screen. The preview is for the eyes only.
      video.muted = true;
      video.playsInline = true;
      video.setAttribute("playsinline", "");
      video.setAttribute("aria-hidden", "true");
      const actions = document.createElement("p");
      actions.className = "actions";
      const cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "secondary";
      cancel.textContent = text("cancel", "Cancel");
      // Focus goes here on opening: Enter or Esc, and the dialog is gone.
      cancel.autofocus = true;
      cancel.addEventListener("click", () => dialog.close());
      actions.append(cancel);
      dialog.append(status, video, actions);
      // Outside the form: nothing in the dialog is ever sent.
      document.body.append(dialog);
      canvas = document.createElement("canvas");
      ctx = canvas.getContext("2d", { willReadFrequently: true });
      // Esc, the cancel button and a read code all end here: the camera
      // light goes off and the clerk is back in the field.
      dialog.addEventListener("close", () => {
        stop();
        input.focus();
      });
    }

    function stop() {
      run++;
      clearTimeout(timer);
      if (stream) for (const t of stream.getTracks()) t.stop();
      stream = null;
      if (video) video.srcObject = null;
    }

    function deny() {
      video.hidden = true;
      status.textContent = text("denied", "");
    }

    async function open() {
      if (!dialog) build();
      if (dialog.open) return;
      stop();
      const mine = run;
      lastOnce = [];
      video.hidden = false;
      status.textContent = "";
      dialog.showModal();
      // Set after opening, so that a screen reader announces it.
      status.textContent = text("looking", "");
      let s;
      try {
        s = await navigator.mediaDevices.getUserMedia({
          audio: false,
          // "ideal": a laptop with only a front camera still works.
          video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
      } catch {
        // Refused, no camera, camera in use by another app: say so and
        // leave the field to the keyboard.
        if (mine === run) deny();
        return;
      }
      if (mine !== run || !dialog.open) {
        for (const t of s.getTracks()) t.stop();
        return;
      }
      stream = s;
      video.srcObject = s;
      try {
        await video.play();
      } catch {
        // Autoplay of a muted video is allowed; if a browser says no, the
        // frames are still there to read.
      }
      tick(mine);
    }

    async function tick(mine) {
      if (mine !== run) return;
      let code = null;
      try {
        code = await readVideo();
      } catch {
        code = null; // a frame that cannot be read: try the next one
      }
      if (mine !== run) return;
      if (code) return found(code);
      timer = setTimeout(() => tick(mine), FRAME_MS);
    }

    async function readVideo() {
      const vw = video.videoWidth;
      const vh = video.videoHeight;
      if (video.readyState < 2 || !vw || !vh) return null;
      const scale = Math.min(1, MAX_WIDTH / vw);
      const w = Math.round(vw * scale);
      const h = Math.round(vh * scale);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.drawImage(video, 0, 0, w, h);
      const det = await detector();
      if (det) {
        for (const b of await det.reader.detect(canvas)) {
          const code = normalise(b.rawValue);
          if (code) return code; // the browser's reader checks its own reads
        }
        if (det.code39) return null;
      }
      const { code, once } = readFrame(ctx.getImageData(0, 0, w, h));
      if (code) return code;
      // Read on one line only: good enough if the last frame read it too.
      const again = once.find((c) => lastOnce.includes(c));
      lastOnce = once;
      return again ?? null;
    }

    function found(code) {
      stop();
      input.value = code;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      dialog.close();
      const form = input.form;
      if (!form) return;
      // requestSubmit, not submit: the form's own submit handlers (offline.js
      // at the box office) and its checks run, as when Enter is pressed.
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.querySelector("button[type=submit], input[type=submit]")?.click();
    }

    button.addEventListener("click", open);
    // Leaving the page or the tab lets go of the camera.
    const release = () => {
      if (!dialog?.open) return;
      stop(); // now: a page going into the back-forward cache gets no close event yet
      dialog.close();
    };
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) release();
    });
    window.addEventListener("pagehide", release);
  }

  // A page whose policy forbids the camera would only ever say "refused".
  function cameraAllowed() {
    const policy = document.permissionsPolicy || document.featurePolicy;
    try {
      if (policy && typeof policy.allowsFeature === "function") return policy.allowsFeature("camera");
    } catch {
      // an unknown feature name: let getUserMedia decide
    }
    return true;
  }

  // Before permission browsers list cameras without names, which is all we
  // need: no camera, no button.
  async function hasCamera() {
    const md = navigator.mediaDevices;
    if (typeof md.enumerateDevices !== "function") return true;
    try {
      return (await md.enumerateDevices()).some((d) => d.kind === "videoinput");
    } catch {
      return true;
    }
  }

  function init() {
    const markers = document.querySelectorAll("[data-scan]");
    if (!markers.length) return;
    if (typeof navigator.mediaDevices?.getUserMedia !== "function") return;
    if (typeof HTMLDialogElement !== "function" || !("showModal" in HTMLDialogElement.prototype)) return;
    if (!cameraAllowed()) return;
    const offer = async () => {
      if (await hasCamera()) for (const m of markers) setup(m);
    };
    offer();
    // A camera plugged in later (a USB camera at the counter) brings the button.
    navigator.mediaDevices.addEventListener?.("devicechange", offer);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
