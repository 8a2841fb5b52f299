/* Accounts: visual countdowns for verification codes. Enhancement only: the
   page states the clock time of expiry in text (the countdown is not a live
   region, so screen readers are not interrupted every second), and the
   resend button works without this file (the server explains an early
   resend). */
(function () {
  'use strict';

  var expiry = document.querySelector('[data-zw-expires]');
  var left = expiry && expiry.querySelector('[data-zw-left]');
  var resend = document.querySelector('[data-zw-resend]');
  if (!left && !resend) {
    return;
  }

  function fmt(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }

  function tick() {
    var now = Math.floor(Date.now() / 1000);
    if (left) {
      var remain = parseInt(expiry.getAttribute('data-zw-expires'), 10) - now;
      if (remain <= 0) {
        left.textContent = left.getAttribute('data-zw-gone-text');
      } else {
        left.textContent = left.getAttribute('data-zw-left-text').replace('%s', fmt(remain));
      }
    }
    if (resend) {
      var wait = parseInt(resend.getAttribute('data-zw-resend'), 10) - now;
      if (wait > 0) {
        resend.textContent = resend.getAttribute('data-zw-wait-text').replace('%d', String(wait));
        resend.setAttribute('aria-disabled', 'true');
      } else {
        resend.textContent = resend.getAttribute('data-zw-resend-text');
        resend.removeAttribute('aria-disabled');
      }
    }
  }

  if (resend) {
    // aria-disabled keeps the button focusable; a click while waiting is
    // simply ignored.
    resend.addEventListener('click', function (event) {
      if (resend.getAttribute('aria-disabled') === 'true') {
        event.preventDefault();
      }
    });
  }
  tick();
  window.setInterval(tick, 1000);
})();
