// The header search box, answered by Pagefind (the site's pagefind/ folder). Pagefind's index
// is split into chunks, so a query downloads the chunks for its own words, not the whole index:
// the first search costs the same few hundred kilobytes at 50 pages or at 50,000.
// Results use Material's search markup, so they look like the rest of the site.
(function () {
  "use strict";
  var PAGE = 10; // results shown at once; "更多结果" shows the next ones

  function setup() {
    var form = document.querySelector("form[data-bs-search]");
    var list = document.querySelector("[data-bs-search-list]");
    var meta = document.querySelector("[data-bs-search-meta]");
    var toggle = document.getElementById("__search");
    if (!form || !list || !meta || !toggle) return;
    var input = form.elements.query;
    // The site root, from this page's relative base: works when served from a sub-folder.
    var root = new URL(form.getAttribute("data-bs-base").replace(/\/?$/, "/"), location.href);
    var engine = null;
    var asked = 0; // the latest query's number; answers to older queries are dropped
    var found = [];
    var shown = 0;

    // The search engine: Pagefind's index, merged with the delta a rebuild adds beside it
    // (pages changed since the full index), less the results those pages replace
    // (builder/engines/search_index.py).
    function pagefind() {
      if (!engine) {
        // noWorker: search in the page itself, which spares the first search a script.
        var settings = { baseUrl: root.pathname, excerptLength: 40, noWorker: true };
        var segments = fetch(new URL("pagefind/segments.json", root).href).then(function (r) {
          if (!r.ok) throw new Error("pagefind/segments.json: " + r.status);
          return r.json();
        });
        engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), segments])
          .then(function (loaded) {
            var pf = loaded[0];
            var delta = loaded[1].delta;
            var replaced = new Set(loaded[1].replaced);
            return pf.options(settings).then(function () {
              if (delta) return pf.mergeIndex(new URL("pagefind/delta/", root).href, settings);
            }).then(function () {
              function current(query) {
                return pf.search(query).then(function (answer) {
                  return valid(answer.results, replaced);
                });
              }
              return { search: delta ? function (q) { return merged(current, q); } : current };
            });
          });
      }
      return engine;
    }

    // Results of both bundles, best first, without those a changed page replaced; a page
    // indexed unchanged in both has the same id in each, and is listed once.
    function valid(results, replaced) {
      var seen = new Set();
      return results.filter(function (result) {
        if (replaced.has(result.id) || seen.has(result.id)) return false;
        seen.add(result.id);
        return true;
      });
    }

    // Pagefind ignores a query word its index does not hold, so each bundle alone would
    // answer "old-word new-word" differently from one index of the whole site. The words
    // are therefore looked up one by one in both; those found on no current page are
    // left out, as one index would, and a result must hold every other word.
    function merged(current, query) {
      var terms = words(query);
      return Promise.all(terms.map(function (term) {
        return current(term).then(function (results) {
          return new Set(results.map(function (r) { return r.id; }));
        });
      })).then(function (sets) {
        var held = sets.filter(function (set) { return set.size > 0; });
        if (!held.length) return [];
        var asked = terms.filter(function (_, i) { return sets[i].size > 0; });
        return current(asked.join(" ")).then(function (results) {
          return results.filter(function (r) {
            return held.every(function (set) { return set.has(r.id); });
          });
        });
      });
    }

    // The words Pagefind makes of a query: its word segments without punctuation.
    function words(query) {
      var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
      var found = [];
      Array.from(segmenter.segment(query)).forEach(function (part) {
        var kept = Array.from(part.segment).filter(function (c) {
          return !/^[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]$/u.test(c);
        });
        kept.join("").toLocaleLowerCase().split(/\s+/).forEach(function (word) {
          if (word) found.push(word);
        });
      });
      return found;
    }

    // The site's search without the box: its ranked results, each with data() to load.
    window.budgetSearch = function (query) {
      return pagefind().then(function (e) { return e.search(query); });
    };

    // Typing: a query is run once the typing pauses, so each key does not start a search.
    function pause(ms) {
      return new Promise(function (done) { setTimeout(done, ms); });
    }

    function say(text) {
      meta.textContent = text;
    }

    function count(n) {
      if (n === 0) return form.getAttribute("data-bs-none");
      if (n === 1) return form.getAttribute("data-bs-one");
      return form.getAttribute("data-bs-other").replace("#", String(n));
    }

    function item(data) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      // Pagefind's excerpt is the page's text, escaped, with <mark> around the matched words.
      excerpt.innerHTML = data.excerpt;
      article.appendChild(title);
      article.appendChild(excerpt);
      link.appendChild(article);
      li.appendChild(link);
      return li;
    }

    function more() {
      var number = asked;
      var next = found.slice(shown, shown + PAGE);
      shown += next.length;
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
        if (number !== asked) return;
        var old = list.querySelector("[data-bs-more]");
        if (old) old.remove();
        pages.forEach(function (data) { list.appendChild(item(data)); });
        if (shown < found.length) {
          var li = document.createElement("li");
          li.className = "md-search-result__item";
          li.setAttribute("data-bs-more", "");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "bs-search-more";
          button.textContent = "更多结果（" + shown + " / " + found.length + "）";
          button.addEventListener("click", function () {
            more().then(function () { focusAt(shown - next.length); });
          });
          li.appendChild(button);
          list.appendChild(li);
        }
      });
    }

    function run() {
      var query = input.value.trim();
      var number = ++asked;
      if (!query) {
        list.textContent = "";
        say(form.getAttribute("data-bs-placeholder"));
        return;
      }
      if (location.protocol === "file:") {
        // A browser lets no page opened from disk fetch the index (builder/engines/disk_links.py).
        list.textContent = "";
        say("从本地文件打开时无法搜索：请通过网页服务器访问本站，或从各年度、地区和单位页面浏览。");
        return;
      }
      Promise.all([pagefind(), pause(150)])
        .then(function (ready) {
          if (number !== asked) return null; // a newer query is on its way
          return ready[0].search(query);
        })
        .then(function (results) {
          if (results === null || number !== asked) return;
          found = results;
          shown = 0;
          list.textContent = "";
          say(count(found.length));
          return more();
        })
        .catch(function (error) {
          say("搜索暂不可用");
          throw error;
        });
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a, button"));
    }

    function focusAt(index) {
      var all = links();
      if (all.length) all[Math.max(0, Math.min(index, all.length - 1))].focus();
    }

    function open() {
      toggle.checked = true;
      input.focus();
      input.select();
    }

    function close() {
      toggle.checked = false;
      input.blur();
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () {
      toggle.checked = true;
      pagefind(); // start loading while the user types
    });
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(run, 0); // after the box is cleared
      input.focus();
    });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var typing = target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
      if (!toggle.checked) {
        if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
          event.preventDefault();
          open();
        }
        return;
      }
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        focusAt(at + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (at <= 0) input.focus();
        else focusAt(at - 1);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
