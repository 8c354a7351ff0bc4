// pauta search: ranks the site's index (assets/search-index.js, loaded before this file as
// a classic script, because a site opened from disk cannot fetch) as the reader types.
// Plain JS, no build step. It analyses and ranks exactly as internal/search does in Go;
// tests in Chromium hold the two equal, word by word and result by result.
(function () {
  "use strict";

  // ---- Snowball Spanish stemmer -------------------------------------------------------
  // Written from the published algorithm (snowballstem.org, "Spanish stemming algorithm").
  // The index is stemmed in Go by github.com/kljensen/snowball v0.10.0, so where that
  // implementation reads the algorithm its own way, this one follows it, marked "as the
  // index does" below.

  var VOWELS = "aeiouáéíóúü";
  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  // R1 (and R2, from R1): the region after the first non-vowel that follows a vowel.
  function afterVowelConsonant(w, from) {
    for (var j = from + 1; j < w.length; j++) {
      if (isVowel(w[j - 1]) && !isVowel(w[j])) return j + 1;
    }
    return w.length;
  }

  // RV: after the next vowel when the second letter is a consonant; after the next consonant
  // when the first two are vowels; else after the third letter.
  function regionV(w) {
    if (w.length < 3) return w.length;
    var i;
    if (!isVowel(w[1])) {
      for (i = 2; i < w.length; i++) if (isVowel(w[i])) return i + 1;
      return w.length;
    }
    if (isVowel(w[0])) {
      for (i = 2; i < w.length; i++) if (!isVowel(w[i])) return i + 1;
      return w.length;
    }
    return 3;
  }

  // Suffix lists, longest first, filed by their last letter so a search only tries the
  // suffixes that can end the word.
  function byLength(list) {
    var byLast = {};
    list.split(" ").sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); })
      .forEach(function (s) { (byLast[s.charAt(s.length - 1)] = byLast[s.charAt(s.length - 1)] || []).push(s); });
    return byLast;
  }
  var NONE = [];

  // longestIn: the longest of the suffixes that ends w before `end` and starts at or after
  // `from`.
  function longestIn(w, from, end, suffixes) {
    var list = suffixes[w.charAt(end - 1)] || NONE;
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (end - s.length >= from && w.endsWith(s, end)) return s;
    }
    return "";
  }
  // longestThenIn: the longest suffix of w, or "" when it does not start at or after `from`
  // (the algorithm's "search for the longest ... and if in R2 ...").
  function longestThenIn(w, from, suffixes) {
    var list = suffixes[w.charAt(w.length - 1)] || NONE;
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (w.endsWith(s)) return w.length - s.length >= from ? s : "";
    }
    return "";
  }

  var PRONOUNS = byLength("me se sela selo selas selos la le lo las les los nos");
  var BEFORE_PRONOUN = byLength("iéndo ándo ár ér ír ando iendo ar er ir yendo");
  var STEP1 = byLength("anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas " +
    "oso osa osos osas amiento amientos imiento imientos adora ador ación adoras adores aciones " +
    "ante antes ancia ancias logía logías ución uciones encia encias amente mente idad idades " +
    "iva ivo ivas ivos");
  var STEP2A = byLength("ya ye yan yen yeron yendo yo yó yas yes yais yamos");
  var STEP2B = byLength("en es éis emos arían arías arán arás aríais aría aréis aríamos aremos " +
    "ará aré erían erías erán erás eríais ería eréis eríamos eremos erá eré irían irías irán " +
    "irás iríais iría iréis iríamos iremos irá iré aba ada ida ía ara iera ad ed id ase iese " +
    "aste iste an aban ían aran ieran asen iesen aron ieron ado ido ando iendo ió ar er ir as " +
    "abas adas idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis ieseis " +
    "asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos");
  var STEP3 = byLength("os a o á í ó e é");
  var UNACCENT = { "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u" };

  function stem(word) {
    // Non-Latin letters, and words of one or two letters, stay whole (as in Go's Stem).
    if (/[^\u0000-\u024f]/.test(word) || word.length <= 2) return word;
    var w = word;
    var rv = regionV(w), r1 = afterVowelConsonant(w, 0), r2 = afterVowelConsonant(w, r1);
    function cut(n) {
      w = w.slice(0, w.length - n);
      rv = Math.min(rv, w.length); r1 = Math.min(r1, w.length); r2 = Math.min(r2, w.length);
    }
    // replaceEnd replaces the last n letters, then keeps the regions inside the word.
    function replaceEnd(n, repl) {
      w = w.slice(0, w.length - n) + repl;
      rv = Math.min(rv, w.length); r1 = Math.min(r1, w.length); r2 = Math.min(r2, w.length);
    }
    function endsWith(s) { return w.endsWith(s); }
    // An optional second suffix, removed when in region `from`; the first of the list that
    // ends the word is the only one tried.
    function cutAlso(from, list) {
      for (var i = 0; i < list.length; i++) {
        if (endsWith(list[i])) {
          if (w.length - list[i].length < from) return "";
          cut(list[i].length);
          return list[i];
        }
      }
      return "";
    }

    // Step 0: attached pronoun, in RV, after a gerund or infinitive also in RV.
    var pron = longestIn(w, rv, w.length, PRONOUNS);
    if (pron) {
      var verb = longestIn(w, rv, w.length - pron.length, BEFORE_PRONOUN);
      if (verb === "yendo") {
        // As the index does: a "u" anywhere before "yendo" will do.
        if (w.slice(0, w.length - pron.length - verb.length).indexOf("u") >= 0) cut(pron.length);
      } else if (verb) {
        cut(pron.length);
        if (/[áéí]/.test(verb)) {
          // Deletion removes the accent (haciéndola → haciendo). As the index does, an
          // infinitive in -ér loses its ending with the accent.
          replaceEnd(verb.length, verb === "ér" ? "" : verb.replace(/[áéí]/, function (c) { return UNACCENT[c]; }));
        }
      }
    }

    // Step 1: standard suffixes.
    var done = false;
    var s1 = longestThenIn(w, 0, STEP1);
    if (s1) {
      var start = w.length - s1.length;
      if (s1 === "amente") {
        if (start >= r1) {
          cut(s1.length);
          if (cutAlso(r2, ["iv", "os", "ic", "ad"]) === "iv") cutAlso(r2, ["at"]);
          done = true;
        }
      } else if (start >= r2) {
        done = true;
        switch (s1) {
          case "adora": case "ador": case "ación": case "adoras": case "adores": case "aciones":
          case "ante": case "antes": case "ancia": case "ancias":
            cut(s1.length); cutAlso(r2, ["ic"]); break;
          case "mente":
            cut(s1.length); cutAlso(r2, ["ante", "able", "ible"]); break;
          case "idad": case "idades":
            cut(s1.length); cutAlso(r2, ["abil", "ic", "iv"]); break;
          case "iva": case "ivo": case "ivas": case "ivos":
            cut(s1.length); cutAlso(r2, ["at"]); break;
          case "logía": case "logías":
            replaceEnd(s1.length, "log"); break;
          case "ución": case "uciones":
            replaceEnd(s1.length, "u"); break;
          case "encia": case "encias":
            replaceEnd(s1.length, "ente"); break;
          default:
            cut(s1.length);
        }
      }
    }

    // Step 2a: verb suffixes beginning with y, in RV, after u. Step 2b: other verb suffixes.
    if (!done) {
      var y = longestIn(w, rv, w.length, STEP2A);
      if (y && w.charAt(w.length - y.length - 1) === "u") {
        cut(y.length);
      } else {
        var v = longestIn(w, rv, w.length, STEP2B);
        if (v) {
          cut(v.length);
          if ((v === "en" || v === "es" || v === "éis" || v === "emos") && endsWith("gu")) cut(1);
        }
      }
    }

    // Step 3: residual suffix in RV; after e, a preceding "gu" loses its u (as the index
    // does, wherever the u is).
    var s3 = longestThenIn(w, rv, STEP3);
    if (s3) {
      cut(s3.length);
      if ((s3 === "e" || s3 === "é") && endsWith("gu")) cut(1);
    }

    return w.replace(/[áéíóú]/g, function (c) { return UNACCENT[c]; });
  }

  // ---- Analysis (as internal/search: Words, Terms, QueryTerms) -------------------------

  function foldString(s) {
    var out = "";
    for (var i = 0; i < s.length;) {
      var ch = String.fromCodePoint(s.codePointAt(i));
      out += window.pauta.foldChar(ch);
      i += ch.length;
    }
    return out;
  }

  var RESTORE = [["acion", "ación"], ["ucion", "ución"], ["logia", "logía"], ["logias", "logías"]];
  function restoreAccent(fold) {
    for (var i = 0; i < RESTORE.length; i++) {
      var p = RESTORE[i][0];
      if (fold.length > p.length && fold.slice(fold.length - p.length) === p) {
        return fold.slice(0, fold.length - p.length) + RESTORE[i][1];
      }
    }
    return fold;
  }

  function isVowelChar(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u"; }
  function isConsonantChar(c) { return c !== undefined && c.length === 1 && c >= "a" && c <= "z" && !isVowelChar(c); }

  // rootIToE: see rootIToE in internal/search.
  function rootIToE(t) {
    var n = t.length;
    if (n < 3 || n > 4 || !/^[a-z]+$/.test(t)) return "";
    var i = n - 1;
    while (i >= 0 && isConsonantChar(t[i])) i--;
    if (i < 1 || i === n - 1 || t[i] !== "i" || !isConsonantChar(t[i - 1])) return "";
    return t.slice(0, i) + "e" + t.slice(i + 1);
  }

  // Analyzer: the stop and light words and the shortest stem left without -ic come from the
  // index, so Go stays their one source.
  function Analyzer(stopWords, minDerivedStem, lightWords) {
    var stop = new Set(stopWords), light = new Set(lightWords || []);
    var FAMILY = [["xion", "ct", 2], ["sion", "s", 2], ["olu", "olv", 2], ["ient", "", minDerivedStem],
      ["ant", "", minDerivedStem], ["ent", "", minDerivedStem]];
    // family: see family in internal/search.
    function family(t) {
      if (Array.from(t).length < minDerivedStem) return "";
      for (var r = 0; r < FAMILY.length; r++) {
        var end = FAMILY[r][0];
        if (t.length >= end.length && t.slice(t.length - end.length) === end) {
          var base = t.slice(0, t.length - end.length);
          if (Array.from(base).length >= FAMILY[r][2]) return base + FAMILY[r][1];
        }
      }
      for (var i = t.length - 3; i >= 1; i--) {
        if (t[i + 1] !== "e" || !isConsonantChar(t[i + 2]) || isVowelChar(t[i - 1])) continue;
        if (t[i] === "i") return t.slice(0, i) + t.slice(i + 1);
        if (t[i] === "u" && t[i - 1] !== "q" && t[i - 1] !== "g") return t.slice(0, i) + "o" + t.slice(i + 2);
      }
      return "";
    }
    var cache = new Map(), stems = new Map();
    // A word and its folded or restored forms are often the same string: stem each once.
    function stemOnce(x) {
      var t = stems.get(x);
      if (t === undefined) { t = stem(x); stems.set(x, t); }
      return t;
    }
    // terms of a word: see Terms in internal/search. Memoised: a site repeats its words.
    function terms(w) {
      if (w.number) return [w.fold];
      // The folded form follows from the lowercase one, which is key enough.
      var key = w.lower;
      var t = cache.get(key);
      if (t !== undefined) return t;
      t = null;
      if (!stop.has(w.fold) && Array.from(w.fold).length >= 2) {
        t = [stemOnce(w.fold)];
        [foldString(stemOnce(w.lower)), stemOnce(restoreAccent(w.fold))].forEach(function (x) {
          if (t.indexOf(x) < 0) t.push(x);
        });
        // A preterite typed without its accent: see Terms in internal/search.
        if (w.fold.length > 2 && w.fold.slice(-2) === "io" && Array.from(w.fold.slice(0, -2)).length >= 3) {
          var pret = stemOnce(w.fold.slice(0, -2) + "ió");
          if (t.indexOf(pret) < 0) t.push(pret);
        }
        // -icar verbs meet their -ación nouns, -ible adjectives their -ibilidad nouns: see
        // Terms in internal/search. Only the stems above lose the ending, not those added.
        for (var i = 0, n = t.length; i < n; i++) {
          ["ic", "ibil"].forEach(function (suffix) {
            var x = t[i], base = x.slice(0, x.length - suffix.length);
            if (x.slice(-suffix.length) === suffix && Array.from(base).length >= minDerivedStem && t.indexOf(base) < 0) {
              t.push(base);
            }
          });
        }
        // The verb meets its noun: see family in internal/search.
        for (var k = 0, m = t.length; k < m; k++) {
          var f = family(t[k]);
          if (f && t.indexOf(f) < 0) t.push(f);
        }
      }
      cache.set(key, t);
      return t;
    }
    var qcache = new Map();
    // queryTerms ignore the accents typed: the same query finds the same either way. See
    // QueryTerms in internal/search for the root vowel i read as e.
    function queryTerms(w) {
      var key = (w.number ? "#" : "") + w.fold;
      var q = qcache.get(key);
      if (q !== undefined) return q;
      q = terms({ lower: w.fold, fold: w.fold, number: w.number });
      if (q && !w.number) {
        var v = rootIToE(q[0]);
        if (v && q.indexOf(v) < 0) q = q.concat([v]);
      }
      qcache.set(key, q);
      return q;
    }
    return {
      terms: terms,
      queryTerms: queryTerms,
      light: function (w) { return !w.number && light.has(w.fold); },
      words: function (text) { return window.pauta.words(text.normalize("NFC")); }
    };
  }

  // ---- Ranking (as Index.Search in internal/search) -----------------------------------

  // How a query word matched a term, as How in internal/search.
  var EXACT = 0, PREFIX = 1, TYPO = 2, SYNONYM = 3, PART = 4, ASKED = 5;

  // codes: a string's code points, as numbers.
  function codes(s) {
    var out = new Int32Array(s.length), n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      out[n++] = c;
      if (c > 0xffff) i++;
    }
    return out.subarray(0, n);
  }

  // editDistance: optimal string alignment distance (insertions, deletions, substitutions,
  // swaps of neighbours) between code point arrays a and b, or k+1 when it is over k. Only
  // the band of cells within k of the diagonal can lead to a distance of k or less, so only
  // those are filled.
  var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  function editDistance(a, b, k) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > k) return k + 1;
    if (lb + 1 > rows[0].length) rows = [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
    var prev2 = rows[0], prev = rows[1], cur = rows[2], far = k + 1, j;
    for (j = 0; j <= lb; j++) prev[j] = j <= k ? j : far;
    for (var i = 1; i <= la; i++) {
      var lo = Math.max(1, i - k), hi = Math.min(lb, i + k), ai = a[i - 1];
      cur[0] = i <= k ? i : far;
      if (lo > 1) cur[lo - 1] = far;
      var rowMin = lo > 1 ? far : cur[0];
      for (j = lo; j <= hi; j++) {
        var v = prev[j - 1] + (ai === b[j - 1] ? 0 : 1);
        if (prev[j] + 1 < v) v = prev[j] + 1;
        if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
        if (i > 1 && j > 1 && ai === b[j - 2] && a[i - 2] === b[j - 1] && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
        if (v > far) v = far;
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (hi < lb) cur[hi + 1] = far;
      if (rowMin > k) return far;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[lb] < far ? prev[lb] : far;
  }

  // charMask: a 32-bit set of the characters of a code point array (folded into 32 classes).
  function charMask(a) {
    var m = 0;
    for (var i = 0; i < a.length; i++) m |= 1 << (a[i] & 31);
    return m;
  }
  // missing: how many characters of a are not in the set m. Each edit accounts for at most
  // one of them, so more than k rules a term out before computing any distance.
  function missing(a, m, k) {
    var n = 0;
    for (var i = 0; i < a.length && n <= k; i++) if (!(m & (1 << (a[i] & 31)))) n++;
    return n;
  }

  // decodeTerms reads the front-coded terms of the index (see frontCode in internal/search):
  // a capital letter gives how many leading letters a term shares with the one before.
  function decodeTerms(s) {
    var out = [], prev = "", i = 0;
    while (i < s.length) {
      var shared = s.charCodeAt(i) - 65, j = i + 1;
      while (j < s.length && (s.charCodeAt(j) < 65 || s.charCodeAt(j) > 90)) j++;
      var head = /[\ud800-\udfff]/.test(prev) ? Array.from(prev).slice(0, shared).join("") : prev.slice(0, shared);
      prev = head + s.slice(i + 1, j);
      out.push(prev);
      i = j;
    }
    return out;
  }

  function Searcher(index) {
    var an = Analyzer(index.stop, index.params.minDerivedStem, index.light);
    var P = index.params, terms = decodeTerms(index.terms), docs = index.docs;
    var helpStart = index.help, synKeys = decodeTerms(index.syn || ""), synTargets = index.synt || [];
    var synonyms = new Map();
    synKeys.forEach(function (k, i) { synonyms.set(k, synTargets[i]); });
    function synonymsOf(key) { return synonyms.get(key) || null; }
    // plainOf: the terms the plain-language list links a term of the text to (see plainLinks).
    var plain = new Map();
    (index.plain || []).forEach(function (p) { plain.set(p[0], p.slice(1)); });
    var decoded = new Array(terms.length);
    var seqCache = new Map(), matchCache = new Map();
    // Scratch space reused by every query: a score and a per-word best score per result.
    var scores = new Float64Array(docs.length), best = new Float64Array(docs.length);
    var matched = new Int32Array(docs.length);

    function postings(t) {
      var p = decoded[t];
      if (!p) {
        var enc = index.post[t], doc = 0;
        p = new Int32Array(enc.length);
        for (var i = 0; i < enc.length; i += 2) { doc += enc[i]; p[i] = doc; p[i + 1] = enc[i + 1]; }
        decoded[t] = p;
      }
      return p;
    }
    function find(t) {
      var lo = 0, hi = terms.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < t) lo = mid + 1; else hi = mid; }
      return lo;
    }

    function completions(prefix, have) {
      var cands = [];
      for (var j = find(prefix); j < terms.length && terms[j].lastIndexOf(prefix, 0) === 0; j++) {
        if (!have.some(function (m) { return m.term === j; })) cands.push(j);
      }
      // Most frequent first; the sort is stable, so ties keep term order.
      cands.sort(function (a, b) { return index.post[b].length - index.post[a].length; });
      return cands.slice(0, P.maxPrefix).map(function (j) { return { term: j, factor: P.prefix, how: PREFIX }; });
    }

    // typo: the terms by length, as code points with their character sets, built on the
    // first word that needs typo matching.
    var typo = null;
    function typoTable() {
      if (!typo) {
        typo = { byLength: [], codes: new Array(terms.length), masks: new Int32Array(terms.length) };
        terms.forEach(function (t, j) {
          var c = codes(t);
          typo.codes[j] = c;
          typo.masks[j] = charMask(c);
          (typo.byLength[c.length] = typo.byLength[c.length] || []).push(j);
        });
      }
      return typo;
    }

    function fuzzy(w, stems) {
      var n = Array.from(w.fold).length;
      var k = n >= P.fuzzyMin2 ? 2 : n >= P.fuzzyMin1 ? 1 : 0;
      if (!k) return [];
      var tt = typoTable();
      var probes = [];
      // Stems shorter than fuzzyMin1 letters are not probed (see fuzzy in internal/search).
      [w.fold].concat((stems || []).filter(function (s) { return Array.from(s).length >= P.fuzzyMin1; }))
        .forEach(function (s) { if (probes.indexOf(s) < 0) probes.push(s); });
      probes = probes.map(codes);
      var dist = new Map(); // term → smallest distance found
      // A term the word starts with counts as one edit away (see fuzzy in internal/search).
      var fold = probes[0];
      for (var l = Math.max(P.stemInWord, fold.length - P.restInWord); l < fold.length; l++) {
        var prefix = String.fromCodePoint.apply(null, fold.subarray(0, l)), at = find(prefix);
        if (at < terms.length && terms[at] === prefix) dist.set(at, 1);
      }
      probes.forEach(function (p) {
        for (var len = Math.max(0, p.length - k); len <= p.length + k; len++) {
          var bucket = tt.byLength[len] || [];
          for (var x = 0; x < bucket.length; x++) {
            var j = bucket[x];
            if (missing(p, tt.masks[j], k) > k) continue;
            var d = editDistance(p, tt.codes[j], k);
            if (d <= k && !(dist.get(j) <= d)) dist.set(j, d);
          }
        }
      });
      // In term order, as Go lists them.
      return Array.from(dist.keys()).sort(function (a, b) { return a - b; }).map(function (j) {
        return { term: j, factor: dist.get(j) === 2 ? P.fuzzy * P.fuzzy : P.fuzzy, how: TYPO };
      });
    }

    function mistyped(w) {
      var p = codes(w.fold);
      if (w.number || p.length < P.fuzzyMin1) return false;
      var tt = typoTable();
      for (var len = p.length - 1; len <= p.length + 1; len++) {
        var bucket = tt.byLength[len] || [];
        for (var x = 0; x < bucket.length; x++) {
          var j = bucket[x];
          if (missing(p, tt.masks[j], 1) <= 1 && editDistance(p, tt.codes[j], 1) <= 1) return true;
        }
      }
      return false;
    }

    function addMatch(ms, m) {
      for (var i = 0; i < ms.length; i++) if (ms[i].term === m.term) return;
      ms.push(m);
    }
    // approved: whether an exact match occurs in the manual or the decree (see approved in
    // internal/search).
    function approved(ms) {
      return ms.some(function (m) { return m.how === EXACT && postings(m.term)[0] < helpStart; });
    }
    // phrase: the longest phrase of a synonym list starting at word i (see phrase in
    // internal/search): {span, targets} or null.
    function phrase(exacts, i) {
      if (!exacts[i] || !exacts[i].length) return null;
      var key = exacts[i][0], words = 1, found = null;
      for (var j = i + 1; j < exacts.length && words < P.maxPhrase; j++) {
        if (!exacts[j] || !exacts[j].length) continue;
        key += " " + exacts[j][0];
        words++;
        var t = synonymsOf(key);
        if (t) found = { span: j - i + 1, targets: t };
      }
      return found;
    }

    // matches: the query words that can match, each {text, light, weight, ms} with the terms
    // it matches (see matches in internal/search).
    function matches(query) {
      var ws = an.words(query);
      var typing = query !== "" && !/\s$/.test(query);
      var content = 0, lights = 0;
      var exacts = ws.map(function (w) {
        var e = an.queryTerms(w);
        if (e !== null) { if (an.light(w)) lights++; else content++; }
        return e;
      });
      var out = [];
      for (var i = 0; i < ws.length; i++) {
        var w = ws[i];
        var last = typing && i === ws.length - 1;
        var exact = exacts[i];
        if (exact === null && !(last && content + lights === 0)) continue;
        var light = an.light(w) && content > 0;
        var qw = { text: w.fold, light: light, weight: light ? P.light : 1, ms: [] };
        var ph = phrase(exacts, i);
        if (ph && ph.span > 1) {
          // A phrase stands for its synonyms; its words alone count below them (see
          // matches in internal/search).
          var texts = [];
          ph.targets.forEach(function (j) { addMatch(qw.ms, { term: j, factor: P.synonym, how: SYNONYM }); });
          ws.slice(i, i + ph.span).forEach(function (x) {
            texts.push(x.fold);
            (an.queryTerms(x) || []).forEach(function (t) {
              var j = find(t);
              if (j < terms.length && terms[j] === t) addMatch(qw.ms, { term: j, factor: P.synonym * P.synonym, how: PART });
            });
          });
          qw.text = texts.join(" "); qw.light = false; qw.weight = 1;
          out.push(qw);
          i += ph.span - 1;
          continue;
        }
        // A word's matches depend on the word and on whether it is being typed: typing the
        // next word must not redo a typo search for this one.
        var key = (last ? "1" : "0") + (light ? "l" : "c") + (w.number ? "#" : "") + w.fold;
        var ms = matchCache.get(key);
        if (!ms) {
          ms = [];
          (exact || []).forEach(function (t) {
            var j = find(t);
            if (j < terms.length && terms[j] === t) ms.push({ term: j, factor: 1, how: EXACT });
          });
          if (last && Array.from(w.fold).length >= P.minPrefix) ms = ms.concat(completions(w.fold, ms));
          // A word one edit from a term is that term mistyped (see mistyped in
          // internal/search): not expanded to the synonyms of its stem.
          if (!light && !approved(ms) && !(!ms.length && mistyped(w))) {
            (exact || []).forEach(function (t) {
              (synonymsOf(t) || []).forEach(function (j) { addMatch(ms, { term: j, factor: P.synonym, how: SYNONYM }); });
            });
          }
          if (!light && approved(ms)) {
            var j0 = find(exact[0]);
            if (j0 < terms.length && terms[j0] === exact[0]) {
              (plain.get(j0) || []).forEach(function (k) { addMatch(ms, { term: k, factor: P.plain, how: SYNONYM }); });
            }
          }
          if (!ms.length && !w.number) ms = fuzzy(w, exact);
          if (matchCache.size > 500) matchCache.clear();
          matchCache.set(key, ms);
        }
        qw.ms = ms;
        if (ms.length) out.push(qw);
      }
      // The cues of the questions asked (see Questions in internal/search).
      index.ask.forEach(function (q) {
        if (!ws.some(function (w, i) {
          return q[0].some(function (a) { a = a.split(" "); return w.fold === a[0] && (!a[1] || ws[i + 1] && ws[i + 1].fold === a[1]); });
        })) return;
        var qw = { text: "¿" + q[0][0] + "?", light: content > 0, weight: content > 0 ? P.ask : 1, ms: [] };
        q[1].forEach(function (c) {
          an.queryTerms({ fold: c, lower: c }).forEach(function (t) {
            var j = find(t);
            if (j < terms.length && terms[j] === t) addMatch(qw.ms, { term: j, factor: 1, how: ASKED });
          });
        });
        if (qw.ms.length) out.push(qw);
      });
      return out;
    }

    // seqs: the heading and passages of a result, analysed once: each text a list of words
    // with their terms (null for stop words).
    function seqs(d) {
      var s = seqCache.get(d);
      if (!s) {
        var texts = [docs[d][1]].concat(docs[d][3]);
        s = texts.map(function (text) {
          var words = an.words(text).map(function (w) { return { w: w, terms: an.terms(w) }; });
          return { text: text, words: words, content: words.filter(function (x) { return x.terms !== null; }) };
        });
        seqCache.set(d, s);
      }
      return s;
    }

    function hasAny(set, ts) {
      for (var i = 0; ts && i < ts.length; i++) if (set.has(ts[i])) return true;
      return false;
    }

    function nearPairs(d, sets) {
      var found = new Array(sets.length - 1).fill(false);
      seqs(d).forEach(function (s) {
        var seq = s.content;
        for (var p = 0; p + 1 < seq.length; p++) {
          for (var i = 0; i < found.length; i++) {
            if (!found[i] && hasAny(sets[i], seq[p].terms) && hasAny(sets[i + 1], seq[p + 1].terms)) found[i] = true;
          }
        }
      });
      return found.filter(Boolean).length;
    }

    // search returns {hits: [{doc, score, help}], sets: [Set of matched terms per query
    // word]}, ranked as Search in internal/search.
    var own = new Int32Array(docs.length), why = new Int32Array(docs.length), first = new Uint8Array(docs.length);
    function search(query) {
      var words = matches(query);
      var hit = [], total = 0, asked = 0;
      words.forEach(function (qw) {
        // Best match of this word in each result, then added to the result's score: the
        // sums run over the words in order, as in Go, so scores agree to the last bit.
        var touched = [];
        qw.ms.forEach(function (m, k) {
          var p = postings(m.term);
          for (var i = 0; i < p.length; i += 2) {
            var d = p[i], s = p[i + 1] * m.factor;
            if (best[d] === 0) touched.push(d);
            if (s > best[d]) { best[d] = s; why[d] = k; }
          }
        });
        touched.forEach(function (d) {
          if (scores[d] === 0) hit.push(d);
          scores[d] += best[d] * (qw.light && qw.ms[0].how === ASKED && !matched[d] ? P.light : qw.weight);
          if (!qw.light) {
            matched[d]++;
            var how = qw.ms[why[d]].how;
            if (how !== SYNONYM && how !== PART && how !== ASKED) own[d]++;
          }
          best[d] = 0;
        });
        if (!qw.light) { total++; if (qw.ms[0].how === ASKED) asked++; }
      });
      // Scaled by the share of content words each result matches, as in Go.
      if (total > 1) hit.forEach(function (d) { scores[d] = scores[d] * matched[d] / total; });
      hit.forEach(function (d) { if (d >= helpStart) scores[d] *= P.help; });
      // The tier of each result (see tier in internal/search): every content word said by
      // the approved text, some content word, light words only.
      hit.forEach(function (d) { first[d] = d < helpStart && own[d] === total - asked ? 2 : matched[d] > 0 || total === 0 ? 1 : 0; });
      // The best P.max: the approved text that says every content word first, then higher
      // score, then earlier in the site (see tier and shownOrder in Go).
      var top = [];
      function aheadBy(sc, a, b) {
        if (first[a] !== first[b]) return first[a] > first[b];
        return sc(a) > sc(b) || (sc(a) === sc(b) && a < b);
      }
      function raw(d) { return scores[d]; }
      hit.forEach(function (d) {
        if (top.length === P.max && !aheadBy(raw, d, top[top.length - 1])) return;
        var at = top.length;
        while (at > 0 && aheadBy(raw, d, top[at - 1])) at--;
        top.splice(at, 0, d);
        if (top.length > P.max) top.pop();
      });
      var score = new Map(), topFirst = new Map();
      top.forEach(function (d) { score.set(d, scores[d]); topFirst.set(d, first[d]); });
      hit.forEach(function (d) { scores[d] = 0; matched[d] = 0; own[d] = 0; first[d] = 0; });
      top.forEach(function (d) { first[d] = topFirst.get(d); });
      function final(d) { return score.get(d); }
      // Light words neither make a phrase nor are marked.
      var sets = words.map(function (qw) {
        return qw.light ? new Set() : new Set(qw.ms.map(function (m) { return terms[m.term]; }));
      });
      if (words.length > 1) {
        top.forEach(function (d) {
          var pairs = nearPairs(d, sets);
          if (pairs > 0) score.set(d, score.get(d) * (1 + P.near * pairs));
        });
      }
      // Shown by score, results of light words only last, and no help page above a section
      // that says every content word (helpBelowFullMatches in Go).
      function shownAhead(a, b) {
        var ta = Math.min(first[a], 1), tb = Math.min(first[b], 1);
        if (ta !== tb) return ta > tb;
        return final(a) > final(b) || (final(a) === final(b) && a < b);
      }
      top.sort(function (a, b) { return shownAhead(a, b) ? -1 : shownAhead(b, a) ? 1 : 0; });
      var last = -1;
      top.forEach(function (d, i) { if (first[d] === 2) last = i; });
      var shown = [], moved = [];
      top.forEach(function (d, i) {
        if (i < last && d >= helpStart) { moved.push(d); return; }
        shown.push(d);
        if (i === last) shown.push.apply(shown, moved);
      });
      top = shown;
      top.forEach(function (d) { first[d] = 0; });
      return {
        hits: top.map(function (d) { return { doc: d, score: score.get(d), help: d >= helpStart }; }),
        sets: sets
      };
    }

    return { search: search, seqs: seqs, analyzer: an, terms: terms.length };
  }

  // ---- The page ------------------------------------------------------------------------

  window.pautaSearch = {
    stem: stem, Analyzer: Analyzer, Searcher: Searcher,
    editDistance: function (a, b, k) { return editDistance(codes(a), codes(b), k); }
  };

  var box = document.getElementById("q");
  var list = document.getElementById("resultados");
  var status = document.getElementById("estado-busqueda");
  if (!box || !list) return;
  var index = window.pautaSearchIndex;
  if (!index || index.v !== 2) {
    if (status) status.textContent = "No se pudo cargar el índice de búsqueda. Use el índice del manual.";
    return;
  }
  var searcher = Searcher(index);
  var selected = -1;

  // appendMarked appends text[from:to] to el, with the words whose terms matched in <mark>.
  function appendMarked(el, text, words, all, from, to) {
    var at = from;
    words.forEach(function (x) {
      if (x.w.start < at || x.w.end > to || !hasTerm(all, x.terms)) return;
      el.appendChild(document.createTextNode(text.slice(at, x.w.start)));
      var m = document.createElement("mark");
      m.textContent = text.slice(x.w.start, x.w.end);
      el.appendChild(m);
      at = x.w.end;
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  // snippet: the passage that holds most query words, cut around the first of them, with
  // the matched words marked.
  var SNIPPET_CHARS = 220;
  function snippet(sr, d, sets, all) {
    var passages = sr.seqs(d).slice(1);
    if (!passages.length) return null;
    var best = passages[0], bestCount = 0;
    passages.forEach(function (s) {
      var count = sets.filter(function (set) {
        return s.words.some(function (x) { return hasTerm(set, x.terms); });
      }).length;
      if (count > bestCount) { best = s; bestCount = count; }
    });
    var text = best.text, from = 0, to = text.length;
    if (text.length > SNIPPET_CHARS) {
      var first = best.words.filter(function (x) { return hasTerm(all, x.terms); })[0];
      from = Math.max(0, (first ? first.w.start : 0) - 60);
      if (from > 0) from = text.indexOf(" ", from) + 1 || from;
      to = Math.min(text.length, from + SNIPPET_CHARS);
      if (to < text.length) { var sp = text.lastIndexOf(" ", to); if (sp > from) to = sp; }
    }
    var el = document.createElement("span");
    el.className = "extracto";
    if (from > 0) el.appendChild(document.createTextNode("… "));
    appendMarked(el, text, best.words, all, from, to);
    if (to < text.length) el.appendChild(document.createTextNode(" …"));
    return el;
  }
  function hasTerm(set, ts) {
    for (var i = 0; ts && i < ts.length; i++) if (set.has(ts[i])) return true;
    return false;
  }

  // markedWords: the words of a result that matched, for the page it leads to.
  function markedWords(sr, d, all) {
    var seen = new Set(), out = [];
    sr.seqs(d).forEach(function (s) {
      s.words.forEach(function (x) {
        if (hasTerm(all, x.terms) && !seen.has(x.w.fold)) { seen.add(x.w.fold); out.push(x.w.fold); }
      });
    });
    return out;
  }

  function linkTo(href, marked) {
    if (!marked.length) return href;
    var hash = href.indexOf("#");
    var base = hash < 0 ? href : href.slice(0, hash), frag = hash < 0 ? "" : href.slice(hash);
    return base + "?resaltar=" + encodeURIComponent(marked.join(" ")) + frag;
  }

  // resultItem is one result: a link to the section, its place and a marked snippet. base
  // leads from this page to the edition the index belongs to; label names that edition.
  function resultItem(sr, idx, h, r, all, base, label) {
    var doc = idx.docs[h.doc];
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = base + linkTo(doc[0], markedWords(sr, h.doc, all));
    var head = sr.seqs(h.doc)[0];
    appendMarked(a, head.text, head.words, all, 0, head.text.length);
    li.appendChild(a);
    var crumb = document.createElement("span");
    crumb.className = "ruta";
    // A help page says so: the approved text is the procedure and the decree.
    crumb.textContent = (label ? label + " › " : "") + (h.help ? "Ayuda del sitio › " : "") + doc[2];
    li.appendChild(crumb);
    var sn = snippet(sr, h.doc, r.sets, all);
    if (sn) li.appendChild(sn);
    return li;
  }

  function allTerms(r) {
    var all = new Set();
    r.sets.forEach(function (s) { s.forEach(function (t) { all.add(t); }); });
    return all;
  }

  function render(query) {
    var q = query.trim();
    list.textContent = "";
    selected = -1;
    renderOthers(q);
    if (!q) { if (status) status.textContent = ""; return; }
    var r = searcher.search(query);
    var all = allTerms(r);
    r.hits.forEach(function (h) { list.appendChild(resultItem(searcher, index, h, r, all, "", "")); });
    if (status) {
      var n = r.hits.length;
      status.textContent = n === 0 ? "Sin resultados para «" + q + "». Pruebe con menos palabras o recorra el índice del manual." :
        n === 1 ? "1 resultado para «" + q + "»." :
        (n >= index.params.max ? "Los " + n + " mejores resultados" : n + " resultados") + " para «" + q + "».";
    }
  }

  // ---- Other published versions -------------------------------------------------------
  // Each edition ships its own index as a classic script that sets window.pautaSearchIndex;
  // the other versions' indexes are loaded one at a time, on request, each taken from that
  // global before the next script replaces it. Scripts, unlike fetch, load from file://.
  var others = [], othersBox = document.getElementById("todas");
  var othersList = document.getElementById("resultados-otras");
  var othersSection = document.getElementById("otras-versiones");
  var sources = [];
  try { sources = JSON.parse((document.getElementById("indices-versiones") || {}).textContent || "[]"); } catch (e) { sources = []; }
  var loading = null;

  function loadOthers(done) {
    if (loading) return;
    loading = true;
    var own = window.pautaSearchIndex, i = 0;
    (function next() {
      if (i >= sources.length) { window.pautaSearchIndex = own; done(); return; }
      var src = sources[i++];
      var el = document.createElement("script");
      el.src = src.index;
      el.onload = function () {
        var idx = window.pautaSearchIndex;
        if (idx && idx !== own && idx.v === 2) others.push({ src: src, index: idx, searcher: Searcher(idx) });
        next();
      };
      el.onerror = next;
      document.head.appendChild(el);
    })();
  }

  function renderOthers(q) {
    if (!othersList) return;
    othersList.textContent = "";
    var on = othersBox && othersBox.checked;
    othersSection.hidden = !on || !q;
    if (!on || !q) return;
    others.forEach(function (o) {
      var r = o.searcher.search(q);
      var all = allTerms(r);
      r.hits.slice(0, 5).forEach(function (h) {
        othersList.appendChild(resultItem(o.searcher, o.index, h, r, all, o.src.base, o.src.label));
      });
    });
    if (!othersList.children.length) {
      var li = document.createElement("li");
      li.textContent = "Sin resultados en las otras versiones.";
      othersList.appendChild(li);
    }
  }

  if (othersBox) {
    othersBox.addEventListener("change", function () {
      if (othersBox.checked && !loading) loadOthers(update);
      else update();
    });
  }

  function links() { return list.querySelectorAll("a"); }
  function select(i) {
    var ls = links();
    if (!ls.length) return;
    selected = Math.max(-1, Math.min(i, ls.length - 1));
    if (selected < 0) { box.focus(); return; }
    ls[selected].focus();
  }

  function update() {
    var q = box.value;
    render(q);
    try {
      var url = new URL(location.href);
      if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
      if (othersBox && othersBox.checked) url.searchParams.set("todas", "1"); else url.searchParams.delete("todas");
      history.replaceState(null, "", url.href);
    } catch (e) { /* a browser that refuses to rewrite a file:// address keeps the old one */ }
  }

  box.addEventListener("input", update);
  // Enter in the box opens the first result; the button only shows the results, which are
  // already there. The flag tells the two apart, as both submit the form.
  var enterInBox = false;
  box.addEventListener("keydown", function (e) {
    enterInBox = e.key === "Enter";
    if (e.key === "ArrowDown") { e.preventDefault(); select(0); }
  });
  if (box.form) {
    box.form.addEventListener("submit", function (e) {
      e.preventDefault();
      var ls = links();
      if (enterInBox && ls.length) location.href = ls[0].href;
      else update();
      enterInBox = false;
    });
  }
  list.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
  });
  list.addEventListener("focusin", function (e) {
    var ls = Array.prototype.indexOf.call(links(), e.target);
    if (ls >= 0) selected = ls;
  });

  var initial = "";
  try { initial = new URLSearchParams(location.search).get("q") || ""; } catch (e) { initial = ""; }
  if (initial) box.value = initial;
  var wantOthers = false;
  try { wantOthers = new URLSearchParams(location.search).get("todas") === "1"; } catch (e) { wantOthers = false; }
  if (othersBox && wantOthers) {
    othersBox.checked = true;
    loadOthers(function () { render(box.value); });
  }
  render(box.value);
})();
