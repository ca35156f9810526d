// styrdok: keyboard-scrollable wide tables with a visible cue, and names for Material's
// landmarks and dialog that it leaves unnamed. Written here rather than loaded from a CDN:
// the site makes no requests to other hosts.
(function () {
  var HINT = "Tabellen är bredare än sidan. Rulla i sidled för att se alla kolumner; " +
             "med tangentbordet: flytta fokus till tabellen och använd piltangenterna.";

  function label(box) {
    if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) return;
    var caption = box.querySelector("caption");
    var heading = box.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    var text = caption ? caption.textContent : heading ? heading.textContent : "";
    box.setAttribute("aria-label", "Tabell" + (text ? ": " + text.trim() : ""));
  }

  // A table wider than its box can be scrolled with the keyboard (tabindex) and says so; one
  // that fits is no extra stop for the Tab key.
  function fit(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("rullar", wide);
    var hint = box.previousElementSibling;
    var hasHint = hint && hint.classList.contains("styrdok-ledtext");
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      label(box);
      if (!hasHint) {
        hint = document.createElement("p");
        hint.className = "styrdok-ledtext";
        hint.textContent = HINT;
        box.parentNode.insertBefore(hint, box);
      }
    } else {
      box.removeAttribute("tabindex");
      if (hasHint) hint.remove();
    }
  }

  // A table taller than the window, when it gets the focus, shows its caption and the top of
  // its ring below the sticky header, where the browser would centre it and hide both.
  function top(event) {
    var box = event.currentTarget;
    if (box.getBoundingClientRect().height <= window.innerHeight * 0.8) return;
    requestAnimationFrame(function () { box.scrollIntoView({ block: "start" }); });  // after the browser's own scroll
  }

  function boxes() {
    // Our own tables, and Material's wrapper around the Markdown tables (change pages, lists).
    return document.querySelectorAll(".styrdok-tabell, .md-typeset__scrollwrap");
  }

  function names() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "Sök");
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var source = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (source && source.textContent.trim()) return;
      var title = nav.querySelector(".md-nav__title");
      if (title && title.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  function enable() {
    names();
    boxes().forEach(function (box) { box.addEventListener("focus", top); });
    boxes().forEach(fit);
  }
  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { boxes().forEach(fit); }, 100);
  });
  // Material wraps the Markdown tables when it mounts the page: look after it has.
  if (window.document$) { window.document$.subscribe(function () { setTimeout(enable, 0); }); } else { document.addEventListener("DOMContentLoaded", enable); }
})();
