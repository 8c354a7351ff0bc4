// Times the search engine on the generated site, in the browser that opens this page. Written
// beside buscar.html by bench/search; the result goes to the page and to window.benchResult.
(function () {
  "use strict";
  var warm = window.benchQueries.filter(function (q) { return q.warm; });
  var qs = window.benchQueries.filter(function (q) { return !q.warm; });

  function percentiles(times) {
    var s = times.slice().sort(function (a, b) { return a - b; });
    function at(p) { return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; }
    return [at(0.5), at(0.95)];
  }
  function timeEach(fn, list) {
    return (list || qs).map(function (q) {
      var t = performance.now();
      fn(q.q);
      return performance.now() - t;
    });
  }
  function byKind(times) {
    var out = { all: percentiles(times) };
    ["typing", "full", "typo"].forEach(function (k) {
      out[k] = percentiles(times.filter(function (_, i) { return qs[i].kind === k; }));
    });
    return out;
  }

  setTimeout(function () {
    // load: from navigation to a ready engine, the index parsed on the way.
    var s = pautaSearch.Searcher(window.pautaSearchIndex);
    var load = performance.now();
    // first: a reader's first query, with a typo, on a cold engine.
    var t = performance.now();
    s.search(warm[warm.length - 1].q);
    var first = performance.now() - t;

    timeEach(function (q) { s.search(q); }, warm);
    var rank = byKind(timeEach(function (q) { s.search(q); }));

    // The page's own update, as each keystroke triggers it (its own engine, warmed alike).
    var box = document.getElementById("q");
    function type(q) { box.value = q; box.dispatchEvent(new Event("input")); }
    timeEach(type, warm);
    var page = byKind(timeEach(type));

    var r = {
      terms: s.terms, docs: window.pautaSearchIndex.docs.length,
      load: load, first: first, queries: qs.length, rank: rank, page: page
    };
    var lines = ["Resultados: " + r.docs + " secciones, " + r.terms + " términos, " + r.queries + " consultas",
      "carga del índice y del motor: " + load.toFixed(2) + " ms; primera consulta: " + first.toFixed(2) + " ms"];
    [["ordenar", rank], ["página completa", page]].forEach(function (m) {
      Object.keys(m[1]).forEach(function (k) {
        lines.push(m[0] + " (" + k + "): p50 " + m[1][k][0].toFixed(2) + " ms, p95 " + m[1][k][1].toFixed(2) + " ms");
      });
    });
    document.getElementById("informe").textContent = lines.join("\n");
    window.benchResult = r;
  }, 0);
})();
