// pauta: small conveniences shared by every page. Classic script, no modules: it must run when
// the site is opened from disk (file://), where browsers block module loading.
(function () {
  "use strict";

  // Words, as search compares them: the same rules as Words in internal/search, rune by rune,
  // so a word found by the search (Go index, search.js) is marked on the page it leads to.
  // Each word: lower (lowercase as written), fold (no accents; a number without thousands
  // dots or leading zeros), number, and start/end offsets in the text.
  var LETTERS = /^\p{L}+$/u, DIGITS = /^\p{Nd}+$/u, MARKS = /\p{M}/gu;
  var SEP = 0, LETTER = 1, DIGIT = 2, SKIP = 3;
  // What a character is to search, worked out once per character: {f: folded, c: class,
  // l: lowercase}. Text is mostly ASCII and repeats its characters, so this is most of the
  // speed of splitting a text into words.
  var charCache = new Map();

  function charInfo(ch) {
    var info = charCache.get(ch);
    if (info === undefined) {
      var l = lowerChar(ch);
      var f = ch.charCodeAt(0) < 128 ? l : l.normalize("NFKD").replace(MARKS, "").toLowerCase();
      info = { f: f, c: classOf(f), l: l };
      charCache.set(ch, info);
    }
    return info;
  }

  // foldChar: lowercase, compatibility-decomposed (º → o, ² → 2), without combining marks.
  function foldChar(ch) { return charInfo(ch).f; }

  // lowerChar maps one code point to one, as Go's unicode.ToLower does: the few characters
  // whose full lowercase is longer ("İ") keep its first code point.
  function lowerChar(ch) {
    var l = ch.toLowerCase();
    return l.length === ch.length ? l : String.fromCodePoint(l.codePointAt(0));
  }

  function classOf(f) {
    if (f === "") return SKIP;
    if (LETTERS.test(f)) return LETTER;
    if (DIGITS.test(f)) return DIGIT;
    return SEP;
  }

  function countChars(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }

  // numbers: "18.695" is one number when its dots group thousands; other dotted digits are
  // separate numbers (a date gives day, month, year). parts holds [text, start] pairs.
  function pushNumbers(out, parts) {
    var thousands = parts.length > 1 && countChars(parts[0][0]) <= 3;
    for (var i = 1; thousands && i < parts.length; i++) thousands = countChars(parts[i][0]) === 3;
    if (thousands) {
      var all = parts.map(function (p) { return p[0]; }).join("");
      var last = parts[parts.length - 1];
      parts = [[all, parts[0][1], last[2]]];
    }
    parts.forEach(function (p) {
      var n = p[0].replace(/^0+/, "") || "0";
      out.push({ lower: n, fold: n, number: true, start: p[1], end: p[2] });
    });
  }

  function words(text) {
    var out = [];
    var cur = SEP, lower = "", fold = "", start = 0, end = 0, parts = null;
    function flush() {
      if (cur === LETTER) {
        out.push({ lower: lower, fold: fold, number: false, start: start, end: end });
      } else if (cur === DIGIT) {
        parts[parts.length - 1][2] = end;
        pushNumbers(out, parts);
      }
      cur = SEP; lower = ""; fold = "";
    }
    var i = 0;
    while (i < text.length) {
      var code = text.charCodeAt(i);
      var ch = code >= 0xd800 && code <= 0xdbff ? String.fromCodePoint(text.codePointAt(i)) : text[i];
      var next = i + ch.length, info = charInfo(ch), c = info.c;
      if (ch === "." && cur === DIGIT && next < text.length &&
          charInfo(String.fromCodePoint(text.codePointAt(next))).c === DIGIT) {
        parts[parts.length - 1][2] = i;
        parts.push(["", next, next]);
        i = next;
        continue;
      }
      if (c === SKIP) { i = next; if (cur !== SEP) end = next; continue; }
      if (c !== cur) flush();
      if (c !== SEP) {
        if (cur === SEP) { start = i; parts = c === DIGIT ? [["", i, i]] : null; }
        cur = c;
        lower += info.l;
        fold += info.f;
        if (c === DIGIT) parts[parts.length - 1][0] += info.f;
        end = next;
      }
      i = next;
    }
    flush();
    return out;
  }

  window.pauta = { words: words, foldChar: foldChar };

  // "/" focuses the search box, as on most documentation sites, unless the reader is typing.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("q") || document.getElementById("q-cabecera");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });

  // A link from the search results carries the words it matched (?resaltar=…): mark them in
  // the section the link leads to, and bring the first into view. Works from file:// too.
  function highlight() {
    var param;
    try { param = new URLSearchParams(location.search).get("resaltar"); } catch (e) { return; }
    if (!param) return;
    var wanted = new Set();
    words(param).forEach(function (w) { wanted.add(w.fold); });
    if (!wanted.size) return;
    var target = null;
    if (location.hash.length > 1) {
      try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { target = null; }
    }
    // A heading stands for the block it heads (the decree's title heads its header).
    if (target && /^H[1-6]$/.test(target.tagName)) target = target.parentElement;
    if (!target) target = document.getElementById("contenido");
    if (!target) return;
    var nodes = [];
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        if (n.nodeType === 1) {
          // The section's own text only: its sub-sections are results of their own.
          if (n !== target && n.tagName === "SECTION" && n.id) return NodeFilter.FILTER_REJECT;
          if (/^(SCRIPT|STYLE|MARK|NOSCRIPT)$/.test(n.tagName)) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var hits = words(text).filter(function (w) { return wanted.has(w.fold); });
      if (!hits.length) return;
      var frag = document.createDocumentFragment(), at = 0;
      hits.forEach(function (w) {
        if (w.start < at) return;
        frag.appendChild(document.createTextNode(text.slice(at, w.start)));
        var mark = document.createElement("mark");
        mark.className = "resaltado";
        mark.textContent = text.slice(w.start, w.end);
        frag.appendChild(mark);
        if (!first) first = mark;
        at = w.end;
      });
      frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
    if (first) {
      var r = first.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) first.scrollIntoView({ block: "center" });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlight);
  else highlight();
})();

// On a replaced version, the notice's link to the version in force leads to the section being
// read: stable ids are the same anchors in every version.
(function () {
  "use strict";
  var link = document.querySelector(".estado-reemplazada a");
  if (!link) return;
  var base = link.getAttribute("href").split("#")[0];
  function follow() { link.setAttribute("href", base + location.hash); }
  follow();
  window.addEventListener("hashchange", follow);
})();

// The menu and the index fold on a narrow screen; on a wide one the CSS shows their content
// beside the text. Shown by CSS alone, the links inside a closed <details> cannot be reached
// with the keyboard, so the script opens them where they are shown (no change to the eye).
(function () {
  "use strict";
  document.querySelectorAll("details[data-abierto-desde]").forEach(function (d) {
    var wide = window.matchMedia("(min-width: " + d.getAttribute("data-abierto-desde") + ")");
    function sync() { d.open = wide.matches; }
    sync();
    wide.addEventListener("change", sync);
  });
})();
