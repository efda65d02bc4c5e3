// The process editor's "add a row" buttons. The page works without this file: the
// server always renders a few empty node and edge rows, and a saved page brings more.
(function () {
  "use strict";

  // rowOf returns the row number in an input name that starts with prefix
  // ("n.3.id" with prefix "n." gives 3), or -1.
  function rowOf(name, prefix) {
    if (!name || name.indexOf(prefix) !== 0) { return -1; }
    var m = /^(\d+)\./.exec(name.slice(prefix.length));
    return m ? parseInt(m[1], 10) : -1;
  }

  function addRow(list) {
    var prefix = list.getAttribute("data-prefix");
    var rows = list.querySelectorAll(".flow-row");
    if (!rows.length) { return; }
    var max = -1;
    list.querySelectorAll("[name]").forEach(function (el) {
      max = Math.max(max, rowOf(el.getAttribute("name"), prefix));
    });
    var next = max + 1;
    var copy = rows[rows.length - 1].cloneNode(true);
    copy.classList.remove("has-problems");
    copy.querySelectorAll(".err, legend code").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("[name]").forEach(function (el) {
      var name = el.getAttribute("name");
      var i = rowOf(name, prefix);
      el.setAttribute("name", prefix + next + name.slice(prefix.length + String(i).length));
      if (el.type === "checkbox") { el.checked = false; }
      else if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      else { el.value = ""; }
    });
    var legend = copy.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(rows.length + 1)).replace(/\s*·\s*$/, ""); }
    copy.id = copy.id.replace(/\d+$/, String(next));
    var details = copy.querySelector("details");
    if (details) { details.open = false; }
    list.appendChild(copy);
    var first = copy.querySelector("input, select");
    if (first) { first.focus(); }
  }

  document.querySelectorAll("button.flow-add").forEach(function (button) {
    var list = document.querySelector('.flow-rows[data-prefix="' + button.getAttribute("data-rows") + '"]');
    if (!list) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { addRow(list); });
  });
}());
