/* medvirk: loads the search client the first time the header's search field
 * gets focus, so the search page has its index ready. Without JavaScript the
 * field still submits to the search page. */
(function () {
  'use strict';
  var form = document.querySelector('form.sokefelt[data-sok-js]');
  if (!form) return;
  var loaded = false;
  form.addEventListener('focusin', function () {
    if (loaded) return;
    loaded = true;
    var script = document.createElement('script');
    script.src = form.getAttribute('data-sok-js');
    script.defer = true;
    document.head.appendChild(script);
  });
})();
