/* Progressive enhancement only: every page works without this file. */
(function () {
  'use strict';

  // Move focus to the error summary of a form re-rendered with 422, so
  // screen readers read the problems first (never the autofocus attribute).
  var summary = document.querySelector('[data-zw-error-summary]');
  if (summary) {
    summary.focus();
  }

  // An error summary link lands on the field; bring its label or legend
  // into view too, which the fragment jump alone would scroll out of sight.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-zw-error-summary] a[href^="#"]');
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!field) {
      return;
    }
    var fieldset = field.closest('fieldset');
    var legend = fieldset && fieldset.querySelector('legend');
    var label = field.id && document.querySelector('label[for="' + (window.CSS && CSS.escape ? CSS.escape(field.id) : field.id) + '"]');
    event.preventDefault();
    (legend || label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
