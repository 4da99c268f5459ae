// kaiku tried as its users would: every journey start to finish in
// headless Chromium against a real `kaiku serve` (started by run.sh), the
// wrong things people do tried on the way, axe-core run on every page the
// journeys visit, in Finnish, Swedish and English. Screenshots of the key
// pages go to target/e2e/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.KAIKU_E2E_URL ?? 'http://127.0.0.1:18080';
const SHOTS = process.env.KAIKU_E2E_SHOTS ?? '../target/e2e';
const ADMIN = process.env.KAIKU_E2E_ADMIN ?? 'paakayttaja';
const ADMIN_PASSWORD = process.env.KAIKU_E2E_PASSWORD ?? 'e2e admin password 2026';
const PASSWORD = 'a long staff password 2026';
const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

let browser;
/** What the journeys made, for the later ones. */
const made = {};
/** Pages each person visited (GET), audited again in the other languages. */
const visited = new Map();

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
});
after(async () => {
  await browser?.close();
});

// ---------- helpers ----------

function iso(d) {
  return d.toISOString().slice(0, 10);
}
/** A day counted from today in Helsinki, where kaiku's days are. */
function daysFromToday(n) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d;
}

async function person(lang = 'fi', viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ locale: LOCALES[lang], viewport, acceptDownloads: true, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`script error on ${page.url()}: ${e.message}`);
  });
  return page;
}

/** axe-core on the page as it is now: no WCAG 2.1 A or AA violation. */
async function audit(page, what) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(found, [], `axe on ${what} (${page.url()}):\n  ${found.join('\n  ')}`);
  // Every action on the page can be reached with Tab.
  const unreachable = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter((el) => el.offsetParent !== null && !el.disabled && el.tabIndex < 0)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unreachable, [], `not reachable with Tab on ${what}`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Opens a page, checks it is no error page, audits it and remembers it. */
async function open(page, path, who) {
  const res = await page.goto(BASE + path);
  assert.ok(res.ok(), `${path}: ${res.status()}`);
  await audited(page, who);
}

async function audited(page, who) {
  await audit(page, page.url());
  if (who) {
    if (!visited.has(who)) visited.set(who, new Set());
    visited.get(who).add(page.url().replace(BASE, ''));
  }
}

/** Tabs to an element as a keyboard user would; fails if it is not reachable. */
async function tabTo(page, selector) {
  const target = page.locator(selector).first();
  await target.waitFor();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      const ring = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      });
      assert.ok(ring, `focus is not visible on ${selector}`);
      return target;
    }
  }
  assert.fail(`${selector} is not reachable with Tab on ${page.url()}`);
}

/** Types into a field reached with Tab. */
async function key(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** After a refused form the error summary has the focus and says what to do. */
async function refused(page, words) {
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.ok(
    await summary.evaluate((el) => el === document.activeElement),
    `focus is not on the error summary at ${page.url()}`,
  );
  const text = await summary.innerText();
  assert.match(text, words, `error summary at ${page.url()}`);
  await audited(page);
}

/** The passwords people chose for themselves at their first login. */
const own = new Map();

async function login(page, username, password, who) {
  const current = own.get(username) ?? password;
  await open(page, '/login', who);
  await key(page, '#f-username', username);
  await key(page, '#f-password', current);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')]);
  if (new URL(page.url()).pathname === '/account' && !own.has(username)) {
    // Someone else chose this password: the first thing to do is choose
    // one's own, and the page says so.
    assert.match(await page.locator('main').innerText(), /salasana|lösenord|password/i);
    if (who) await audited(page, who);
    const mine = `${current} oma`;
    await key(page, '#f-current_password', current);
    await key(page, '#f-new_password', mine);
    await key(page, '#f-new_password_again', mine);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    own.set(username, mine);
  }
  // Each person lands on their first page: what they need today (R-REP-7).
  if (who && new URL(page.url()).pathname === '/') {
    await audited(page, who);
    await shot(page, `00-first-page-${username}`);
  }
}

async function logout(page) {
  await Promise.all([page.waitForURL(/\/login/), page.locator('form.logout button').click()]);
}

async function fill(page, fields) {
  for (const [id, value] of Object.entries(fields)) {
    const el = page.locator(`#f-${id}`);
    const tag = await el.evaluate((e) => e.tagName + ':' + e.type);
    if (tag.startsWith('SELECT')) await el.selectOption(String(value));
    else if (tag.endsWith('checkbox')) await (value ? el.check() : el.uncheck());
    else await el.fill(String(value));
  }
}

/** Submits the form that holds `selector` with Enter or its button. */
async function submit(page, button = 'main form button[type=submit]') {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.locator(button).first().click()]);
}

/** The id in the address of the link named `name` that starts with `prefix`. */
async function linkId(page, prefix, name) {
  const href = await page.locator(`main a[href^="${prefix}"]`, { hasText: name }).first().getAttribute('href');
  return idFrom(href, new RegExp(`^${prefix}(\\d+)`));
}

function idFrom(url, pattern) {
  const m = url.match(pattern);
  assert.ok(m, `${url} does not match ${pattern}`);
  return m[1];
}

// ---------- journeys ----------

test('national admin creates an area and its coordinator', async () => {
  const page = await person();
  await open(page, '/login', 'anon');
  // A mistyped password: said plainly, nothing else revealed.
  await key(page, '#f-username', ADMIN);
  await key(page, '#f-password', 'wrong password');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await refused(page, /salasana|käyttäjätunnus/i);
  await page.locator('#f-password').fill(ADMIN_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.locator('#f-password').press('Enter')]);
  await audited(page, 'admin');
  await shot(page, '01-admin-home');

  await open(page, '/areas/new', 'admin');
  await submit(page);
  await refused(page, /nimi/i);
  await fill(page, { name: 'Pohjanmaa', name_sv: 'Österbotten', municipality_codes: 'Vaasa' });
  await submit(page);
  made.area = idFrom(page.url(), /\/areas\/(\d+)/);
  await audited(page, 'admin');
  await shot(page, '02-area-created');

  await open(page, `/accounts/new?area=${made.area}`, 'admin');
  await fill(page, { username: 'koordinaattori', password: 'short', role: 'area_coordinator', area: made.area });
  await submit(page);
  await refused(page, /salasana/i);
  await fill(page, { password: PASSWORD });
  await submit(page);
  await audited(page, 'admin');
  assert.match(await page.locator('main').innerText(), /koordinaattori/);
  await logout(page);
  await page.context().close();
});

test('coordinator sets up a point, a venue, accounts and a card series', async () => {
  const page = await person();
  await login(page, 'koordinaattori', PASSWORD, 'coordinator');
  await open(page, `/areas/${made.area}`, 'coordinator');

  await open(page, `/areas/${made.area}/points/new`, 'coordinator');
  await fill(page, { name: 'Vaasan sosiaalitoimi', type: 'municipal_social_services' });
  await submit(page);
  made.point = await linkId(page, '/points/', 'Vaasan sosiaalitoimi');
  await audited(page, 'coordinator');

  await open(page, `/areas/${made.area}/venues/new`, 'coordinator');
  await fill(page, { name: 'Vaasan teatteri', sector: 'theatre', municipality_code: '905' });
  await page.locator('#f-sales_channels').check();
  await submit(page);
  made.venue = await linkId(page, '/venues/', 'Vaasan teatteri');
  await audited(page, 'coordinator');

  for (const [username, role, field, value] of [
    ['jakaja', 'issuer', 'distribution_point', made.point],
    ['kassa', 'venue_staff', 'venue', made.venue],
  ]) {
    await open(page, `/accounts/new?area=${made.area}`, 'coordinator');
    await fill(page, { username, password: PASSWORD, role, area: made.area, [field]: value });
    await submit(page);
    await audited(page, 'coordinator');
  }

  await open(page, `/areas/${made.area}/series/new`, 'coordinator');
  await fill(page, { prefix: 'V', first: '1', last: '200', width: '4', check: 'none' });
  await submit(page);
  made.series = idFrom(page.url(), /\/series\/(\d+)/);
  await audited(page, 'coordinator');
  // More than the series holds: refused with what to do.
  await fill(page, { distribution_point: made.point, first: '150', last: '300' });
  await submit(page);
  await refused(page, /./);
  await fill(page, { distribution_point: made.point, first: '1', last: '100' });
  await submit(page);
  await audited(page, 'coordinator');
  assert.match(await page.locator('main').innerText(), /Vaasan sosiaalitoimi/);
  await shot(page, '03-series-allocated');
  await page.context().close();
});

test('issuer issues personal and community cards, renews and voids', async () => {
  const page = await person();
  await login(page, 'jakaja', PASSWORD, 'issuer');
  await open(page, `/points/${made.point}/cards`, 'issuer');
  await tabTo(page, `a[href="/points/${made.point}/issue"]`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await audited(page, 'issuer');

  const form = {
    birth_year: '1980',
    mother_tongue: 'fi',
    gender: 'woman',
    postal_code_kind: 'code',
    postal_code: '65100',
    minor_children: '2',
  };
  // A typo in the code and a client under 16: both said beside their fields.
  await fill(page, { ...form, code: 'V00!1', birth_year: '2015' });
  await page.locator('#f-confirmed_at_least_16').check();
  await submit(page);
  await refused(page, /merkki, jota[\s\S]*16/);
  await shot(page, '04-issue-refused');
  await open(page, `/points/${made.point}/issue`, 'issuer');
  await fill(page, { ...form, code: 'V0001' });
  await page.locator('#f-life_situations-low_income').check();
  await page.locator('#f-confirmed_at_least_16').check();
  await submit(page);
  await audited(page, 'issuer');
  const written = await page.locator('main').innerText();
  assert.match(written, /V0001/);
  assert.match(written, new RegExp(`${daysFromToday(0).getUTCFullYear() + 1}`), 'valid until next year is shown');
  await shot(page, '05-issued-write-on-card');
  // The back button and the same form again: refused, the card is issued.
  await page.goBack();
  await page.locator('#f-code').fill('V0001');
  await page.locator('#f-confirmed_at_least_16').check();
  await submit(page);
  await refused(page, /jo jaettu/);

  // A community card.
  await open(page, `/points/${made.point}/issue?kind=community`, 'issuer');
  await fill(page, { code: 'V0002' });
  await submit(page);
  await audited(page, 'issuer');
  assert.match(await page.locator('main').innerText(), /Vaasan sosiaalitoimi/);

  // A paper form from almost a year ago, renewed now; one expired already.
  for (const [code, days] of [
    ['V0003', -355],
    ['V0005', -400],
    ['V0004', -10],
  ]) {
    await open(page, `/points/${made.point}/issue`, 'issuer');
    await fill(page, { ...form, code, grant_date: iso(daysFromToday(days)) });
    await page.locator('#f-confirmed_at_least_16').check();
    await submit(page);
    await audited(page, 'issuer');
  }
  await open(page, '/cards/V0003', 'issuer');
  await open(page, '/cards/V0003/renew', 'issuer');
  await fill(page, { ...form, minor_children: '0' });
  await page.locator('#f-confirmed_at_least_16').check();
  await submit(page);
  await audited(page, 'issuer');
  assert.match(await page.locator('main').innerText(), /V0003/);
  // V0001 is not yet renewable: said with the day it becomes so.
  await open(page, '/cards/V0001/renew', 'issuer');
  await fill(page, form);
  await page.locator('#f-confirmed_at_least_16').check();
  await submit(page);
  await refused(page, /voimassaoloa voi jatkaa [0-9.]+ alkaen/);

  // Voiding a lost card.
  await open(page, '/cards/V0004', 'issuer');
  await submit(page, `form[action="/cards/V0004/void"] button`);
  await refused(page, /syy|reason/i);
  await fill(page, { reason: 'lost' });
  await submit(page, `form[action="/cards/V0004/void"] button`);
  await audited(page, 'issuer');
  await shot(page, '06-card-voided');

  // Last year's paper forms from a sheet: previewed, then recorded.
  await open(page, `/points/${made.point}/import`, 'issuer');
  const forms =
    'Kortin koodi;Myöntämispäivä;Syntymävuosi;Äidinkieli;Alaikäiset lapset;Elämäntilanne\n' +
    `V0010;${iso(daysFromToday(-200))};1961;ruotsi;0;Eläkeläinen\n` +
    `V0011;${iso(daysFromToday(-190))};1990;klingon;1;\n`;
  await page.locator('#f-file').setInputFiles({ name: 'lomakkeet.csv', mimeType: 'text/csv', buffer: Buffer.from(forms) });
  await submit(page, 'form[enctype] button[type=submit]');
  await audited(page);
  const preview = await page.locator('main').innerText();
  assert.match(preview, /1 rivi voidaan kirjata, 1 hylätään/);
  assert.match(preview, /Rivi 3, äidinkieli/);
  await shot(page, '06b-transfer-forms-preview');
  await submit(page, 'form[action$="/confirm"] button');
  await audited(page, 'issuer');
  assert.match(await page.locator('.notice').innerText(), /1 luovutuslomake kirjattiin/);
  await page.context().close();
});

test('R-CARD-10, R-HOLD-1: the coordinator prints cards with holder keys; the holder opens their card on a phone', async () => {
  const page = await person();
  await login(page, 'koordinaattori', PASSWORD, 'coordinator');
  await open(page, `/series/${made.series}`, 'coordinator');
  await Promise.all([page.waitForNavigation(), page.locator(`a[href="/series/${made.series}/print"]`).click()]);
  await audited(page, 'coordinator');
  // Out of the series: refused beside the field, nothing printed.
  await fill(page, { first: '1', last: '999' });
  await submit(page);
  await refused(page, /sarjan sisällä/);
  await fill(page, { first: '1', last: '8', holder_keys: true });
  await submit(page);
  // The job's page: it can be left; here we wait for the file.
  for (let i = 0; i < 100 && !(await page.locator('a[href$="/pdf"]').count()); i++) {
    await page.waitForTimeout(300);
    await page.reload();
  }
  await audit(page, 'print job');
  await shot(page, '05b-print-ready');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href$="/pdf"]').click()]);
  const pdf = `${SHOTS}/cards.pdf`;
  await download.saveAs(pdf);
  // The sheet as the printer gets it, for the scanning test (scan.test.js).
  execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', pdf, `${SHOTS}/cards`]);
  // Card V0001 with its key: the first card and its fold, in points.
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-x', '56', '-y', '36', '-W', '240', '-H', '190', pdf, '-']).toString();
  assert.match(first, /V0001/);
  const key = first.match(/\b([2-9A-Z]{4}) ([2-9A-Z]{4})\b/);
  assert.ok(key, `a key on the first card: ${first}`);
  await page.context().close();

  // The holder, on a phone, with no account.
  const phone = await person('fi', { width: 390, height: 844 });
  await phone.goto(`${BASE}/oma-kortti`);
  await audit(phone, 'holder form fi');
  await shot(phone, '19-holder-form-phone');
  await fill(phone, { holder_code: 'v0001', holder_key: 'AAAA BBBB' });
  await submit(phone);
  await refused(phone, /eivät täsmää/);
  await audit(phone, 'holder refused fi');
  await fill(phone, { holder_code: 'V0001', holder_key: `${key[1]} ${key[2]}`.toLowerCase() });
  await submit(phone);
  const mine = await phone.locator('main').innerText();
  assert.match(mine, /Korttisi on voimassa/);
  assert.match(mine, /Vaasan teatteri/, "the area's catalogue");
  assert.match(mine, /65100/, 'what is stored');
  await audit(phone, 'holder card fi');
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the holder's page is ${wide}px wide on a 390px phone`);
  await shot(phone, '20-holder-card-phone');
  for (const [path, lang] of [['/mitt-kort', 'sv'], ['/my-card', 'en']]) {
    await phone.context().clearCookies();
    await phone.goto(BASE + path);
    assert.equal(await phone.locator('html').getAttribute('lang'), lang);
    await audit(phone, `holder form ${lang}`);
  }
  // The statements, from the footer.
  for (const path of ['/accessibility', '/privacy']) {
    await phone.goto(BASE + path);
    await audit(phone, `statement ${path}`);
  }
  await phone.context().close();
});

test('venue staff publish a season and serve the box office', async () => {
  const page = await person();
  await login(page, 'kassa', PASSWORD, 'staff');
  await open(page, `/venues/${made.venue}/items`, 'staff');
  await open(page, `/venues/${made.venue}/items/new`, 'staff');
  const tomorrow = iso(daysFromToday(1));
  const season = {
    type: 'event',
    title: 'Kevätnäytös',
    starts_at: `${tomorrow}T19:00`,
    capacity: '200',
    class: 'default',
    booking_opens_days_before: '30',
    redeem_opens_minutes_before: '60',
    repeat: 'weekly',
    repeat_until: iso(daysFromToday(50)),
  };
  // A cap larger than the hall: refused with the rule in words.
  await fill(page, { ...season, cap: '500' });
  await submit(page);
  await refused(page, /./);
  await fill(page, { ...season, cap: '10' });
  await submit(page);
  await audited(page, 'staff');
  await shot(page, '07-season-published');
  // A single concert that may be collected at any time.
  await open(page, `/venues/${made.venue}/items/new`, 'staff');
  await fill(page, {
    type: 'event',
    title: 'Lastenkonsertti',
    starts_at: `${tomorrow}T10:00`,
    capacity: '80',
    cap: '8',
    repeat: 'none',
  });
  await submit(page);
  await audited(page, 'staff');

  // The box office: today's first item chosen, the code typed, Enter twice.
  await open(page, `/venues/${made.venue}/box-office`, 'staff');
  const shows = page.locator('#f-item option', { hasText: 'Kevätnäytös' });
  made.item = await shows.first().getAttribute('value');
  await page.locator('#f-item').selectOption(made.item);
  await key(page, '#f-card_code', 'V00O1');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await audited(page, 'staff');
  assert.match(await page.locator('#verdict').innerText(), /ei maksuttomia lippuja/);
  await page.locator('#f-card_code').fill('V0005');
  await Promise.all([page.waitForNavigation(), page.locator('#f-card_code').press('Enter')]);
  assert.match(await page.locator('#verdict').innerText(), /vanhentu|voimassa/i);
  await shot(page, '08-box-office-expired');
  await page.locator('#f-card_code').fill('V0001');
  await Promise.all([page.waitForNavigation(), page.locator('#f-card_code').press('Enter')]);
  await audited(page, 'staff');
  await shot(page, '09-box-office-may');
  // The record button has the focus: Enter records; a second press records nothing more.
  assert.ok(await page.locator('#verdict button').evaluate((b) => b === document.activeElement));
  await Promise.all([page.waitForURL(/\/uses\//), page.locator('#verdict button').dblclick()]);
  await audited(page, 'staff');
  made.use = page.url().replace(BASE, '');
  await shot(page, '10-ticket-note');
  // The back button: the card is checked again and now has its ticket.
  await page.goBack();
  assert.match(await page.locator('#verdict').innerText(), /on jo lippu/);
  assert.equal(await page.locator('#verdict button').count(), 0, 'nothing to record twice');
  await shot(page, '10b-back-after-recording');
  await open(page, `/items/${made.item}/tickets`, 'staff');
  assert.equal(await page.locator('main tbody tr').count(), 1, 'one ticket after a double press and a back');

  // Children on the next week's show (the card is for the holder and two children).
  await open(page, `/venues/${made.venue}/box-office`, 'staff');
  const next = await page.locator('#f-item option', { hasText: 'Kevätnäytös' }).nth(1).getAttribute('value');
  await page.locator('#f-item').selectOption(next);
  await fill(page, { card_code: 'V0001', adults: '1', children: '3' });
  await submit(page, 'form.box-office button[type=submit]');
  assert.match(await page.locator('#verdict').innerText(), /ei maksuttomia lippuja/);
  await fill(page, { children: '2' });
  await submit(page, 'form.box-office button[type=submit]');
  await Promise.all([page.waitForURL(/\/uses\//), page.locator('#verdict button').click()]);
  await audited(page, 'staff');

  // Collecting the tickets before the window opens: said when it opens.
  await open(page, made.use, 'staff');
  await submit(page, 'form[action$="/redeem"] button');
  assert.match(await page.locator('main').innerText(), /klo|alkaen/);
  await audited(page);

  // A group visit led with the community card: a member with their own card.
  await open(page, `/venues/${made.venue}/box-office`, 'staff');
  const option = page.locator('#f-item option', { hasText: 'Lastenkonsertti' });
  await page.locator('#f-item').selectOption(await option.getAttribute('value'));
  await page.locator('form.box-office details summary').click();
  await fill(page, { card_code: 'V0002', adults: '1', children: '1', members: 'V0003' });
  await submit(page, 'form.box-office button[type=submit]');
  await audited(page, 'staff');
  await shot(page, '11-group-visit');
  await Promise.all([page.waitForURL(/\/uses\//), page.locator('#verdict button').click()]);
  await audited(page, 'staff');
  assert.match(await page.locator('main').innerText(), /V0003/);
  // Redeem one, then cancel the whole visit.
  await Promise.all([page.waitForURL(/\/uses\//), page.locator('form[action$="/redeem"] button').first().click()]);
  assert.match(await page.locator('main table').innerText(), /Noudettu/);
  await audited(page);
  await Promise.all([
    page.waitForURL(/\/uses\//),
    page.locator('form.inline[action$="/cancel"]:has(input[name=whole_use]) button').click(),
  ]);
  await audited(page);
  assert.doesNotMatch(await page.locator('main table').innerText(), /Noudettu|Varattu/);
  await shot(page, '12-visit-cancelled');
  await page.context().close();
});

test('R-OFF-1..3: the box office keeps recording offline and settles up when the network returns', async () => {
  // A browser profile of its own, closed and opened again on the way, as a
  // tablet at the counter would be switched off and on.
  const dir = mkdtempSync(`${tmpdir()}/kaiku-e2e-offline-`);
  const launch = async () => {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      locale: LOCALES.fi,
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    context.setDefaultTimeout(10_000);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => {
      throw new Error(`script error on ${page.url()}: ${e.message}`);
    });
    return { context, page };
  };
  let { context, page } = await launch();
  await login(page, 'kassa', PASSWORD, 'staff');
  // A small show tomorrow: one Kaikukortti ticket.
  await open(page, `/venues/${made.venue}/items/new`, 'staff');
  await fill(page, {
    type: 'event',
    title: 'Pienoisooppera',
    starts_at: `${iso(daysFromToday(1))}T18:00`,
    capacity: '20',
    cap: '1',
    repeat: 'none',
  });
  await submit(page);
  const screen = `/venues/${made.venue}/box-office`;
  await open(page, screen, 'staff');
  const state = page.locator('#offline-state');
  await state.filter({ hasText: /Tilannekuva/ }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Once more, so that the service worker keeps the screen.
  await page.reload();
  await state.filter({ hasText: /Tilannekuva/ }).waitFor();
  const option = page.locator('#f-item option', { hasText: 'Pienoisooppera' });
  const item = await option.getAttribute('value');

  await context.setOffline(true);
  await state.filter({ hasText: /Ei verkkoyhteyttä/ }).waitFor();
  const visit = async (code, button) => {
    await page.locator('#f-item').selectOption(item);
    await page.locator('#f-card_code').fill(code);
    await page.locator('#f-card_code').press('Enter');
    const b = page.locator('#offline-record');
    await b.waitFor();
    assert.equal(await b.innerText(), button);
    await audited(page);
    return b;
  };
  // Valid by the snapshot: Enter checks, Enter records on the device.
  await visit('V0001', 'Kirjaa tälle laitteelle');
  await shot(page, '13-offline-valid');
  await page.keyboard.press('Enter');
  await page.locator('#offline-verdict', { hasText: /Kirjattu tälle laitteelle/ }).waitFor();
  // Past the upper limit as this device counts it: said, and recorded anyway.
  await visit('V0003', 'Kirjaa silti');
  assert.match(await page.locator('#offline-verdict').innerText(), /Yläraja on täynnä/);
  await page.locator('#offline-record').click();
  await page.locator('#offline-verdict', { hasText: /V0003: Kirjattu/ }).waitFor();
  // A code the snapshot does not know (a card still in stock).
  await visit('V0150', 'Kirjaa silti');
  assert.match(await page.locator('#offline-verdict').innerText(), /ei ole tilannekuvassa/);
  await shot(page, '14-offline-unknown');
  await page.locator('#offline-record').click();
  const waiting = page.locator('#offline-waiting');
  await waiting.filter({ hasText: /^3 käyntiä odottaa/ }).waitFor();
  await audited(page);

  // A reload while offline: the kept screen, the uses still waiting.
  await page.reload();
  await waiting.filter({ hasText: /^3 käyntiä odottaa/ }).waitFor();
  assert.match(await state.innerText(), /Ei verkkoyhteyttä/);
  // The browser closed and opened again, still without a network.
  const sent = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open('kaiku-offline', 1);
        req.onsuccess = () => {
          const all = req.result.transaction('pending').objectStore('pending').getAll();
          all.onsuccess = () => resolve(all.result);
        };
      }),
  );
  assert.equal(sent.length, 3);
  await context.close();
  ({ context, page } = await launch());
  await context.setOffline(true);
  await page.goto(BASE + screen);
  await page.locator('#offline-waiting').filter({ hasText: /^3 käyntiä odottaa/ }).waitFor();
  await shot(page, '15-offline-reopened');
  await audited(page);

  // The network returns: the uses go by themselves, each marked by the register.
  await context.setOffline(false);
  await page
    .locator('#offline-sent')
    .filter({ hasText: /1 kirjattu, 1 yli ylärajan, 1 tarkistettavana/ })
    .waitFor();
  assert.ok(await page.locator('#offline-waiting').isHidden());
  await shot(page, '16-offline-sent');
  await audited(page);
  // Sent a second time (an answer lost on the way): nothing changes.
  const again = await page.evaluate(async ({ venue, uses }) => {
    const res = await fetch(`/api/v1/venues/${venue}/offline-uses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        device: 'again',
        uses: uses.map((u) => ({
          id: u.id,
          item: u.item,
          card_code: u.card_code,
          adults: u.adults,
          children: u.children,
          members: u.members,
          recorded_at: u.recorded_at,
        })),
      }),
    });
    return (await res.json()).uses.map((u) => u.status);
  }, { venue: made.venue, uses: sent });
  assert.deepEqual(again, ['duplicate', 'duplicate', 'duplicate']);
  // The item's counter: the valid use and the one past the cap.
  await open(page, `/items/${item}/tickets`, 'staff');
  assert.equal(await page.locator('main tbody tr').count(), 2);
  // What went past the cap and what waits: the venue settles the unknown code.
  await open(page, `/offline-uses?venue=${made.venue}`, 'staff');
  const rows = page.locator('main tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await page.locator('main table').innerText(), /Yli ylärajan[\s\S]*|Tarkistettava/);
  await shot(page, '17-offline-to-settle');
  await Promise.all([
    page.waitForNavigation(),
    page.locator('main tr', { hasText: 'V0150' }).locator('button', { hasText: 'Peru käynti' }).click(),
  ]);
  assert.match(await page.locator('main tr', { hasText: 'V0150' }).innerText(), /Peruttu/);
  await audited(page, 'staff');
  await context.close();
  rmSync(dir, { recursive: true, force: true });
});

test('venue staff submit the month; the coordinator sees it and the statistics', async () => {
  const page = await person();
  await login(page, 'kassa', PASSWORD, 'staff');
  await open(page, `/venues/${made.venue}/report`, 'staff');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href*="format=xlsx"]').click(),
  ]);
  const path = `${SHOTS}/report.xlsx`;
  await download.saveAs(path);
  assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK', 'a real XLSX');
  // A sheet of uses from the old ticketing system: one row refused, with why.
  await open(page, `/venues/${made.venue}/import`, 'staff');
  const uses =
    'Kortin koodi;Aikuiset;Lapset;Tapahtuma tai kurssi;Päivämäärä\n' +
    `V0010;1;0;Syysnäytös;${iso(daysFromToday(-30))}\nX9999;1;0;Syysnäytös;${iso(daysFromToday(-30))}\n`;
  await page.locator('#f-file').setInputFiles({ name: 'kaynnit.csv', mimeType: 'text/csv', buffer: Buffer.from(uses) });
  await submit(page, 'form[enctype] button[type=submit]');
  await audited(page);
  assert.match(await page.locator('main').innerText(), /Rivi 3: Tällä koodilla ei ole korttia/);
  await shot(page, '12b-usage-import-preview');
  await submit(page, 'form[action$="/confirm"] button');
  assert.match(await page.locator('.notice').innerText(), /1 käynti kirjattiin/);
  await open(page, `/venues/${made.venue}/report`, 'staff');
  await submit(page, 'form[action$="/report/submit"] button');
  await audited(page, 'staff');
  await shot(page, '13-report-submitted');
  await logout(page);

  await login(page, 'koordinaattori', PASSWORD, 'coordinator');
  await open(page, `/areas/${made.area}/reports`, 'coordinator');
  assert.match(await page.locator('main').innerText(), /Vaasan teatteri/);
  await shot(page, '14-area-reports');
  await open(page, `/areas/${made.area}/statistics`, 'coordinator');
  assert.ok((await page.locator('main svg, main figure').count()) > 0, 'charts on the statistics page');
  await shot(page, '15-area-statistics');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href*="format=xlsx"]').first().click(),
  ]);
  await xlsx.saveAs(`${SHOTS}/statistics.xlsx`);
  assert.equal(readFileSync(`${SHOTS}/statistics.xlsx`).subarray(0, 2).toString(), 'PK');
  // A year that is over goes to the national service; the only area has
  // sent it, so the whole country's table is published, small numbers
  // protected. This year's page offers no sending yet.
  assert.equal(await page.locator('form[action$="/statistics/submit"]').count(), 0);
  await open(page, `/areas/${made.area}/statistics?year=${new Date().getFullYear() - 1}`, 'coordinator');
  await submit(page, 'form[action$="/statistics/submit"] button');
  await audited(page, 'coordinator');
  assert.match(await page.locator('.notice').first().innerText(), /1/);
  await logout(page);
  await login(page, ADMIN, ADMIN_PASSWORD, 'admin');
  await open(page, '/statistics', 'admin');
  const national = await page.locator('main').innerText();
  assert.match(national, /Koko maa/);
  assert.match(national, /<5 tarkoittaa 0–4 henkilöä/);
  await shot(page, '15b-national-statistics');
  await page.context().close();
});

test('a card holder on a phone finds the area in Swedish and opens the brochure', async () => {
  const page = await person('sv', { width: 390, height: 844 });
  await open(page, '/catalogue', 'anon');
  assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  await shot(page, '16-catalogue-phone-sv');
  assert.equal(await page.locator('#f-area').getAttribute('aria-describedby'), null, 'no stray hint on the area filter');
  // Choosing the area in the filter leads to the area's own page.
  await page.locator('#f-area').selectOption(made.area);
  await submit(page, 'form.filters button[type=submit]');
  assert.equal(new URL(page.url()).pathname, `/catalogue/${made.area}`);
  await audited(page, 'anon');
  assert.match(await page.locator('main').innerText(), /Kevätnäytös/);
  assert.match(await page.locator('main').innerText(), /Vaasan teatteri/);
  await shot(page, '17-area-catalogue-phone-sv');
  // Dates the wrong way round: said, not an empty list.
  await fill(page, { from: iso(daysFromToday(30)), to: iso(daysFromToday(1)) });
  await submit(page, 'form.filters button[type=submit]');
  await refused(page, /slut är före/);
  assert.equal(await page.locator('#f-from').inputValue(), iso(daysFromToday(30)), 'the dates typed stay');
  await shot(page, '17b-catalogue-dates-reversed-sv');
  // Nothing wider than the phone: no sideways scrolling.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide}px wide on a 390px phone`);
  await Promise.all([page.waitForNavigation(), page.locator(`a[href="/catalogue/${made.area}/brochure"]`).first().click()]);
  await audited(page, 'anon');
  await shot(page, '18-brochure-sv');
  // The brochure's PDF, as the pages a coordinator hands out look.
  const pdf = await page.request.get(`${BASE}/catalogue/${made.area}/brochure.pdf?lang=sv`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  writeFileSync(`${SHOTS}/18b-brochure-sv.pdf`, await pdf.body());
  execFileSync('pdftoppm', ['-r', '60', '-png', `${SHOTS}/18b-brochure-sv.pdf`, `${SHOTS}/18b-brochure-sv`]);
  await page.context().close();
});

test('the catalogue, the brochure, the issue form and the box office read in each language', async () => {
  const words = {
    fi: { area: /Pohjanmaa/, where: /Mistä liput saa/, grant: /Myöntämispäivä/, item: /Tapahtuma tai kurssi/ },
    sv: { area: /Österbotten/, where: /Var man får biljetter/, grant: /Beviljningsdag/, item: /Evenemang eller kurs/ },
    en: { area: /Pohjanmaa/, where: /Where to get tickets/, grant: /Grant date/, item: /Event or course/ },
  };
  for (const lang of ['fi', 'sv', 'en']) {
    const page = await person(lang);
    await open(page, `/catalogue/${made.area}`, 'anon');
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    const catalogue = await page.locator('main').innerText();
    assert.match(catalogue, words[lang].area, "the area's name in the reader's language");
    assert.match(catalogue, words[lang].where);
    await shot(page, `21-catalogue-${lang}`);
    await open(page, `/catalogue/${made.area}/brochure`, 'anon');
    assert.match(await page.locator('main').innerText(), words[lang].area);
    await shot(page, `22-brochure-${lang}`);
    await login(page, 'jakaja', PASSWORD, 'issuer');
    await open(page, `/points/${made.point}/issue`, 'issuer');
    assert.match(await page.locator('main').innerText(), words[lang].grant);
    await shot(page, `23-issue-form-${lang}`);
    await page.context().close();
    const clerk = await person(lang);
    await login(clerk, 'kassa', PASSWORD, 'staff');
    await open(clerk, `/venues/${made.venue}/box-office`, 'staff');
    assert.match(await clerk.locator('main').innerText(), words[lang].item);
    await shot(clerk, `24-box-office-${lang}`);
    await clerk.context().close();
  }
});

test('every page the journeys visited passes axe in Finnish, Swedish and English', async () => {
  const people = {
    anon: null,
    admin: [ADMIN, ADMIN_PASSWORD],
    coordinator: ['koordinaattori', PASSWORD],
    issuer: ['jakaja', PASSWORD],
    staff: ['kassa', PASSWORD],
  };
  let audits = 0;
  for (const lang of Object.keys(LOCALES)) {
    for (const [who, creds] of Object.entries(people)) {
      const page = await person(lang);
      if (creds) await login(page, creds[0], own.get(creds[0]) ?? creds[1]);
      for (const path of visited.get(who) ?? []) {
        if (path.startsWith('/login')) continue;
        const res = await page.goto(BASE + path);
        // A box-office verdict that refuses a card answers 409 by design.
        assert.ok(res.ok() || res.status() === 409, `${lang} ${who} ${path}: ${res.status()}`);
        assert.equal(await page.locator('html').getAttribute('lang'), lang, path);
        await audit(page, `${lang} ${who} ${path}`);
        audits++;
      }
      await page.context().close();
    }
  }
  writeFileSync(`${SHOTS}/audited.txt`, `${audits} page audits, WCAG 2.1 A and AA, axe-core\n`);
  assert.ok(audits > 60, `${audits} audits`);
});
