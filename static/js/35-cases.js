/* Cases: a submit form marked data-zw-once sends once; further taps are
   ignored while the page changes. Enhancement only: without this file a
   double tap still makes one case (the server keys the submission on the
   draft's token). */
(function () {
  'use strict';

  var forms = document.querySelectorAll('form[data-zw-once]');
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('submit', function (e) {
      if (form.getAttribute('data-zw-sent')) {
        e.preventDefault();
        return;
      }
      form.setAttribute('data-zw-sent', '1');
      var btn = form.querySelector('button[type="submit"], button:not([type])');
      if (btn) {
        btn.setAttribute('aria-disabled', 'true');
      }
    });
  });
})();
