// Sharing and the dialog (C 0103 6.1 d, f), an enhancement only: without
// JS the share link opens the share page, the copy button stays hidden
// (the link can be selected) and no dialog ever opens.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var share = e.target.closest && e.target.closest("[data-zw-pageshare]");
    if (share) {
      var dlg = share.getAttribute("data-zw-dialog-open");
      // Inside WeChat or Alipay the host's own menu shares (the dialog says
      // where); elsewhere the browser's share sheet, else the share page.
      if (dlg && openDialog(dlg, share)) {
        e.preventDefault();
      } else if (navigator.share) {
        e.preventDefault();
        navigator.share({ title: document.title, url: share.getAttribute("data-zw-pageshare") }).catch(function (err) {
          if (!err || err.name !== "AbortError") { location.href = share.href; }
        });
      }
      return;
    }
    var back = e.target.closest && e.target.closest("[data-zw-back]");
    if (back && history.length > 1 && document.referrer.indexOf(location.origin + "/") === 0) {
      e.preventDefault();
      history.back();
    }
  });

  // One dialog at a time: opening one closes any other first.
  function openDialog(id, opener) {
    var d = document.getElementById(id);
    if (!d || typeof d.showModal !== "function") { return false; }
    var open = document.querySelectorAll("dialog[open]");
    for (var i = 0; i < open.length; i++) { open[i].close(); }
    d.addEventListener("close", function () { opener.focus(); }, { once: true });
    d.showModal();
    return true;
  }

  // Inside WeChat, with the portal's WeChat credentials configured, the
  // JS-SDK gives the shared card this page's title, description and image.
  var cfg = document.querySelector('meta[name="zw-wechat-config"]');
  if (cfg && window.wx && window.fetch) {
    var meta = function (p) { var m = document.querySelector('meta[property="og:' + p + '"]'); return m ? m.content : ""; };
    var page = location.href.split("#")[0];
    fetch(cfg.content + "?url=" + encodeURIComponent(page), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) {
        if (!c) { return; }
        window.wx.config({ debug: false, appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature,
          jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"] });
        window.wx.ready(function () {
          var card = { title: meta("title"), desc: meta("description"), link: meta("url") || page, imgUrl: meta("image") };
          window.wx.updateAppMessageShareData(card);
          window.wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
        });
      }, function () { /* the host menu still shares the plain link */ });
  }

  var copy = document.querySelector("[data-zw-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    var btn = copy.querySelector("[data-zw-copy-button]");
    var status = document.querySelector("[data-zw-copy-status]");
    var input = document.getElementById("zw-share-url");
    btn.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = btn.getAttribute("data-copied");
      }, function () {
        input.select();
        status.textContent = btn.getAttribute("data-failed");
      });
    });
  }
})();
