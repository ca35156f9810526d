// Sortable tables: a table inside <div class="sortable"> gets a button in each column heading.
// Written here rather than loaded from a CDN: the site makes no requests to other hosts.
(function () {
  function value(cell) {
    var text = cell.textContent.trim();
    var number = text.replace(/[\s\u00a0]/g, "").replace("\u2212", "-").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(number) ? parseFloat(number) : text.toLocaleLowerCase("sv");
  }
  function sort(table, column, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.filter(function (r) { return r.dataset.summa === "1"; });
    rows = rows.filter(function (r) { return r.dataset.summa !== "1"; });
    var ascending = button.parentNode.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = value(a.cells[column]), y = value(b.cells[column]);
      if (x === y) return 0;
      if (typeof x === typeof y) return (x < y ? -1 : 1) * (ascending ? 1 : -1);
      return (typeof x === "number" ? -1 : 1) * (ascending ? 1 : -1);
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.concat(total).forEach(function (r) { body.appendChild(r); });
  }
  function enable() {
    document.querySelectorAll(".sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sorterad) return;
      table.dataset.sorterad = "1";
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        if (row.classList.contains("summa")) row.dataset.summa = "1";
      });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = th.textContent;
        button.setAttribute("aria-label", th.textContent + ", sortera");
        button.addEventListener("click", function () { sort(table, column, button); });
        th.textContent = "";
        th.appendChild(button);
      });
    });
  }
  if (window.document$) { window.document$.subscribe(enable); } else { document.addEventListener("DOMContentLoaded", enable); }
})();
