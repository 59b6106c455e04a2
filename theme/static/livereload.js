/* medvirk serve: reloads the page after a rebuild, and shows a build error
 * over the page (the last good build stays underneath). Injected by
 * `medvirk serve` only; never part of a built site. */
(function () {
  'use strict';
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement('div');
      box.id = 'medvirk-feil';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;z-index:99999;' +
        'background:#fff;color:#1a1a1a;border-bottom:6px solid #b00020;padding:1rem;font:16px/1.5 system-ui,sans-serif';
      var h = document.createElement('h2');
      h.textContent = 'Nettstedet har feil – siden viser siste fungerende versjon';
      h.style.cssText = 'margin:0 0 .5rem;font-size:1.25rem';
      var pre = document.createElement('pre');
      pre.style.cssText = 'white-space:pre-wrap;margin:0 0 .5rem;font:14px/1.4 ui-monospace,monospace';
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Lukk';
      close.addEventListener('click', function () { box.hidden = true; });
      box.append(h, pre, close);
      document.body.appendChild(box);
    }
    box.querySelector('pre').textContent = text;
    box.hidden = false;
  }
  var source = new EventSource('/__medvirk/events');
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('failed', function (e) { show(e.data); });
})();
