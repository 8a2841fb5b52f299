/* The demo app's page: ask the portal for a ticket through the JSSDK, hand
 * it to this app's back end, show who signed in (masked). */
(function () {
  'use strict';
  var status = document.getElementById('status');
  function show(d) {
    if (d.error) { status.textContent = '交换失败：' + d.error; return; }
    document.getElementById('who-name').textContent = d.name;
    document.getElementById('who-id').textContent = d.id_number;
    document.getElementById('who-mobile').textContent = d.mobile;
    document.getElementById('who-level').textContent = String(d.trust_level);
    document.getElementById('who').hidden = false;
    status.textContent = '欢迎，' + d.name;
  }
  function exchange(ticket) {
    status.textContent = '正在交换票据…';
    window.fetch('/exchange', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket: ticket }) })
      .then(function (r) { return r.json(); }).then(show);
  }
  function get() {
    window.lightAppJssdk.user.getTicket({
      success: function (d) { exchange(d.ticket); },
      fail: function (d) { status.textContent = '未获取身份：' + d.message; }
    });
  }
  document.getElementById('login').addEventListener('click', function () {
    window.sessionStorage.setItem('demo_auto', '1');
    get();
  });
  document.getElementById('logout').addEventListener('click', function () {
    window.lightAppJssdk.user.logout({
      success: function () { status.textContent = '已退出平台登录。'; document.getElementById('who').hidden = true; },
      fail: function (d) { status.textContent = d.message; }
    });
  });
  var framed = window.self !== window.top;
  // In the portal's container the ticket comes by postMessage at once; at
  // the top level a click started the redirect flow, so carry on once back.
  if (framed || window.sessionStorage.getItem('demo_auto')) {
    window.sessionStorage.removeItem('demo_auto');
    get();
  }
}());
