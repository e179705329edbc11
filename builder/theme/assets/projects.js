// The all-projects table: sort by amount and filter by year and region.
// Without this script the table still shows every project, largest first.
(function () {
  "use strict";
  function setup() {
    var table = document.getElementById("bs-projects-table");
    var form = document.querySelector('form[data-bs-filter="projects"]');
    if (!table || !form) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var header = table.querySelector("th[data-bs-sort]");
    var descending = true;

    var button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () {
      descending = !descending;
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      rows.sort(function (a, b) {
        var diff = Number(a.dataset.amount) - Number(b.dataset.amount);
        return descending ? -diff : diff;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });

    function filter() {
      var year = form.elements.year.value;
      var region = form.elements.region.value;
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!year || row.dataset.year === year) &&
          (!region || row.dataset.region === region);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      form.elements.count.value = "显示 " + shown + " / " + rows.length + " 个项目";
    }
    form.addEventListener("change", filter);
    form.hidden = false;
    filter();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
