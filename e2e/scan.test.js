// Reading a card's code with the camera (static/scan.js), in headless
// Chromium against a running `kaiku serve` (KAIKU_E2E_URL): our own Code 39
// reader on drawn barcodes and on a page of the printed cards, and the scan
// button with a fake camera (a canvas filmed by captureStream). Headless
// Chromium on Linux has no BarcodeDetector, so the reader tried is ours.
//
//   cd e2e && KAIKU_E2E_URL=http://127.0.0.1:PORT node --test --test-concurrency=1 scan.test.js
//
// The printed-card test also needs a page of a printed series as PNG and
// the codes on it:
//   pdftoppm -r 200 -png -f 1 -l 1 cards.pdf /tmp/cards   (→ /tmp/cards-1.png or -01.png)
//   KAIKU_E2E_CARD_PNG=/tmp/cards-1.png KAIKU_E2E_CARD_CODES=V0001,V0002,… node --test scan.test.js

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.KAIKU_E2E_URL ?? 'http://127.0.0.1:18080';

// Code 39 as published: each character is bar, space, bar, … (9 elements),
// 1 narrow and 2 wide. Typed out here on purpose: scan.js builds its table
// another way, so a slip in either shows.
const C39 = {
  0: '111221211', 1: '211211112', 2: '112211112', 3: '212211111', 4: '111221112',
  5: '211221111', 6: '112221111', 7: '111211212', 8: '211211211', 9: '112211211',
  A: '211112112', B: '112112112', C: '212112111', D: '111122112', E: '211122111',
  F: '112122111', G: '111112212', H: '211112211', I: '112112211', J: '111122211',
  K: '211111122', L: '112111122', M: '212111121', N: '111121122', O: '211121121',
  P: '112121121', Q: '111111222', R: '211111221', S: '112111221', T: '111121221',
  U: '221111112', V: '122111112', W: '222111111', X: '121121112', Y: '221121111',
  Z: '122121111', '-': '121111212', '.': '221111211', ' ': '122111211', '*': '121121211',
};

/** The bars of `*text*` as [x, width], and the symbol's width with its quiet zones. */
function code39Bars(text, { narrow = 3, wide = 8, quiet = 40, gap = narrow } = {}) {
  const bars = [];
  const chars = `*${text}*`;
  let x = quiet;
  for (let i = 0; i < chars.length; i++) {
    const pattern = C39[chars[i]];
    assert.ok(pattern, `no Code 39 for ${chars[i]}`);
    for (let e = 0; e < 9; e++) {
      const w = pattern[e] === '2' ? wide : narrow;
      if (e % 2 === 0) bars.push([x, w]);
      x += w;
    }
    if (i < chars.length - 1) x += gap;
  }
  return { bars, width: x + quiet };
}

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
});
after(async () => {
  await browser?.close();
});

/** A page of kaiku's origin with scan.js loaded; script errors are collected. */
async function decoderPage() {
  const context = await browser.newContext({ bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(`${BASE}/health`);
  assert.ok(res.ok(), `${BASE}/health: ${res.status()} (is kaiku serve running?)`);
  await page.setContent('<!doctype html><html lang="en"><head><title>scan</title></head><body></body></html>');
  await page.addScriptTag({ url: `${BASE}/static/scan.js` });
  await page.waitForFunction(() => window.kaikuScan && typeof window.kaikuScan.decodeCode39 === 'function');
  return { context, page, errors };
}

/**
 * Draws symbols on a white canvas in the page and reads it with
 * kaikuScan.decodeCode39. `symbol`: {bars, width}; options: blur (px), noise
 * (± grey levels, seeded), mirror (the card upside down), at (x offset).
 */
async function drawAndDecode(page, symbol, { height = 120, blur = 0, noise = 0, mirror = false, at = 0, canvasWidth } = {}) {
  return page.evaluate(
    ({ bars, width, height, blur, noise, mirror, at, canvasWidth }) => {
      const w = canvasWidth ?? width + at;
      const c = document.createElement('canvas');
      c.width = w;
      c.height = height;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, height);
      if (blur) ctx.filter = `blur(${blur}px)`;
      ctx.fillStyle = '#000';
      for (const [x, bw] of bars) ctx.fillRect(mirror ? at + width - x - bw : at + x, 10, bw, height - 20);
      ctx.filter = 'none';
      const img = ctx.getImageData(0, 0, w, height);
      if (noise) {
        let seed = 20260501;
        const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
        for (let i = 0; i < img.data.length; i += 4) {
          const d = Math.round((rnd() * 2 - 1) * noise);
          img.data[i] += d;
          img.data[i + 1] += d;
          img.data[i + 2] += d;
        }
      }
      // One row through the middle, as grey, for decodeCode39Row.
      const y = height >> 1;
      const row = [];
      for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 4;
        row.push(Math.round(0.299 * img.data[o] + 0.587 * img.data[o + 1] + 0.114 * img.data[o + 2]));
      }
      return { image: window.kaikuScan.decodeCode39(img), row: window.kaikuScan.decodeCode39Row(row) };
    },
    { ...symbol, height, blur, noise, mirror, at, canvasWidth },
  );
}

test('Code 39: a drawn E1234 is read, also upside down and at printed sizes', async () => {
  const { context, page, errors } = await decoderPage();
  try {
    const e1234 = code39Bars('E1234', { narrow: 3, wide: 8, quiet: 40 });
    assert.deepEqual(await drawAndDecode(page, e1234), { image: 'E1234', row: 'E1234' });
    assert.deepEqual(await drawAndDecode(page, e1234, { mirror: true }), { image: 'E1234', row: 'E1234' }, 'upside down');
    // Off to one side of a wider picture, with paper around it.
    assert.equal((await drawAndDecode(page, e1234, { at: 300, canvasWidth: 1000 })).image, 'E1234');
    // Every character a card code may have, at 2 px narrow and 5 px wide
    // (about a printed card at 200 dpi).
    for (const code of ['ABCDEFGHIJKLMNOP', 'QRSTUVWXYZ012345', '6789', 'K']) {
      const s = code39Bars(code, { narrow: 2, wide: 5, quiet: 24 });
      assert.equal((await drawAndDecode(page, s)).image, code, code);
    }
    // Module edges between pixels (anti-aliased), wide 2.5 × narrow.
    const fractional = code39Bars('V0001', { narrow: 2.4, wide: 6, quiet: 30 });
    assert.equal((await drawAndDecode(page, fractional)).image, 'V0001', 'fractional module width');
    // Wide 2 × narrow, the least the standard allows and what the card PDF
    // prints (barcoders: 1 and 2 modules); a 16-character code on a card
    // is about 0.32 mm a module, 2.5 pixels at 200 dpi.
    const ratio2 = code39Bars('SAVO2026', { narrow: 3, wide: 6, quiet: 30 });
    assert.equal((await drawAndDecode(page, ratio2)).image, 'SAVO2026', 'wide twice narrow');
    const printed = code39Bars('KAIKU00000000001', { narrow: 2.49, wide: 4.98, quiet: 24.9 });
    assert.equal((await drawAndDecode(page, printed)).image, 'KAIKU00000000001', 'a long code as printed');
    // A code the register cannot have is not a card code.
    const dotted = code39Bars('E.12', { narrow: 3, wide: 8 });
    assert.equal((await drawAndDecode(page, dotted)).image, null, 'a dot is not in a card code');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Code 39: a blurred, noisy E1234 is still read', async () => {
  const { context, page, errors } = await decoderPage();
  try {
    const e1234 = code39Bars('E1234', { narrow: 3, wide: 8, quiet: 40 });
    assert.equal((await drawAndDecode(page, e1234, { blur: 1 })).image, 'E1234', 'blur 1px');
    assert.equal((await drawAndDecode(page, e1234, { blur: 1, noise: 24 })).image, 'E1234', 'blur 1px and noise');
    assert.equal((await drawAndDecode(page, e1234, { blur: 1, noise: 24, mirror: true })).image, 'E1234', 'upside down');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Code 39: a blank picture reads as nothing', async () => {
  const { context, page, errors } = await decoderPage();
  try {
    const got = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 400;
      c.height = 100;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      const clear = window.kaikuScan.decodeCode39(ctx.getImageData(0, 0, 400, 100)); // see-through
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 400, 100);
      const white = window.kaikuScan.decodeCode39(ctx.getImageData(0, 0, 400, 100));
      ctx.fillStyle = '#000';
      ctx.font = '40px sans-serif';
      ctx.fillText('E1234 *E1234*', 10, 65);
      const words = window.kaikuScan.decodeCode39(ctx.getImageData(0, 0, 400, 100));
      const row = window.kaikuScan.decodeCode39Row(new Array(400).fill(255));
      const empty = window.kaikuScan.decodeCode39(new ImageData(1, 1));
      return { clear, white, words, row, empty };
    });
    assert.deepEqual(got, { clear: null, white: null, words: null, row: null, empty: null });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Code 39 fallback decodes a printed card', async (t) => {
  const pngs = process.env.KAIKU_E2E_CARD_PNG;
  const codes = process.env.KAIKU_E2E_CARD_CODES;
  if (!pngs || !codes) {
    t.skip('set KAIKU_E2E_CARD_PNG (a page of the printed cards: pdftoppm -r 200 -png) and KAIKU_E2E_CARD_CODES (its codes, comma-separated)');
    return;
  }
  const expected = codes.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const { context, page, errors } = await decoderPage();
  try {
    const found = new Set();
    for (const path of pngs.split(',').map((p) => p.trim()).filter(Boolean)) {
      const url = `data:image/png;base64,${readFileSync(path).toString('base64')}`;
      const got = await page.evaluate(async (url) => {
        const img = new Image();
        img.src = url;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d', { willReadFrequently: true });
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, c.width, c.height);
        ctx.drawImage(img, 0, 0);
        // The whole sheet: every symbol on every row, two cards side by side too.
        const all = window.kaikuScan.decodeCode39All(ctx.getImageData(0, 0, c.width, c.height));
        // Strips across the sheet, half overlapping, each read as one
        // picture the way a camera frame is: one code per strip and half.
        const strips = [];
        const h = Math.max(60, Math.round(c.height / 20));
        for (let y = 0; y < c.height; y += h >> 1) {
          for (const [x, w] of [[0, c.width], [0, c.width >> 1], [c.width >> 1, c.width - (c.width >> 1)]]) {
            const code = window.kaikuScan.decodeCode39(ctx.getImageData(x, y, w, Math.min(h, c.height - y)));
            if (code) strips.push(code);
          }
        }
        return { all, strips: [...new Set(strips)], size: `${c.width}×${c.height}` };
      }, url);
      t.diagnostic(`${path} (${got.size}): whole sheet ${got.all.join(' ') || '–'}; strips ${got.strips.join(' ') || '–'}`);
      for (const code of [...got.all, ...got.strips]) found.add(code);
    }
    const missing = expected.filter((c) => !found.has(c));
    const extra = [...found].filter((c) => !expected.includes(c));
    if (extra.length) t.diagnostic(`read but not expected: ${extra.join(' ')}`);
    assert.deepEqual(missing, [], `not read from the printed page: ${missing.join(' ')}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---------- the scan button, with a fake camera ----------

// A form like the card check's, served by the test on kaiku's origin (so
// that scan.js comes from the server) but without kaiku's
// "Permissions-Policy: camera=()", which would hide the button.
const FORM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scan</title>
<link rel="stylesheet" href="/static/kaiku.css"></head><body><main>
<form method="get" action="/scan-test/sent" novalidate data-scan="f-code" data-scan-label="Scan with camera"
 data-scan-looking="Hold the card in front of the camera." data-scan-cancel="Cancel" data-scan-denied="The camera cannot be used. Type the code.">
<div class="field"><label for="f-code">Card code</label><input type="text" name="code" id="f-code" autocomplete="off"></div>
<div class="actions"><button type="submit">Check</button></div>
</form></main></body></html>`;

// In the page: the camera the test wants. 'code' films E1234 in Code 39,
// 'blank' films white paper, 'refused' has a camera the person says no to,
// 'none' has no camera at all.
function fakeCamera({ camera, bars, width }) {
  const md = navigator.mediaDevices;
  md.enumerateDevices = async () =>
    camera === 'none' ? [] : [{ kind: 'videoinput', deviceId: 'fake', groupId: 'fake', label: '' }];
  md.getUserMedia = async (constraints) => {
    sessionStorage.setItem('kaiku-asked', JSON.stringify(constraints));
    if (camera === 'refused' || camera === 'none') throw new DOMException('Permission denied', 'NotAllowedError');
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 360;
    const ctx = c.getContext('2d');
    const x0 = Math.round((640 - width) / 2);
    const paint = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 640, 360);
      if (camera !== 'code') return;
      ctx.fillStyle = '#000';
      for (const [x, w] of bars) ctx.fillRect(x0 + x, 60, w, 240);
    };
    paint();
    setInterval(paint, 100); // a canvas stream sends frames when the canvas is drawn
    window.kaikuFakeStream = c.captureStream(10);
    return window.kaikuFakeStream;
  };
}

async function formPage(camera) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 800, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`${BASE}/scan-test/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FORM }),
  );
  await page.goto(`${BASE}/scan-test/form`);
  await page.evaluate(fakeCamera, { camera, ...code39Bars('E1234', { narrow: 3, wide: 8, quiet: 30 }) });
  await page.addScriptTag({ url: `${BASE}/static/scan.js` });
  return { context, page, errors };
}

test('the scan button reads the code from the camera and sends the form', async () => {
  const { context, page, errors } = await formPage('code');
  try {
    const button = page.locator('#f-code + button.scan-button');
    await button.waitFor();
    assert.equal(await button.getAttribute('type'), 'button');
    assert.equal((await button.innerText()).trim(), 'Scan with camera');
    await Promise.all([page.waitForURL(/\/scan-test\/sent\?code=E1234$/), button.click()]);
    const asked = JSON.parse(await page.evaluate(() => sessionStorage.getItem('kaiku-asked')));
    assert.equal(asked.audio, false);
    assert.deepEqual(asked.video.facingMode, { ideal: 'environment' }, 'the rear camera');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Esc closes the scan dialog, stops the camera and returns to the field', async () => {
  const { context, page, errors } = await formPage('blank');
  try {
    const button = page.locator('button.scan-button');
    await button.click();
    const dialog = page.locator('dialog.scan-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await dialog.getAttribute('aria-label'), 'Scan with camera');
    assert.equal(await dialog.locator('[role=status]').innerText(), 'Hold the card in front of the camera.');
    await page.waitForFunction(() => document.querySelector('dialog.scan-dialog video')?.srcObject);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => window.kaikuFakeStream.getTracks().every((t) => t.readyState === 'ended'));
    await page.waitForFunction(() => document.activeElement?.id === 'f-code');
    // The cancel button does the same.
    await button.click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.id === 'f-code');
    assert.equal(page.url(), `${BASE}/scan-test/form`, 'nothing was sent');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a refused camera says so and the code can be typed', async () => {
  const { context, page, errors } = await formPage('refused');
  try {
    await page.locator('button.scan-button').click();
    const dialog = page.locator('dialog.scan-dialog');
    await dialog.locator('[role=status]', { hasText: 'The camera cannot be used. Type the code.' }).waitFor();
    assert.equal(await dialog.locator('video').isVisible(), false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.id === 'f-code');
    await page.keyboard.type('E1234');
    await Promise.all([page.waitForURL(/\/scan-test\/sent\?code=E1234$/), page.keyboard.press('Enter')]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('without a camera the page stays as it is', async () => {
  const { context, page, errors } = await formPage('none');
  try {
    await page.waitForFunction(() => window.kaikuScan);
    await page.waitForTimeout(300); // the device list is asked for asynchronously
    assert.equal(await page.locator('button.scan-button').count(), 0);
    assert.equal(await page.locator('dialog').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
