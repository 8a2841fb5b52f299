/* 70-apps.js — the container page /apps/{id} (issue 9 §3, C 0103 8.3.2).
 * The framed app's JSSDK posts {zwjs: 1, id, method} to this page. A message
 * is handled only when it comes from the frame's window AND from one of the
 * app's registered origins (data-origins); anything else — a forged origin,
 * another window — is ignored. The call is relayed to the portal by
 * same-origin fetch with the CSRF token, which checks the origin again, and
 * the answer goes back to exactly that origin. */
(function () {
  'use strict';

  var share = document.querySelector('[data-zw-share]');
  if (share && window.navigator.share) {
    share.querySelector('summary').addEventListener('click', function (e) {
      e.preventDefault();
      window.navigator.share({ title: share.getAttribute('data-zw-share-title'), url: share.getAttribute('data-zw-share') })
        .catch(function () { share.open = true; });
    });
  }

  var frame = document.querySelector('[data-zw-app-frame]');
  if (!frame) { return; }
  var allowed = (frame.getAttribute('data-origins') || '').split(/\s+/).filter(Boolean);
  var appId = frame.getAttribute('data-app-id');
  var csrf = frame.getAttribute('data-csrf');
  var login = frame.getAttribute('data-login');
  var waiting = null;

  function acceptMessage(event) {
    return event.source === frame.contentWindow && allowed.indexOf(event.origin) >= 0 &&
      !!event.data && event.data.zwjs === 1 && typeof event.data.id === 'string' && typeof event.data.method === 'string';
  }
  // Exposed for the browser tests of the origin check.
  window.zwAppContainer = { accept: acceptMessage, allowed: allowed };

  function post(path, body) {
    return window.fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.ok ? r.json() : { result: 'false', code: 'internal_error' };
    }, function () {
      return { result: 'false', code: 'container_timeout' };
    });
  }

  function reply(event, data) {
    event.source.postMessage({ zwjs: 1, id: event.data.id, data: data }, event.origin);
  }

  var panel = document.getElementById('zw-app-consent');
  function showConsent(event) {
    if (!panel) { reply(event, { result: 'false', code: 'consent_required' }); return; }
    waiting = event;
    panel.hidden = false;
    panel.querySelector('h2').setAttribute('tabindex', '-1');
    panel.querySelector('h2').focus();
  }

  if (panel) {
    var form = panel.querySelector('form');
    var decision = 'allow';
    Array.prototype.forEach.call(form.querySelectorAll('button[name=decision]'), function (b) {
      b.addEventListener('click', function () { decision = b.value; });
    });
    form.addEventListener('submit', function (e) {
      if (!waiting) { return; } // no pending call: the plain form goes to the server
      e.preventDefault();
      var ev = waiting;
      waiting = null;
      panel.hidden = true;
      frame.focus();
      if (decision !== 'allow') { reply(ev, { result: 'false', code: 'consent_denied' }); return; }
      post('/jssdk/container/consent', { app_id: appId, origin: ev.origin }).then(function (d) { reply(ev, d); });
    });
  }

  window.addEventListener('message', function (event) {
    if (!acceptMessage(event)) { return; }
    var m = event.data;
    var path = m.method === 'logout' ? '/jssdk/container/logout' : '/jssdk/container/ticket';
    post(path, { app_id: appId, origin: event.origin, method: m.method }).then(function (d) {
      if (d.next === 'login') { window.location.assign(login); return; }
      if (d.next === 'consent') { showConsent(event); return; }
      reply(event, d);
    });
  });
}());
