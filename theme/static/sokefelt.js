/* medvirk: loads the search client when the first key is typed in the
 * header's search field (not on focus: a reader who tabs past it downloads
 * nothing), so the search page has its index ready. Without JavaScript the
 * field still submits to the search page. */
(function () {
  'use strict';
  var form = document.querySelector('form.sokefelt[data-sok-js]');
  // From disk the index cannot be read; the search page says so.
  if (!form || location.protocol === 'file:') return;
  var loaded = false;
  form.addEventListener('input', function () {
    if (loaded) return;
    loaded = true;
    var script = document.createElement('script');
    script.src = form.getAttribute('data-sok-js');
    script.defer = true;
    document.head.appendChild(script);
  });
})();
