/* Offline support and safe form submission (C 0103 9.4 b). Progressive
 * enhancement: without this file forms post as usual.
 *
 * - registers the service worker /sw.js (offline page with retry);
 * - before a POST form is sent, checks the connection (navigator.onLine,
 *   then GET /healthz with a 5 s limit); offline, the form is not sent and
 *   a message next to the submit button says so — what was typed stays;
 * - while sending, the button says 正在提交… and cannot be pressed twice;
 *   after the time limit (30 s, or data-zw-submit-timeout on <html>) the
 *   submission is stopped, the button works again and a message says what
 *   happened: it never spins forever;
 * - what was typed (never passwords or files) is kept in sessionStorage
 *   while sending, and put back if the visitor comes back to the form
 *   after a failed submission (offline page, back button).
 * Messages mirror filing.js.* in locales/zh-CN and locales/en; a Go test keeps
 * them equal.
 */
(function () {
  'use strict';

  var messages = {
    'zh-CN': {
      'filing.js.offline': '网络不可用，请检查网络连接后重试。您填写的内容已保留。',
      'filing.js.checking': '正在检查网络…',
      'filing.js.submitting': '正在提交…',
      'filing.js.timeout': '提交超时，请稍后重试。您填写的内容已保留。',
      'filing.js.restored': '已恢复您上次填写但未提交成功的内容。'
    },
    en: {
      'filing.js.offline': 'You are offline. Check your connection and try again; what you typed is kept.',
      'filing.js.checking': 'Checking the connection…',
      'filing.js.submitting': 'Submitting…',
      'filing.js.timeout': 'The submission timed out. Try again later; what you typed is kept.',
      'filing.js.restored': 'What you typed before the failed submission has been restored.'
    }
  };
  var root = document.documentElement;
  function t(key) {
    var m = messages[root.getAttribute('lang')] || messages['zh-CN'];
    return m[key];
  }

  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {});
    // The offline page is shown in this page's language.
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) { reg.active.postMessage({ lang: root.getAttribute('lang') }); }
    });
  }

  document.addEventListener('click', function (event) {
    var retry = event.target.closest && event.target.closest('[data-zw-retry]');
    if (retry) {
      event.preventDefault();
      window.location.reload();
    }
  });

  var draftPrefix = 'zw-draft:';
  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }
  function keepable(el) {
    return el.name && el.name !== '_csrf' && !el.disabled &&
      ['password', 'file', 'hidden', 'submit', 'button'].indexOf(el.type) < 0;
  }
  function saveDraft(form) {
    var s = storage();
    if (!s) { return; }
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!keepable(el)) { return; }
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
      fields.push([el.name, el.value]);
    });
    s.setItem(draftPrefix + form.getAttribute('action'), JSON.stringify({ path: location.pathname, fields: fields }));
  }
  function restoreDrafts() {
    var s = storage();
    if (!s || document.querySelector('[data-zw-retry]')) { return; }
    for (var i = s.length - 1; i >= 0; i--) {
      var key = s.key(i);
      if (!key || key.indexOf(draftPrefix) !== 0) { continue; }
      var draft = JSON.parse(s.getItem(key) || '{}');
      s.removeItem(key);
      var form = draft.path === location.pathname &&
        document.querySelector('form[method="post"][action="' + key.slice(draftPrefix.length).replace(/"/g, '') + '"]');
      if (form && fill(form, draft.fields || [])) {
        say(form, t('filing.js.restored'));
      }
    }
  }
  function fill(form, fields) {
    var filled = false;
    fields.forEach(function (f) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name !== f[0] || !keepable(el)) { return; }
        if (el.type === 'radio' || el.type === 'checkbox') {
          if (el.value === f[1] && !el.checked) { el.checked = true; filled = true; }
        } else if (el.value === '') {
          el.value = f[1];
          filled = true;
        }
      });
    });
    return filled;
  }

  // say shows a message next to the form's submit button (role=alert, so
  // it is read out at once).
  function say(form, text) {
    var box = form.querySelector('[data-zw-form-status]');
    if (!box) {
      box = document.createElement('p');
      box.className = 'zw-form-status';
      box.setAttribute('role', 'alert');
      box.setAttribute('data-zw-form-status', '');
      var btn = form.querySelector('[type="submit"]');
      (btn && btn.parentNode === form ? btn : form.lastChild).insertAdjacentElement('afterend', box);
    }
    box.textContent = text;
  }

  function busy(form, on, submitter) {
    if (on) { form.setAttribute('data-zw-busy', ''); } else { form.removeAttribute('data-zw-busy'); }
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    if (submitter) {
      submitter.setAttribute('aria-disabled', on ? 'true' : 'false');
    }
  }

  function online() {
    if (navigator.onLine === false) { return Promise.resolve(false); }
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctl) { ctl.abort(); } }, 5000);
    return fetch('/healthz', { cache: 'no-store', credentials: 'omit', signal: ctl && ctl.signal })
      .then(function (r) { return r.ok; }, function () { return false; })
      .then(function (ok) { clearTimeout(timer); return ok; });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || (form.getAttribute('method') || '').toLowerCase() !== 'post' || form.hasAttribute('data-zw-no-guard')) {
      return;
    }
    event.preventDefault();
    if (form.hasAttribute('data-zw-busy')) { return; }
    var submitter = event.submitter;
    busy(form, true, submitter);
    say(form, t('filing.js.checking'));
    online().then(function (ok) {
      if (!ok) {
        busy(form, false, submitter);
        say(form, t('filing.js.offline'));
        return;
      }
      saveDraft(form);
      say(form, t('filing.js.submitting'));
      if (submitter && submitter.name) {
        var carry = document.createElement('input');
        carry.type = 'hidden';
        carry.name = submitter.name;
        carry.value = submitter.value;
        form.appendChild(carry);
      }
      var limit = parseInt(root.getAttribute('data-zw-submit-timeout'), 10) || 30000;
      setTimeout(function () {
        window.stop();
        busy(form, false, submitter);
        say(form, t('filing.js.timeout'));
      }, limit);
      HTMLFormElement.prototype.submit.call(form);
    });
  }, false);

  window.addEventListener('pageshow', function (event) {
    // Back from a page (bfcache): the form is no longer being sent.
    if (event.persisted) {
      Array.prototype.forEach.call(document.querySelectorAll('form[data-zw-busy]'), function (f) { busy(f, false); });
    }
  });
  restoreDrafts();
})();
