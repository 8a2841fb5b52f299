/*
 * lightAppJssdk — the JSSDK of the portal (C 0103 8.3.2), served at the
 * stable address /jssdk/index.js (8.3.2.2 示例 1). Include it with the app's
 * app_id:
 *
 *   <script src="https://PORTAL/jssdk/index.js" data-app-id="zwa…"></script>
 *
 * lightAppJssdk.user.getTicket / loginapp / logout each take
 * {success(data), fail(data)}; data is {ticket, result: "true"|"false",
 * message} (8.3.2.3–8.3.2.5), plus a stable `code` when result is "false".
 *
 * Inside the portal's container (/apps/{id}) the calls go to the portal by
 * postMessage, only to the portal's origin and only answered from it. At
 * the top level they use the redirect flow /jssdk/authorize (login if
 * needed → consent → back with the ticket); the answer arrives in the
 * address as zwjs_* parameters, is checked against the state this page
 * stored, removed from the address and handed to the next call of the same
 * method. The protocol is documented in models/apps/sdk/PROTOCOL.md.
 */
(function (window, document) {
  'use strict';
  if (window.lightAppJssdk && window.lightAppJssdk.__zw) { return; }

  var script = document.currentScript;
  var PORTAL = originOf(script && script.src) || window.location.origin;
  var config = { appId: (script && script.getAttribute('data-app-id')) || '' };
  var STATE_KEY = 'zwjs_state';
  var PARAMS = ['zwjs_ticket', 'zwjs_result', 'zwjs_code', 'zwjs_state', 'zwjs_action'];

  // Messages of the stable codes; 已登录 is the standard's own text (8.3.2.4).
  var MESSAGES = {
    already_logged_in: '当前国家政务服务平台政务服务移动端已登录',
    app_open_type: '完全开放类应用不能获取用户身份信息',
    app_offline: '应用未上线或已下线',
    app_unknown: '应用未在国家政务服务平台登记',
    app_id_missing: '未配置应用标识（data-app-id）',
    consent_denied: '用户拒绝授权',
    consent_required: '用户尚未授权此应用',
    not_logged_in: '用户未登录',
    logout_cancelled: '用户取消了退出登录',
    origin_forbidden: '消息来源不是应用登记的域名',
    container_timeout: '国家政务服务平台未响应',
    user_unavailable: '用户账号不可用'
  };

  function originOf(u) {
    try { return new URL(u, window.location.href).origin; } catch (e) { return ''; }
  }

  function framed() {
    try { return window.self !== window.top; } catch (e) { return true; }
  }

  function answer(ok, ticket, code, message) {
    return {
      ticket: ticket || '',
      result: ok ? 'true' : 'false',
      message: ok ? '' : (MESSAGES[code] || message || code || ''),
      code: ok ? '' : (code || '')
    };
  }

  function deliver(cb, data) {
    window.setTimeout(function () {
      var fn = cb && (data.result === 'true' ? cb.success : cb.fail);
      if (typeof fn === 'function') { fn(data); }
    }, 0);
  }

  function random() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  /* ---- inside the container: postMessage with strict origin checks ---- */

  var pending = {};
  var seq = 0;

  // acceptReply is the origin check: only the portal's origin, only the
  // window that framed us, only our own message shape.
  function acceptReply(event) {
    return event.origin === PORTAL && event.source === window.parent &&
      !!event.data && event.data.zwjs === 1 && typeof event.data.id === 'string' && !!event.data.data;
  }

  window.addEventListener('message', function (event) {
    if (!acceptReply(event)) { return; }
    var cb = pending[event.data.id];
    if (!cb) { return; }
    delete pending[event.data.id];
    var d = event.data.data;
    deliver(cb, answer(d.result === 'true', d.ticket, d.code, d.message));
  });

  function viaContainer(method, cb) {
    seq += 1;
    var id = seq + '-' + random();
    pending[id] = cb;
    // The target origin is the portal's: nobody else can read the message.
    window.parent.postMessage({ zwjs: 1, id: id, method: method, appId: config.appId }, PORTAL);
    window.setTimeout(function () {
      if (pending[id]) { delete pending[id]; deliver(cb, answer(false, '', 'container_timeout')); }
    }, 600000);
  }

  /* ---- at the top level: the redirect flow ---- */

  var arrived = null;

  (function readAnswer() {
    var url;
    try { url = new URL(window.location.href); } catch (e) { return; }
    var p = url.searchParams;
    if (!p.has('zwjs_state')) { return; }
    var expected = null;
    try { expected = window.sessionStorage.getItem(STATE_KEY); window.sessionStorage.removeItem(STATE_KEY); } catch (e) { /* storage off */ }
    // An answer this page did not ask for (another site sending the user
    // here with someone else's ticket) is dropped.
    if (expected && p.get('zwjs_state') === expected) {
      arrived = {
        action: p.get('zwjs_action') || 'getTicket',
        data: answer(p.get('zwjs_result') === 'true', p.get('zwjs_ticket'), p.get('zwjs_code'))
      };
    }
    PARAMS.forEach(function (k) { p.delete(k); });
    var q = p.toString();
    window.history.replaceState(window.history.state, '', url.pathname + (q ? '?' + q : '') + url.hash);
  }());

  function viaRedirect(action, cb) {
    if (!config.appId) { deliver(cb, answer(false, '', 'app_id_missing')); return; }
    var state = random();
    try { window.sessionStorage.setItem(STATE_KEY, state); } catch (e) { /* the answer will be dropped */ }
    var path = action === 'logout' ? '/jssdk/logout' : '/jssdk/authorize';
    window.location.assign(PORTAL + path + '?app_id=' + encodeURIComponent(config.appId) +
      '&redirect_uri=' + encodeURIComponent(window.location.href) + '&state=' + state +
      '&action=' + encodeURIComponent(action));
  }

  function call(action, cb) {
    if (arrived && arrived.action === action) {
      var d = arrived.data;
      arrived = null;
      deliver(cb, d);
      return;
    }
    if (framed()) { viaContainer(action, cb); } else { viaRedirect(action, cb); }
  }

  /* ---- statistics (8.3.1: apps integrate the statistics function) ---- */

  function beacon(kind) {
    if (!config.appId || !window.navigator.sendBeacon) { return; }
    try {
      window.navigator.sendBeacon(PORTAL + '/api/v1/jssdk/stats',
        new Blob([JSON.stringify({ app_id: config.appId, kind: kind })], { type: 'text/plain' }));
    } catch (e) { /* statistics never break the app */ }
  }
  window.addEventListener('error', function () { beacon('error'); });
  // The container counts its own page views; at the top level the JSSDK does.
  if (!framed()) { window.addEventListener('load', function () { beacon('view'); }); }

  window.lightAppJssdk = {
    version: '1.0.0',
    config: function (o) { if (o && o.appId) { config.appId = String(o.appId); } },
    user: {
      getTicket: function (cb) { call('getTicket', cb); },
      loginapp: function (cb) { call('loginapp', cb); },
      logout: function (cb) { call('logout', cb); }
    },
    _acceptReply: acceptReply, // exposed for the browser tests of the origin check
    __zw: true
  };
}(window, document));
