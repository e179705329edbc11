// Site search: the header box and the search page /search/?q=…, answered by the site's own
// static index (search-index/, written by builder/search/index.py). The index is split into
// shards by word, so a query downloads the shards of its own words and the results it shows,
// not the whole index. The pages were indexed by words cut in advance (builder/search/words.py);
// a query is cut here the same way, so the two agree.
(function () {
  "use strict";
  var PAGE = 10; // results the header box shows at once
  var PAGE_LIST = 20; // results the search page shows at once
  var FILTERS = ["year", "region", "unit", "kind"];

  // --- Words: as builder/search/words.py cuts them --------------------------------------
  var RUN = /[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff]+/g;
  var GRAM = 3;

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function runs(text) {
    return fold(text).match(RUN) || [];
  }

  // The index words a query needs, all of them: a word of three or more Chinese characters
  // is the trigrams that cover it (one every three characters, and the last three: each may
  // be in another shard of the index); a shorter one, or letters and digits, is one word.
  function queryWords(query) {
    var words = [];
    runs(query).forEach(function (run) {
      if (run.charCodeAt(0) < 0x80 || run.length < GRAM) { words.push(run); return; }
      for (var i = 0; i + GRAM <= run.length; i += GRAM) words.push(run.slice(i, i + GRAM));
      if (run.length % GRAM) words.push(run.slice(run.length - GRAM));
    });
    return words.filter(function (w, i) { return words.indexOf(w) === i; });
  }

  // The word that narrows a search by a filter (words.filter_word): year, region, unit, kind.
  function filterWord(name, value) {
    return name + "=" + value;
  }

  // --- The index (builder/search/index.py) ---------------------------------------------------
  var root = null; // the site root, from the page's relative base: works from a sub-folder
  var meta = null;
  var shards = new Map();

  // A file of the index (JSON), at an address that changes with every build's index.
  function load(name) {
    return meta.then(function (m) {
      return fetch(new URL("search-index/" + name + "?v=" + m.stamp, root).href);
    }).then(function (response) {
      if (!response.ok) throw new Error("search-index/" + name + ": " + response.status);
      return response.json();
    });
  }

  function index() {
    if (!meta) {
      // Asked again on every visit: a rebuilt site has a new stamp.
      meta = fetch(new URL("search-index/meta.json", root).href, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("search-index/meta.json: " + response.status);
          return response.json();
        });
      meta.catch(function () { meta = null; });
    }
    return meta;
  }

  // FNV-1a of the word's UTF-16 code units, as index.shard_of hashes it.
  function shardOf(word, count) {
    var h = 0x811c9dc5;
    for (var i = 0; i < word.length; i++) {
      h ^= word.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  function shard(word, m) {
    var n = shardOf(word, m.shards);
    if (!shards.has(n)) {
      var loading = load("w/" + n + ".json");
      loading.catch(function () { shards.delete(n); });
      shards.set(n, loading);
    }
    return shards.get(n);
  }

  // A word's pages, as sorted page numbers: from the gaps between them, or from a bitmap.
  function pagesOf(encoded) {
    if (!encoded) return [];
    var out = [];
    if (typeof encoded === "string") {
      var bytes = atob(encoded);
      for (var i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) out.push(i * 8 + bit);
      }
      return out;
    }
    var at = 0;
    for (var k = 0; k < encoded.length; k++) out.push(at += encoded[k]);
    return out;
  }

  // The pages that hold every word, best first. First those whose name holds every word of
  // the query, in page order (projects, units, other pages; latest year first). Then the
  // unit pages whose own goals and measures hold them, a unit's work as a whole; then the
  // project pages, then every other page. A word found nowhere means no results.
  function lookUp(words, filters, m) {
    var all = words.concat(filters);
    return Promise.all(all.map(function (w) { return shard(w, m); })).then(function (loaded) {
      var lists = all.map(function (w, i) { return pagesOf(loaded[i][w]); });
      if (lists.some(function (list) { return !list.length; })) return [];
      var order = lists.map(function (_, i) { return i; })
        .sort(function (a, b) { return lists[a].length - lists[b].length; });
      var found = lists[order[0]];
      order.slice(1).forEach(function (i) {
        var held = new Uint8Array(m.pages);
        lists[i].forEach(function (page) { held[page] = 1; });
        found = found.filter(function (page) { return held[page]; });
      });
      var named = new Uint8Array(m.pages).fill(words.length);
      words.forEach(function (w, i) {
        pagesOf(loaded[i]["^" + w]).forEach(function (page) { named[page]--; });
      });
      var units = m.starts[1];
      var others = m.starts[2];
      function rank(p) {
        if (!named[p]) return 0;
        return p >= units && p < others ? 1 : p < units ? 2 : 3;
      }
      var ranked = found.map(function (p) { return [rank(p), p]; });
      ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return ranked.map(function (r) { return r[1]; });
    });
  }

  // Every word is required; a filter is a word of its own, required too.
  function search(query, filters) {
    var words = queryWords(query);
    if (!words.length) return Promise.resolve([]);
    var narrowing = Object.keys(filters || {}).sort().filter(function (name) {
      return filters[name];
    }).map(function (name) { return filterWord(name, filters[name]); });
    return index().then(function (m) {
      return lookUp(words, narrowing, m);
    }).then(function (pages) {
      return pages.map(function (page) {
        var data = null;
        return {
          id: page,
          data: function () {
            data = data || load("p/" + page + ".json").then(function (d) { return hit(d, query); });
            return data;
          },
        };
      });
    });
  }

  // --- A result -------------------------------------------------------------------------------
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The record's lines (one cell or sentence each) that hold the query's words, cut at
  // a clause around the first word when long, with the words marked.
  function excerpt(text, query) {
    var terms = runs(query).sort(function (a, b) { return b.length - a.length; });
    var lines = (text || "").split("\u00a6").filter(Boolean);
    var scored = lines.map(function (line, i) {
      var low = fold(line);
      var n = terms.filter(function (t) { return low.indexOf(t) >= 0; }).length;
      return { line: line, n: n, i: i };
    });
    var best = scored.filter(function (s) { return s.n > 0; })
      .sort(function (a, b) { return b.n - a.n || a.i - b.i; }).slice(0, 2)
      .sort(function (a, b) { return a.i - b.i; });
    if (!best.length) best = scored.slice(0, 1);
    // Lines apart are joined by one ellipsis, not one of each line's and another.
    return best.map(function (s) { return mark(clip(s.line, terms), terms); })
      .join(" … ").replace(/…? … …?/g, " … ");
  }

  function clip(line, terms) {
    var MAX = 90;
    if (line.length <= MAX) return line;
    var low = fold(line);
    var at = Math.max(0, Math.min.apply(null, terms.map(function (t) {
      var i = low.indexOf(t);
      return i < 0 ? Infinity : i;
    }).concat([line.length])));
    if (at === line.length) at = 0;
    // Start after the clause mark before the word, end at one after it.
    var start = 0;
    for (var i = at - 1; i >= Math.max(0, at - 40); i--) {
      if ("，。；、：,;: ".indexOf(line[i]) >= 0) { start = i + 1; break; }
      if (i === Math.max(0, at - 40)) start = i;
    }
    var end = Math.min(line.length, start + MAX);
    for (var j = end - 1; j > at; j--) {
      if ("，。；、,; ".indexOf(line[j]) >= 0) { end = j + 1; break; }
    }
    return (start > 0 ? "…" : "") + line.slice(start, end) + (end < line.length ? "…" : "");
  }

  // The line, escaped, with the query's words in <mark>; compared character by character
  // in folded form (full-width, case), so that the marks fall on the characters shown.
  function mark(line, terms) {
    var chars = Array.from(line);
    var low = chars.map(function (c) {
      var f = fold(c);
      return f.length === 1 ? f : c.toLowerCase();
    }).join("");
    var marks = new Array(chars.length).fill(false);
    terms.forEach(function (t) {
      for (var i = low.indexOf(t); i >= 0; i = low.indexOf(t, i + 1)) {
        for (var k = i; k < i + t.length; k++) marks[k] = true;
      }
    });
    var out = "";
    var open = false;
    for (var i = 0; i < chars.length; i++) {
      if (marks[i] && !open) { out += "<mark>"; open = true; }
      if (!marks[i] && open) { out += "</mark>"; open = false; }
      out += escapeHtml(chars[i]);
    }
    return out + (open ? "</mark>" : "");
  }

  function hit(data, query) {
    return {
      url: root.pathname + data.url.slice(1), // the address from the site root, as a link
      meta: data,
      title: data.title || data.url,
      kind: data.kind || "页面",
      excerpt: excerpt(data.text, query),
    };
  }

  // Draw each result as soon as it and every result before it are loaded: the first appear
  // without waiting for the last (a server of HTTP/1.1 sends six files at a time). draw
  // returns false once the results are no longer wanted (a newer query).
  function inOrder(results, draw) {
    var loads = results.map(function (r) { return r.data(); });
    var done = Promise.resolve(true);
    loads.forEach(function (load) {
      done = done.then(function (going) {
        return going && load.then(draw);
      });
    });
    return Promise.all([done].concat(loads));
  }

  // The site's search without the box: its results, best first, each with data() to load.
  window.budgetSearch = function (query, filters) {
    return search(query, filters);
  };
  window.budgetSearch.words = queryWords; // for the tests: the same words as words.py

  function item(data, tag) {
    var li = document.createElement("li");
    li.className = tag === "page" ? "bs-hit" : "md-search-result__item";
    var link = document.createElement("a");
    link.href = data.url;
    var kind = document.createElement("span");
    kind.className = "bs-hit-kind";
    kind.textContent = data.kind;
    var title = document.createElement(tag === "page" ? "strong" : "h1");
    title.textContent = data.title;
    var facts = document.createElement("span");
    facts.className = "bs-hit-facts";
    var meta = data.meta;
    facts.textContent = [meta.kind === "项目" ? meta.unit : "", meta.year ? meta.year + "年" : "",
      meta.region, meta.amount].filter(Boolean).join(" · ");
    var text = document.createElement("p");
    text.className = "bs-hit-excerpt";
    text.innerHTML = data.excerpt; // escaped by excerpt(), with <mark> around the words
    if (tag === "page") {
      link.className = "bs-hit-link";
      link.appendChild(kind);
      link.appendChild(title);
      li.appendChild(link);
      li.appendChild(facts);
      li.appendChild(text);
    } else {
      link.className = "md-search-result__link";
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      title.insertBefore(kind, title.firstChild);
      article.appendChild(title);
      article.appendChild(facts);
      article.appendChild(text);
      link.appendChild(article);
      li.appendChild(link);
    }
    return li;
  }

  function fromDisk() {
    return location.protocol === "file:";
  }
  var DISK = "从本地文件打开时无法搜索：请通过网页服务器访问本站，或从各年度、地区和单位页面浏览。";

  // --- The search page ------------------------------------------------------------------------
  function searchPage() {
    var form = document.querySelector("form[data-bs-search-page]");
    if (!form) return;
    var count = document.querySelector("[data-bs-search-count]");
    var list = document.querySelector("[data-bs-search-results]");
    var moreButton = document.querySelector("[data-bs-search-more]");
    var asked = 0;
    var found = [];
    var shown = 0;
    var query = "";

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      form.elements.q.value = params.get("q") || "";
      FILTERS.forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
    }

    function chosen() {
      var filters = {};
      FILTERS.forEach(function (name) {
        var value = form.elements[name].value.trim();
        if (value) filters[name] = value;
      });
      return filters;
    }

    function address() {
      var params = new URLSearchParams();
      params.set("q", form.elements.q.value.trim());
      var filters = chosen();
      FILTERS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
      return "?" + params.toString();
    }

    function more() {
      var number = asked;
      var next = found.slice(shown, shown + PAGE_LIST);
      var first = null;
      return inOrder(next, function (data) {
        if (number !== asked) return false;
        var li = item(data, "page");
        first = first || li;
        list.appendChild(li);
        return true;
      }).then(function () {
        if (number !== asked) return null;
        shown += next.length;
        moreButton.hidden = shown >= found.length;
        moreButton.textContent = "显示更多结果（已显示 " + shown + " / " + found.length + " 条）";
        return first;
      });
    }

    function run() {
      var number = ++asked;
      query = form.elements.q.value.trim();
      list.textContent = "";
      moreButton.hidden = true;
      if (!query) {
        count.textContent = "输入词语后按回车搜索。多个词用空格分开，结果须包含每一个词。";
        return;
      }
      if (fromDisk()) { count.textContent = DISK; return; }
      document.title = query + " - 搜索";
      count.textContent = "正在搜索…";
      search(query, chosen()).then(function (results) {
        if (number !== asked) return;
        found = results;
        shown = 0;
        count.textContent = "共 " + found.length + " 条结果";
        return more();
      }).catch(function (error) {
        count.textContent = "搜索暂不可用";
        throw error;
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = address();
      if (next !== location.search) history.pushState(null, "", next);
      run();
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      select.addEventListener("change", function () { form.requestSubmit(); });
    });
    moreButton.addEventListener("click", function () {
      more().then(function (first) {
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
    });
    window.addEventListener("popstate", function () { fromAddress(); run(); });
    fromAddress();
    run();
  }

  // --- The header box -------------------------------------------------------------------------
  function headerBox() {
    var form = document.querySelector("form[data-bs-search]");
    var list = document.querySelector("[data-bs-search-list]");
    var meta = document.querySelector("[data-bs-search-meta]");
    var toggle = document.getElementById("__search");
    if (!form || !list || !meta || !toggle) return;
    var input = form.elements.query;
    var asked = 0; // the latest query's number; answers to older queries are dropped
    var found = [];
    var shown = 0;

    function say(text) {
      meta.textContent = text;
    }

    function count(n) {
      if (n === 0) return form.getAttribute("data-bs-none");
      if (n === 1) return form.getAttribute("data-bs-one");
      return form.getAttribute("data-bs-other").replace("#", String(n));
    }

    function more() {
      var number = asked;
      var next = found.slice(shown, shown + PAGE);
      shown += next.length;
      var old = list.querySelector("[data-bs-more]");
      return inOrder(next, function (data) {
        if (number !== asked) return false;
        if (old) old.remove();
        list.appendChild(item(data, "box"));
        return true;
      }).then(function () {
        if (number !== asked) return;
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
      if (fromDisk()) {
        // A browser lets no page opened from disk fetch the index (builder/engines/disk_links.py).
        list.textContent = "";
        say(DISK);
        return;
      }
      // No pause for more typing: a query's shards are fetched once and kept, and the answer
      // to a query typed over is dropped; a pause would be part of the 300 ms a visitor
      // waits for results (issue 15).
      index()
        .then(function () {
          if (number !== asked) return null; // a newer query is on its way
          return search(query);
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
      index(); // start loading while the user types
    });
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
    // Enter: the search page, whose address can be shared and gone back to.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      if (!query) return;
      location.href = new URL("search/?q=" + encodeURIComponent(query), root).href;
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

  function setup() {
    var form = document.querySelector("form[data-bs-search]");
    if (!form) return;
    root = new URL(form.getAttribute("data-bs-base").replace(/\/?$/, "/"), location.href);
    headerBox();
    searchPage();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
