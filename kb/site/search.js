// Offline title search. The index is a script (search-index.js sets
// window.CANON_INDEX) rather than JSON fetched at run time, so the search
// works from file:// as well as from a server.
(function () {
  "use strict";
  var fold = function (s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var entries = (window.CANON_INDEX || []).map(function (e) {
    return { title: e[0], url: e[1], topic: e[2], key: fold(e[0] + " " + e[2]) };
  });
  var root = document.body.getAttribute("data-root") || "";

  function search(q) {
    var words = fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], score = 0, all = true;
      for (var w = 0; w < words.length; w++) {
        var at = e.key.indexOf(words[w]);
        if (at < 0) { all = false; break; }
        score += at === 0 || /[^\p{L}\p{N}]/u.test(e.key.charAt(at - 1)) ? 2 : 1;
      }
      if (all) hits.push({ e: e, score: score });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.e.title.localeCompare(b.e.title);
    });
    return hits.slice(0, 50).map(function (h) { return h.e; });
  }

  function show(list, hits) {
    list.textContent = "";
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.url;
      a.textContent = e.title;
      if (e.topic) {
        var small = document.createElement("small");
        small.textContent = e.topic;
        a.appendChild(small);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  document.querySelectorAll("form.search").forEach(function (form) {
    var input = form.querySelector("input");
    var list = form.querySelector("ol");
    var run = function () { show(list, search(input.value)); };
    input.addEventListener("input", run);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
  });
  window.canonSearch = search;
})();
