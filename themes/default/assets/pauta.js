// pauta: small conveniences shared by every page. Classic script, no modules: it must run when
// the site is opened from disk (file://), where browsers block module loading.
(function () {
  "use strict";
  // "/" focuses the search box, as on most documentation sites, unless the reader is typing.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("q") || document.getElementById("q-cabecera");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
})();
