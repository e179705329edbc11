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

    function pagefind() {
      if (!engine) {
        engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
          // noWorker: search in the page itself, which spares the first search a script.
          var settings = { baseUrl: root.pathname, excerptLength: 40, noWorker: true };
          return pf.options(settings).then(function () {
            return pf;
          });
        });
      }
      return engine;
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
      pagefind()
        .then(function (pf) { return pf.debouncedSearch(query, {}, 150); })
        .then(function (search) {
          if (search === null || number !== asked) return; // a newer query is on its way
          found = search.results;
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
