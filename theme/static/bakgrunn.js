/* medvirk: closes a case's background ("Saksgrunnlag") on a small screen, so
 * the council's input is near the top; the summary opens it again. The HTML
 * has it open, so without JavaScript nothing is hidden. A page opened at an
 * anchor keeps it open (the browser has already scrolled there), and
 * printing opens it. */
(function () {
  'use strict';
  var folds = document.querySelectorAll('details.bakgrunn');
  if (!folds.length || !window.matchMedia) return;
  if (!location.hash && window.matchMedia('(max-width: 40rem)').matches) {
    Array.prototype.forEach.call(folds, function (fold) { fold.open = false; });
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(folds, function (fold) { fold.open = true; });
  });
})();
