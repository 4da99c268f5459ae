// kaiku's service worker: keeps the box-office screen and its assets so that
// the screen opens and works without a connection (R-OFF-1). Nothing else is
// kept: every other page, and every API call, goes to the network as usual.
"use strict";

const CACHE = "kaiku-box-office-1";
const ASSETS = ["/static/kaiku.css", "/static/kaiku.js", "/static/offline.js"];
const SCREEN = /^\/venues\/\d+\/box-office$/;

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)));
  self.skipWaiting();
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The network first, so that a connected screen is always today's; what it
// answered is kept for when there is none.
function networkFirst(request, key, keep) {
  return fetch(request)
    .then((res) => {
      if (keep(res)) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(key, copy));
      }
      return res;
    })
    .catch(() => caches.match(key).then((hit) => hit || Response.error()));
}

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SCREEN.test(url.pathname)) {
    // Only the plain screen is kept (not a check's answer, not a login page
    // after the session ended).
    const plain = url.search === "";
    e.respondWith(networkFirst(e.request, url.pathname, (r) => plain && r.ok && !r.redirected));
  } else if (ASSETS.includes(url.pathname)) {
    e.respondWith(networkFirst(e.request, url.pathname, (r) => r.ok));
  }
});
