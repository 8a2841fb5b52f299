/* Service worker of the portal (C 0103 9.4 b: without a network the portal
 * gives a friendly notice instead of failing). It is served at /sw.js so
 * its scope is the whole site, and registered by js/80-offline.js.
 *
 * - On install it caches the offline page in both languages (/offline,
 *   fetched without cookies, so no personal data is ever cached) and the
 *   fingerprinted assets it uses; pages tell it their language.
 * - A page navigation goes to the network as usual; when the network
 *   fails, the cached offline page answers instead (with a retry button).
 * - Fingerprinted /static/ assets never change, so they are served from
 *   the cache when present.
 * - Nothing else is touched: other requests (form posts by script,
 *   /healthz checks, other origins) go straight to the network.
 */
'use strict';

var CACHE = 'zw-offline-v1';
var OFFLINE = '/offline';
var LANGS = ['zh-CN', 'en'];
var LANG_KEY = '/offline/lang';

function assetsOf(html) {
  var seen = {};
  (html.match(/\/static\/[^"'\s)]+/g) || []).forEach(function (u) { seen[u] = true; });
  return Object.keys(seen);
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(LANGS.map(function (lang) {
      var url = OFFLINE + '?lang=' + lang;
      return fetch(url, { credentials: 'omit', cache: 'no-store' }).then(function (res) {
        if (!res.ok) {
          throw new Error('offline page answered ' + res.status);
        }
        return res.clone().text().then(function (html) {
          return cache.put(url, res).then(function () { return cache.addAll(assetsOf(html)); });
        });
      });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

// A page says which language it is in; the offline page follows it.
self.addEventListener('message', function (event) {
  var lang = event.data && event.data.lang;
  if (LANGS.indexOf(lang) >= 0) {
    event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(LANG_KEY, new Response(lang)); }));
  }
});

function offlinePage() {
  return caches.match(LANG_KEY).then(function (r) { return r ? r.text() : LANGS[0]; }).then(function (lang) {
    return caches.match(OFFLINE + '?lang=' + (LANGS.indexOf(lang) >= 0 ? lang : LANGS[0]), { ignoreVary: true });
  });
}

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(function () {
      return offlinePage().then(function (page) {
        return page || new Response('网络不可用，请检查网络连接后重试。', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
      });
    }));
    return;
  }
  if (req.method === 'GET' && url.pathname.indexOf('/static/') === 0) {
    event.respondWith(caches.match(req, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok) {
          var copy = res.clone();
          caches.open(CACHE).then(function (cache) { cache.put(req, copy); });
        }
        return res;
      });
    }));
  }
});
