/* Search enhancements (C 0103 7.4): suggestions as you type, voice input,
 * "use my location" and live result counts. Every page works without this
 * file: the results page lists the same suggestions as links, the region
 * cascade is a GET form and the voice/location buttons simply never appear.
 *
 * The suggestion box follows the ARIA 1.2 combobox pattern (APG "list
 * autocomplete"): focus stays in the input, aria-activedescendant names
 * the highlighted option, and each option is a real link, so a VoiceOver
 * swipe reaches it and a double-tap follows it like any link. */
(function () {
  "use strict";

  var doc = document;
  var SUGGEST_URL = "/api/v1/search/suggest?q=";
  var MESSAGES_URL = "/api/v1/search/messages";
  var DEBOUNCE_MS = 120;
  var uid = 0;

  // Messages come from locales/*/search.json through a small JSON endpoint,
  // cached per language for the session, so no user-visible text lives here.
  var messages = null;
  var waiting = [];
  function withMessages(cb) {
    if (messages) { cb(messages); return; }
    waiting.push(cb);
    if (waiting.length > 1) return;
    var lang = doc.documentElement.getAttribute("lang") || "zh-CN";
    var key = "zw-search-messages:" + lang;
    var done = function (m) {
      messages = m || {};
      var cbs = waiting; waiting = [];
      cbs.forEach(function (f) { f(messages); });
    };
    try {
      var cached = window.sessionStorage && sessionStorage.getItem(key);
      if (cached) { done(JSON.parse(cached)); return; }
    } catch (e) { /* private mode: fetch below */ }
    if (!window.fetch) { done({}); return; }
    fetch(MESSAGES_URL, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (m) {
        try { sessionStorage.setItem(key, JSON.stringify(m)); } catch (e) { /* ignore */ }
        done(m);
      }, function () { done({}); });
  }
  function t(key, arg) {
    var s = (messages && messages[key]) || "";
    return arg === undefined ? s : s.replace(/%[ds]/, String(arg));
  }

  function el(tag, attrs, text) {
    var n = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text) n.textContent = text;
    return n;
  }

  function liveRegion(after) {
    var r = el("div", { role: "status", "aria-live": "polite", "class": "zw-visually-hidden" });
    after.parentNode.insertBefore(r, after.nextSibling);
    return r;
  }

  /* ---------- combobox ---------- */
  function Combobox(input) {
    this.input = input;
    this.form = input.form;
    this.items = [];
    this.active = -1;
    this.timer = 0;
    this.announceTimer = 0;
    this.ctrl = null;
    this.lastQuery = null;
    var id = "zw-suggest-" + (++uid);
    var row = input.closest(".zw-search__row") || input;
    this.wrap = input.closest("form") || row.parentNode;
    this.list = el("div", { id: id, role: "listbox", "class": "zw-suggest", hidden: "" });
    row.parentNode.insertBefore(this.list, row.nextSibling);
    this.status = liveRegion(this.list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    var self = this;
    withMessages(function () { self.list.setAttribute("aria-label", t("search.js.listbox")); });
    input.addEventListener("input", function () { self.schedule(); });
    input.addEventListener("keydown", function (e) { self.key(e); });
    // Enter on a highlighted option follows it; whatever way the browser
    // turns that Enter into a submit, the submit is caught here too.
    if (this.form) this.form.addEventListener("submit", function (e) { if (self.follow()) e.preventDefault(); });
    // Close only when focus or a tap lands outside the widget: VoiceOver
    // swipes may move focus to an option, which must not close the list.
    doc.addEventListener("focusin", function (e) { if (!self.wrap.contains(e.target)) self.close(); });
    doc.addEventListener("pointerdown", function (e) { if (!self.wrap.contains(e.target)) self.close(); });
  }

  Combobox.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.fetch(); }, DEBOUNCE_MS);
  };

  Combobox.prototype.fetch = function () {
    var q = this.input.value.trim();
    if (q === this.lastQuery) return;
    this.lastQuery = q;
    if (!q || !window.fetch) { this.render([]); return; }
    if (this.ctrl) this.ctrl.abort();
    this.ctrl = window.AbortController ? new AbortController() : null;
    var self = this;
    fetch(SUGGEST_URL + encodeURIComponent(q), {
      credentials: "same-origin", headers: { Accept: "application/json" },
      signal: this.ctrl ? this.ctrl.signal : undefined
    }).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        if (self.input.value.trim() === q) withMessages(function () { self.render(items || []); });
      }, function () { /* aborted or offline: keep the plain input */ });
  };

  Combobox.prototype.render = function (items) {
    var list = this.list;
    this.items = items;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    while (list.firstChild) list.removeChild(list.firstChild);
    items.forEach(function (it, i) {
      // The option is the link itself (a[href] may take role=option): a
      // swipe reaches it and a double-tap follows it with no script, and
      // nothing interactive is nested inside an option. tabindex -1: Tab
      // leaves the widget, as APG asks.
      var a = el("a", { id: list.id + "-" + i, role: "option", "aria-selected": "false", tabindex: "-1",
        "class": "zw-suggest__option", href: it.url || ("/search?q=" + encodeURIComponent(it.text)) });
      a.appendChild(el("span", { "class": "zw-suggest__text" }, it.text));
      // Say what choosing it does: open a page, or search for the words.
      var kind = it.url ? t("search.js.kind.direct") : t("search.js.kind." + it.kind);
      if (kind) a.appendChild(el("span", { "class": "zw-suggest__kind" }, kind));
      list.appendChild(a);
    });
    if (items.length) this.open(); else this.close();
    this.announce(items.length);
  };

  Combobox.prototype.announce = function (n) {
    var self = this;
    clearTimeout(this.announceTimer);
    // Wait for typing to pause so a screen reader is not flooded.
    this.announceTimer = setTimeout(function () {
      self.status.textContent = n ? t("search.js.count", n) : (self.input.value.trim() ? t("search.js.none") : "");
    }, 500);
  };

  Combobox.prototype.open = function () {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.setActive(-1);
  };

  Combobox.prototype.setActive = function (i) {
    var opts = this.list.children;
    if (this.active >= 0 && opts[this.active]) {
      opts[this.active].setAttribute("aria-selected", "false");
      opts[this.active].classList.remove("zw-suggest__option--active");
    }
    this.active = i;
    if (i < 0 || !opts[i]) { this.input.removeAttribute("aria-activedescendant"); return; }
    opts[i].setAttribute("aria-selected", "true");
    opts[i].classList.add("zw-suggest__option--active");
    this.input.setAttribute("aria-activedescendant", opts[i].id);
    if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: "nearest" });
  };

  // follow navigates to the highlighted option, if any.
  Combobox.prototype.follow = function () {
    var a = this.list.children[this.active];
    if (this.list.hidden || this.active < 0 || !a) return false;
    this.close();
    window.location.assign(a.href);
    return true;
  };

  Combobox.prototype.key = function (e) {
    var n = this.items.length;
    var isOpen = !this.list.hidden;
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        if (!n) return;
        e.preventDefault();
        if (!isOpen) { this.open(); if (e.altKey) return; }
        this.setActive(this.active + 1 >= n ? 0 : this.active + 1);
        break;
      case "ArrowUp":
      case "Up":
        if (!n) return;
        e.preventDefault();
        if (!isOpen) this.open();
        this.setActive(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case "Enter":
        if (this.follow()) e.preventDefault();
        break;
      case "Escape":
      case "Esc":
        if (isOpen) { e.preventDefault(); this.close(); }
        else if (this.input.value) { e.preventDefault(); this.input.value = ""; this.lastQuery = null; this.render([]); }
        break;
      case "Tab":
        this.close();
        break;
    }
  };

  /* ---------- voice input ---------- */
  function addVoice(input) {
    var SR = window.SpeechRecognition || window.webkitSpeechRecognition;
    if (!SR || !input.form) return;
    withMessages(function () {
      // Below the box, not beside it: a phone keeps the input wide.
      var row = input.closest(".zw-search__row") || input;
      var btn = el("button", { type: "button", "class": "zw-button zw-button--secondary zw-search__voice" }, t("search.js.voice"));
      row.parentNode.appendChild(btn);
      var status = liveRegion(btn);
      var rec = null;
      btn.addEventListener("click", function () {
        if (rec) { rec.abort(); return; }
        rec = new SR();
        rec.lang = doc.documentElement.getAttribute("lang") === "en" ? "en-US" : "zh-CN";
        rec.interimResults = false;
        rec.maxAlternatives = 1;
        btn.setAttribute("aria-pressed", "true");
        status.textContent = t("search.js.listening");
        rec.onresult = function (ev) {
          var text = ev.results[0] && ev.results[0][0] ? ev.results[0][0].transcript : "";
          if (!text) return;
          input.value = text;
          input.form.submit();
        };
        rec.onerror = function () { status.textContent = t("search.js.voiceError"); };
        rec.onend = function () { rec = null; btn.setAttribute("aria-pressed", "false"); };
        try { rec.start(); } catch (err) { rec = null; status.textContent = t("search.js.voiceError"); }
      });
    });
  }

  /* ---------- "use my location" (only after the visitor asks) ---------- */
  function addGeo(btn) {
    if (!("geolocation" in navigator) || !window.fetch) return;
    var status = doc.getElementById(btn.getAttribute("aria-describedby") || "") || liveRegion(btn);
    btn.hidden = false;
    btn.addEventListener("click", function () {
      withMessages(function () {
        status.textContent = t("search.js.locating");
        navigator.geolocation.getCurrentPosition(function (pos) {
          // About 1 km is plenty to name a county: send no more than that.
          var u = btn.getAttribute("data-zw-geo") + "?lat=" + pos.coords.latitude.toFixed(2) + "&lng=" + pos.coords.longitude.toFixed(2);
          fetch(u, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
            .then(function (place) {
              status.textContent = t("search.js.located", place.name);
              var url = new URL(window.location.href);
              (btn.getAttribute("data-zw-geo-drop") || "").split(" ").forEach(function (p) { if (p) url.searchParams.delete(p); });
              url.searchParams.set(btn.getAttribute("data-zw-geo-param") || "region", place.code);
              window.location.assign(url.toString());
            })
            .catch(function () { status.textContent = t("search.js.geoError"); });
        }, function () { status.textContent = t("search.js.geoError"); }, { timeout: 15000, maximumAge: 600000 });
      });
    });
  }

  /* ---------- filters: fetch the GET answer in place, announce the count ---------- */
  // The form still submits normally; with JS the new results replace the
  // old ones without a page load and the role=status count is re-set, which
  // is what a screen reader announces. Nothing happens on mere "change"
  // (WCAG 3.2.2): the visitor presses the form's button.
  function addLiveFilters(form) {
    var target = doc.getElementById(form.getAttribute("data-zw-live-results"));
    if (!target || !window.fetch || !window.DOMParser || !window.history.pushState || !window.URLSearchParams) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var url = form.action.split("?")[0] + "?" + new URLSearchParams(new FormData(form)).toString();
      var focusID = doc.activeElement && doc.activeElement.id;
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var fresh = next.getElementById(target.id);
        if (!fresh) { window.location.assign(url); return; }
        target.innerHTML = fresh.innerHTML;
        window.history.pushState(null, "", url);
        var count = next.querySelector("[data-zw-result-count]");
        var live = doc.querySelector("[data-zw-result-count]");
        if (count && live) live.textContent = count.textContent;
        init(target);
        var f = (focusID && doc.getElementById(focusID)) || live;
        if (f && f.focus) f.focus();
      }, function () { window.location.assign(url); });
    });
  }

  function init(root) {
    var inputs = root.querySelectorAll("form[role=search] input[name=q]");
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.getAttribute("data-zw-enhanced")) return;
      input.setAttribute("data-zw-enhanced", "1");
      new Combobox(input);
      addVoice(input);
    });
    Array.prototype.forEach.call(root.querySelectorAll("button[data-zw-geo]"), function (b) {
      if (!b.getAttribute("data-zw-enhanced")) { b.setAttribute("data-zw-enhanced", "1"); addGeo(b); }
    });
    Array.prototype.forEach.call(root.querySelectorAll("form[data-zw-live-results]"), function (f) {
      if (!f.getAttribute("data-zw-enhanced")) { f.setAttribute("data-zw-enhanced", "1"); addLiveFilters(f); }
    });
  }

  // Back/forward after an in-place update: load the page the URL names.
  window.addEventListener("popstate", function () { window.location.reload(); });

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", function () { init(doc); });
  else init(doc);
})();
