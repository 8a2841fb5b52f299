/* Consultation and complaint drafts: autosave every 30 s while the text
   changes. Enhancement only: the "保存草稿" button does the same without
   this file. The answer names the draft, so later saves update it; the
   status line is a polite live region. Chosen files are never sent here. */
(function () {
  'use strict';

  var forms = document.querySelectorAll('form[data-zw-autosave]');
  Array.prototype.forEach.call(forms, function (form) {
    var dirty = false;
    var busy = false;
    var draft = form.querySelector('[data-zw-draft]');
    var status = form.querySelector('[data-zw-saved]');
    form.addEventListener('input', function () { dirty = true; });

    function save() {
      if (!dirty || busy || !window.fetch || !window.FormData) {
        return;
      }
      var data = new FormData(form);
      data.set('action', 'autosave');
      data.delete('files');
      busy = true;
      dirty = false;
      fetch(form.getAttribute('data-zw-autosave'), {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json' }
      }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (j) {
        if (j && j.draft && draft) {
          draft.value = String(j.draft);
        }
        if (j && j.saved && status) {
          status.textContent = j.saved;
        }
      }).catch(function () {
        dirty = true;
      }).then(function () {
        busy = false;
      });
    }

    window.setInterval(save, 30000);
  });
})();
