/* medvirk: turns each input item's plain link ("Lenke til innspill 3") into a
 * button that copies the item's address. Without JavaScript, or where the
 * clipboard cannot be written (a page opened from disk, an old browser), the
 * link stays: following it puts the address in the address bar. */
(function () {
  'use strict';
  if (!window.isSecureContext || !navigator.clipboard) return;
  var links = document.querySelectorAll('a.innspill-lenke[data-kopier]');
  if (!links.length) return;
  var status = document.createElement('p');
  status.className = 'skjult';
  status.setAttribute('role', 'status');
  document.querySelector('main').appendChild(status);
  Array.prototype.forEach.call(links, function (link) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'kopier';
    button.textContent = link.getAttribute('data-kopier');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(link.href).then(function () {
        status.textContent = 'Lenken er kopiert: ' + link.href;
      }, function () {
        status.textContent = 'Lenken kunne ikke kopieres. Adressen er ' + link.href;
      });
    });
    link.parentNode.replaceChild(button, link);
  });
})();
