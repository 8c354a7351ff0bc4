// pauta: what reading a long text needs, on every page but the search page. Classic script,
// as pauta.js.
// The index marks the section being read (aria-current), as the reader scrolls or follows a
// link: the last section whose heading has passed the top of the screen.
(function () {
  "use strict";
  var toc = document.querySelector(".indice .toc");
  if (!toc) return;
  var links = new Map();
  toc.querySelectorAll("a[href^='#']").forEach(function (a) {
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    var s = document.getElementById(id);
    if (s) links.set(s, a);
  });
  if (!links.size) return;
  var sections = Array.from(links.keys());
  var current = null;
  function update() {
    // The header may stay on top of the page (sticky): a heading under it is not in view yet.
    var header = document.querySelector(".cabecera");
    var top = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
    var found = null, i;
    for (i = 0; i < sections.length; i++) {
      if (sections[i].getBoundingClientRect().top - top <= 80) found = sections[i];
      else if (found) break;
    }
    // At the end of the page the last sections cannot scroll up to the top: the last one in
    // view is the one being read.
    var root = document.documentElement;
    if (window.innerHeight + window.scrollY >= root.scrollHeight - 2) {
      for (i = sections.length - 1; i >= 0; i--) {
        if (sections[i].getBoundingClientRect().top < window.innerHeight - 40) { found = sections[i]; break; }
      }
    }
    var a = found ? links.get(found) : null;
    if (a === current) return;
    if (current) current.removeAttribute("aria-current");
    if (a) a.setAttribute("aria-current", "true");
    current = a;
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; update(); });
  }
  window.addEventListener("hashchange", schedule);
  window.addEventListener("scroll", schedule, { passive: true });
  schedule();
})();

// A command wider than the screen scrolls inside its box; the keyboard must reach it to scroll
// it too, so such a box takes the focus (and only such a box: a needless tab stop is noise).
(function () {
  "use strict";
  var boxes = document.querySelectorAll("main pre");
  if (!boxes.length) return;
  function check() {
    boxes.forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth + 1) pre.setAttribute("tabindex", "0");
      else pre.removeAttribute("tabindex");
    });
  }
  check();
  window.addEventListener("resize", check);
})();
