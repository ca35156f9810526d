// styrdok: the keyboard at every width. Below 1220 px Material's menu button, and below 960 px
// its search button, are <label>s for hidden checkboxes: Tab never reaches them and no key
// works them. Here they become buttons; the open menu keeps the focus (Tab and Shift+Tab go
// round in it, the page behind is inert) until Escape closes it and hands the focus back.
// Works with Material for MkDocs and with Zensical (the same markup and checkbox ids).
(function () {
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
                  "select, textarea, [tabindex]:not([tabindex='-1'])";

  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  }

  function focusables(container) {
    return Array.prototype.filter.call(container.querySelectorAll(FOCUSABLE), function (element) {
      return element.tabIndex >= 0 && shown(element);
    });
  }

  // A <button> in the label's place, with its icon, a name and the state of what it opens.
  function buttonFor(toggle, name, controls) {
    var label = document.querySelector(".md-header label.md-header__button[for='" + toggle.id + "']");
    if (!label) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " styrdok-knapp";
    button.setAttribute("data-styrdok-for", toggle.id);
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(toggle.checked));
    if (controls && controls.id) button.setAttribute("aria-controls", controls.id);
    Array.prototype.forEach.call(label.querySelectorAll("svg"), function (icon) {
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
    });
    label.replaceWith(button);
    button.addEventListener("click", function () { toggle.click(); });  // fires change, as the label did
    return button;
  }

  function setUpMenu() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !drawer) return;
    if (!drawer.id) drawer.id = "styrdok-meny";
    var button = buttonFor(toggle, "Meny", drawer);
    if (!button) return;
    var wide = window.matchMedia("(min-width: 76.25em)");
    var behind = function () {
      return document.querySelectorAll("[data-md-component=skip], .md-header, .md-content, " +
                                       ".md-sidebar--secondary, .md-footer, .md-top");
    };

    function opened() {
      button.setAttribute("aria-expanded", "true");
      Array.prototype.forEach.call(behind(), function (element) { element.inert = true; });
      var first = focusables(drawer)[0];
      if (first) first.focus();
    }
    function closed() {
      button.setAttribute("aria-expanded", "false");
      Array.prototype.forEach.call(behind(), function (element) { element.inert = false; });
      var active = document.activeElement;
      if (!wide.matches && (!active || active === document.body || drawer.contains(active))) button.focus();
    }
    toggle.addEventListener("change", function () {
      if (toggle.checked && !wide.matches) opened(); else closed();
    });
    // A window widened past 1220 px shows the menu beside the page: the drawer is let go.
    wide.addEventListener("change", function () { if (wide.matches && toggle.checked) toggle.click(); });

    document.addEventListener("keydown", function (event) {
      if (!toggle.checked || wide.matches) return;
      if (event.key === "Escape") {
        event.preventDefault();
        toggle.click();
        button.focus();
      } else if (event.key === "Tab") {
        var stops = focusables(drawer);
        if (!stops.length) return;
        var index = stops.indexOf(document.activeElement);
        var next = event.shiftKey ? (index <= 0 ? stops.length - 1 : index - 1)
                                  : (index === -1 || index === stops.length - 1 ? 0 : index + 1);
        event.preventDefault();
        stops[next].focus();
      }
    }, true);
  }

  function setUpSearch() {
    var toggle = document.getElementById("__search");
    var dialog = document.querySelector(".md-search");
    if (!toggle || !dialog) return;
    var button = buttonFor(toggle, "Sök", dialog);
    var narrow = window.matchMedia("(max-width: 59.984375em)");
    var input = dialog.querySelector(".md-search__input");
    toggle.addEventListener("change", function () {
      if (!button) return;
      button.setAttribute("aria-expanded", String(toggle.checked));
      if (toggle.checked && input && document.activeElement !== input) input.focus();
      var active = document.activeElement;
      if (!toggle.checked && narrow.matches && (!active || active === document.body || dialog.contains(active))) {
        button.focus();
      }
    });
    // The results area is a stop for Tab even while it is empty or the search is closed, and
    // Material closes the search on Tab anyway: its results are reached with the arrow keys.
    var results = dialog.querySelector(".md-search__scrollwrap");
    if (results) results.setAttribute("tabindex", "-1");
  }

  setUpMenu();
  setUpSearch();
})();
