// Shenpi's catalogue pages: repeatable rows (an item's materials, fees and
// form fields; the rows of a table in an application form) and print
// buttons. Every page works without this file: the server always renders
// one empty row, and a saved page brings another.
(function () {
  "use strict";

  // indexOf returns the row number in an input name that starts with
  // prefix ("m.3.name" with prefix "m." gives 3), or -1.
  function indexOf(name, prefix) {
    if (!name || name.indexOf(prefix) !== 0) { return -1; }
    var m = /^(\d+)\./.exec(name.slice(prefix.length));
    return m ? parseInt(m[1], 10) : -1;
  }

  function renumber(el, prefix, next) {
    var name = el.getAttribute("name");
    var i = indexOf(name, prefix);
    if (i < 0) { return; }
    var renamed = prefix + next + name.slice(prefix.length + String(i).length);
    el.setAttribute("name", renamed);
    if (el.id) { el.id = renamed.replace(/\./g, "-"); }
  }

  function clear(el) {
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = false;
    } else if (el.tagName === "SELECT") {
      el.selectedIndex = 0;
    } else {
      el.value = el.getAttribute("data-default") || "";
    }
    el.removeAttribute("aria-invalid");
  }

  function addRow(group, button) {
    var prefix = group.getAttribute("data-prefix");
    var rows = group.querySelectorAll(".catalog-row");
    if (!rows.length) { return; }
    var limit = parseInt(group.getAttribute("data-limit") || "0", 10);
    var max = -1;
    group.querySelectorAll("[name]").forEach(function (el) {
      max = Math.max(max, indexOf(el.getAttribute("name"), prefix));
    });
    var last = rows[rows.length - 1];
    var copy = last.cloneNode(true);
    copy.querySelectorAll(".err, .sample").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("[name]").forEach(function (el) {
      renumber(el, prefix, max + 1);
      clear(el);
    });
    copy.querySelectorAll("details").forEach(function (d) { d.open = false; });
    last.parentNode.insertBefore(copy, last.nextSibling);
    var first = copy.querySelector("input, select, textarea");
    if (first) { first.focus(); }
    if (limit && rows.length + 1 >= limit) { button.disabled = true; }
  }

  document.querySelectorAll(".catalog-rows").forEach(function (group) {
    var button = null;
    group.querySelectorAll(".catalog-add-row").forEach(function (b) {
      if (b.closest(".catalog-rows") === group) { button = b; }
    });
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { addRow(group, button); });
  });

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
}());
