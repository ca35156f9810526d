// styrdok: search for citizens, on top of Material's. A word is found with or without å, ä and
// ö ("malgrupp" finds "målgrupp"): each word of the query is sent to Material's search worker
// as the words of the site it stands for once å, ä, ö, é and ü are read as a, a, o, e and u.
// And every result links with the words to highlight (Material leaves ?h= empty on a page's own
// entry when only its sections matched). Without Material's worker (Zensical) nothing changes.
(function () {
  var QUERY = 2;  // Material's SearchMessageType.QUERY: { type: 2, data: "the query" }
  var LETTERS = { "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u" };
  var words = null;  // every word of the site, by its folded form

  function fold(word) {
    return word.replace(/[åäöéü]/g, function (letter) { return LETTERS[letter]; });
  }

  function load() {
    var config = document.getElementById("__config");
    if (!config || !window.fetch) return;
    var base = JSON.parse(config.textContent).base || ".";
    fetch(base + "/search/search_index.json").then(function (response) { return response.json(); })
      .then(function (index) {
        words = {};
        (index.docs || []).forEach(function (doc) {
          ((doc.title || "") + " " + (doc.text || "")).replace(/<[^>]*>/g, " ").toLowerCase()
            .split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
              if (word) (words[fold(word)] = words[fold(word)] || {})[word] = true;
            });
        });
      })
      .catch(function () { words = null; });
  }

  // The word as typed, or, when no word of the site begins so, the beginnings it stands for.
  function variants(term) {
    var typed = term.toLowerCase(), folded = fold(typed), found = {};
    Object.keys(words).forEach(function (key) {
      if (key.slice(0, folded.length) !== folded) return;
      Object.keys(words[key]).forEach(function (word) { found[word.slice(0, typed.length)] = true; });
    });
    return found[typed] || !Object.keys(found).length ? [term] : Object.keys(found);
  }

  function expand(query) {
    if (!words || /["+\-:^~*]/.test(query)) return query;  // a query with operators is left as written
    return query.split(/\s+/).filter(Boolean).map(function (term) { return variants(term).join(" "); }).join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: QUERY, data: expand(message.data) };
    }
    return post.apply(this, arguments);
  };

  // ?h= on every link of a result: the words its sections were found by.
  function highlight(list) {
    list.querySelectorAll(".md-search-result__item").forEach(function (item) {
      var links = item.querySelectorAll("a[href]"), terms = {};
      links.forEach(function (link) {
        var url = new URL(link.href);
        (url.searchParams.get("h") || "").split(" ").forEach(function (term) { if (term) terms[term] = true; });
      });
      var h = Object.keys(terms).join(" ");
      if (!h) return;
      links.forEach(function (link) {
        var url = new URL(link.href);
        if (url.searchParams.has("h") && !url.searchParams.get("h")) {
          url.searchParams.set("h", h);
          link.href = url.toString();
        }
      });
    });
  }
  var list = document.querySelector(".md-search-result__list");
  if (list) new MutationObserver(function () { highlight(list); }).observe(list, { childList: true, subtree: true });

  load();
})();
