// The all-projects page as a data browser: filter by text, year, region, unit and amount,
// sort by any column, page through the result; the state is kept in the address (?q=…&year=…
// &region=…&unit=…&min=…&max=…&sort=…&order=…&page=…), so a view can be shared and reloaded.
// Without this script the page still shows the largest projects as a plain table.
// The rows come from projects/list/*.json (builder/render/lists/projects.py), loaded on the
// first filter, sort or page, or at once when the address already asks for one.
(function () {
  "use strict";
  var KEYS = ["q", "year", "region", "unit", "min", "max", "sort", "order", "page"];

  function setup() {
    var table = document.getElementById("bs-projects-table");
    var form = document.querySelector('form[data-bs-filter="projects"]');
    var counter = document.querySelector("[data-bs-count]");
    var pager = document.querySelector(".bs-pager");
    if (!table || !form || !counter || !pager) return;
    if (location.protocol === "file:") {
      // A page opened from disk may not fetch the list (builder/engines/disk_links.py): the
      // built table stays as it is, and the page says where the rest is.
      counter.textContent = "从本地文件打开时无法筛选和排序：下表为预算最多的项目，" +
        "全部项目见各年度和单位页面，或通过网页服务器访问本站。";
      return;
    }
    var body = table.tBodies[0];
    var base = new URL(table.getAttribute("data-bs-list"), location.href);
    var meta = null; // the list's index: count, chunks, regions, page size
    var rows = null; // every project: [code, name, unit, unit code, region, year, budget]
    var loading = null;
    var state = read();
    var pageSize = 50;

    function read() {
      var params = new URLSearchParams(location.search);
      var found = {};
      KEYS.forEach(function (key) { found[key] = params.get(key) || ""; });
      return found;
    }

    function write(push) {
      var params = new URLSearchParams();
      KEYS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
      var query = params.toString();
      var address = location.pathname + (query ? "?" + query : "") + location.hash;
      if (push) history.pushState(null, "", address);
      else history.replaceState(null, "", address);
    }

    function load() {
      if (!loading) {
        loading = fetch(base).then(function (r) { return r.json(); }).then(function (index) {
          meta = index;
          pageSize = index.page;
          return Promise.all(index.chunks.map(function (name) {
            return fetch(new URL(name, base)).then(function (r) { return r.json(); });
          }));
        }).then(function (chunks) {
          rows = [].concat.apply([], chunks).map(function (row) {
            // Amounts below 10^15 yuan with two decimals are exact as numbers for sorting
            // and comparing; the text shown is the exact string the build wrote.
            return { code: row[0], name: row[1], unit: row[2], unitCode: row[3],
              region: row[4], year: String(row[5]), budget: row[6], amount: Number(row[6]),
              text: (row[0] + " " + row[1] + " " + row[2]).toLowerCase() };
          });
        });
      }
      return loading;
    }

    function matching() {
      var q = state.q.trim().toLowerCase();
      var unit = state.unit.trim().toLowerCase();
      var min = state.min === "" ? -Infinity : Number(state.min);
      var max = state.max === "" ? Infinity : Number(state.max);
      return rows.filter(function (r) {
        return (!q || r.text.indexOf(q) >= 0) && (!state.year || r.year === state.year) &&
          (!state.region || r.region === state.region) &&
          (!unit || r.unit.toLowerCase().indexOf(unit) >= 0 || r.unitCode === unit) &&
          r.amount >= min && r.amount <= max;
      });
    }

    var ORDER = { name: "name", code: "code", unit: "unit", year: "year", region: "region",
      budget: "amount" };

    function sorted(found) {
      var key = ORDER[state.sort] || "amount";
      var down = (state.order || (key === "amount" ? "desc" : "asc")) === "desc";
      return found.slice().sort(function (a, b) {
        var x = a[key], y = b[key];
        var diff = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh");
        if (diff === 0) diff = a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
        return down ? -diff : diff;
      });
    }

    function cell(text, css) {
      var td = document.createElement("td");
      if (css) td.className = css;
      td.textContent = text;
      return td;
    }

    function linked(text, href) {
      var td = document.createElement("td");
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
      return td;
    }

    function amount(text) {
      var parts = text.split(".");
      var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return parts.length > 1 ? whole + "." + parts[1] : whole;
    }

    function show() {
      var found = sorted(matching());
      var pages = Math.max(1, Math.ceil(found.length / pageSize));
      var page = Math.min(Math.max(1, parseInt(state.page, 10) || 1), pages);
      var fragment = document.createDocumentFragment();
      found.slice((page - 1) * pageSize, page * pageSize).forEach(function (r) {
        var tr = document.createElement("tr");
        tr.appendChild(linked(r.name, r.code + "/"));
        var code = cell("", "bs-minor");
        var tag = document.createElement("code");
        tag.textContent = r.code;
        code.appendChild(tag);
        tr.appendChild(code);
        tr.appendChild(linked(r.unit, "../" + r.year + "/" + r.region + "/" + r.unitCode + "/"));
        tr.appendChild(cell(r.year, "bs-minor"));
        tr.appendChild(cell(meta.regions[r.region] || r.region, "bs-minor"));
        tr.appendChild(cell(amount(r.budget), "bs-num"));
        fragment.appendChild(tr);
      });
      body.textContent = "";
      body.appendChild(fragment);
      counter.textContent = "共 " + found.length + " 个项目" +
        (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "");
      headings();
      paging(page, pages);
    }

    function headings() {
      var key = state.sort || "budget";
      var down = (state.order || (key === "budget" ? "desc" : "asc")) === "desc";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (th.getAttribute("data-bs-sort") === key) {
          th.setAttribute("aria-sort", down ? "descending" : "ascending");
        } else {
          th.removeAttribute("aria-sort");
        }
      });
    }

    function paging(page, pages) {
      pager.textContent = "";
      pager.hidden = pages < 2;
      [["上一页", page - 1], ["下一页", page + 1]].forEach(function (item) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = item[0];
        button.disabled = item[1] < 1 || item[1] > pages;
        button.addEventListener("click", function () {
          state.page = String(item[1]);
          write(true);
          show();
          table.scrollIntoView({ block: "start" });
        });
        pager.appendChild(button);
      });
    }

    function run(push) {
      write(push);
      return load().then(show).catch(function () {
        counter.textContent = "项目列表暂不可用";
      });
    }

    // The sort buttons: one per column header, keyboard reachable.
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-bs-sort");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = state.sort || "budget";
        var down = (state.order || (current === "budget" ? "desc" : "asc")) === "desc";
        state.order = current === key ? (down ? "asc" : "desc") : (key === "budget" ? "desc" : "asc");
        state.sort = key;
        state.page = "";
        run(true);
      });
    });

    function fill() {
      ["q", "year", "region", "unit", "min", "max"].forEach(function (key) {
        form.elements[key].value = state[key];
      });
    }

    form.addEventListener("input", function () {
      ["q", "year", "region", "unit", "min", "max"].forEach(function (key) {
        state[key] = form.elements[key].value;
      });
      state.page = "";
      run(false);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      state = read();
      fill();
      run(false);
    });
    form.hidden = false;
    fill();
    var asked = KEYS.some(function (key) { return state[key]; });
    if (asked) {
      run(false);
    } else {
      // The built page is page 1 of the default order: the rest loads when asked for.
      var total = Number(table.getAttribute("data-bs-total"));
      var pages = Math.ceil(total / Number(table.getAttribute("data-bs-page")));
      counter.textContent = "共 " + total + " 个项目" + (pages > 1 ? "，第 1 / " + pages + " 页" : "");
      paging(1, pages);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
