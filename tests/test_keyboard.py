"""The website with the keyboard only, at a phone's, a tablet's and a computer's width: every
focus stop is seen (on screen, not under the sticky header, with a ring that stands out), the
menu opens from the keyboard, keeps the focus, reaches every link and closes with Escape; and
axe finds nothing, with the search open too."""

from __future__ import annotations

import pytest

from tests.test_site import AXE, browser, out, server, site_pages  # noqa: F401 - fixtures

WIDTHS = [320, 390, 768, 1280]
WIDE = 1220
"""From here on (76.25em) the menu is beside the page; below it is a drawer behind a button."""

STOP = """async () => {
  // Measured as the user sees it: after the page has answered the key (the next two frames).
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const rgba = s => { const v = (s.match(/[\\d.]+/g) || []).map(Number); return v.length < 3 ? [0, 0, 0, 0]
      : [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const behind = node => {  // the colour one sees through node: its backgrounds laid on white
    const layers = [];
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, c) => under.map((u, i) => u * (1 - c[3]) + c[i] * c[3]), [255, 255, 255]);
  };
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  let opacity = 1, hidden = s.visibility !== 'visible';
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) opacity *= +getComputedStyle(n).opacity;
  const width = parseFloat(s.outlineWidth), offset = parseFloat(s.outlineOffset);
  // What lies under the ring: the element itself for a ring drawn inside it, else what is
  // found at the ring's place above (or, at the top of the window, left of) the element.
  let ground = e;
  if (offset >= 0) {
    const d = offset + width / 2;
    const [x, y] = r.top - d > 0 ? [r.left + r.width / 2, r.top - d] : [r.left - d, r.top + r.height / 2];
    ground = document.elementsFromPoint(Math.max(0, x), Math.max(0, y)).find(n => n !== e && !e.contains(n)) || document.body;
  }
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const fixed = e.closest('.md-header, .md-sidebar, .md-search, .md-top, .md-skip');
  return {
    name: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().replace(/\\s+/g, ' ').slice(0, 50),
    href: e.getAttribute('href'), inDrawer: !!e.closest('.md-sidebar--primary'),
    seen: !hidden && opacity > 0.5 && r.width > 0 && r.height > 0,
    rect: [r.left, r.top, r.right, r.bottom].map(Math.round),
    onScreen: r.right > 0 && r.left < innerWidth && r.top >= -1 &&  // one taller than the window: its top in view
              (r.bottom <= innerHeight + 1 || (r.height > innerHeight - header.height && r.top < innerHeight / 2)),
    underHeader: !fixed && r.top < header.bottom - 1,
    ring: s.outlineStyle !== 'none' && width >= 2 ? ratio(rgba(s.outlineColor).slice(0, 3), behind(ground)) : 0,
  };
}"""


STILL = "*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; }"
"""Every state is measured as it ends, not half-way through Material's fades and slides."""


def _walk(page, limit: int = 400) -> list[dict]:
    """Tab from the top of the page until the focus comes round again: each stop."""
    page.add_style_tag(content=STILL)
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP)
        if stop and stops and stop["name"] == stops[0]["name"] and stop["href"] == stops[0]["href"]:
            break
        if stop:
            stops.append(stop)
        elif stops:
            break  # past the last stop: the browser's own controls
    return stops


def _faults(stops: list[dict]) -> list[tuple]:
    faults = []
    for stop in stops:
        for check, wrong in (("seen", False), ("onScreen", False), ("underHeader", True)):
            if stop[check] == wrong:
                faults.append((check, stop["name"]))
        if stop["ring"] < 3:
            faults.append(("ring", stop["name"], round(stop["ring"], 2)))
    return faults


@pytest.fixture(scope="module", params=WIDTHS)
def window(request, browser):  # noqa: F811 - fixture
    context = browser.new_context(locale="sv-SE", viewport={"width": request.param, "height": 800})
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


def it_walks_every_page_with_the_keyboard_only(window, server, out):  # noqa: F811 - fixtures
    page, found, menus = window, {}, 0
    for path in site_pages(out):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        stops = _walk(page)
        faults = _faults(stops)
        drawer_links = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary a[href]')]
            .filter(a => getComputedStyle(a).display !== 'none' && a.getClientRects().length
                         && !a.closest('[style*="display: none"]')).map(a => a.getAttribute('href'))""")
        if page.width >= WIDE:
            missed = set(drawer_links) - {stop["href"] for stop in stops}
            if missed:
                faults.append(("menu link never reached", sorted(missed)))
        else:
            assert not any(stop["inDrawer"] for stop in stops), (path, "Tab went into the closed menu")
            faults += _menu(page, set(drawer_links))
            menus += 1
        if faults:
            found[path] = faults
    assert found == {}
    assert menus == (0 if page.width >= WIDE else len(site_pages(out)))


def _menu(page, links: set[str]) -> list[tuple]:
    """Open the menu from the keyboard, Tab round it, close it with Escape."""
    faults = []
    button = page.get_by_role("button", name="Meny")
    page.goto(page.url)
    page.add_style_tag(content=STILL)
    page.keyboard.press("Tab")  # "Gå till innehållet"
    page.keyboard.press("Tab")
    if not button.evaluate("b => b === document.activeElement"):
        return [("menu button not the second stop", page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))]
    if button.get_attribute("aria-expanded") != "false":
        faults.append(("aria-expanded before opening", button.get_attribute("aria-expanded")))
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    if button.get_attribute("aria-expanded") != "true":
        faults.append(("aria-expanded when open", button.get_attribute("aria-expanded")))
    stops, first = [], page.evaluate(STOP)
    for _ in range(len(links) + 3):
        stop = page.evaluate(STOP)
        if stops and stop == first:
            break
        stops.append(stop)
        page.keyboard.press("Tab")
    else:
        faults.append(("the focus never came round to the first link of the open menu",))
    faults += _faults(stops)
    if not all(stop["inDrawer"] for stop in stops):
        faults.append(("focus left the open menu", [s["name"] for s in stops if not s["inDrawer"]]))
    missed = links - {stop["href"] for stop in stops}
    if missed:
        faults.append(("menu link never reached", sorted(missed)))
    page.keyboard.press("Shift+Tab")
    if page.evaluate(STOP)["href"] != stops[-1]["href"]:
        faults.append(("Shift+Tab from the first link does not go to the last",))
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    if not button.evaluate("b => b === document.activeElement") or button.get_attribute("aria-expanded") != "false":
        faults.append(("Escape did not close the menu and give the focus back to its button",))
    if page.evaluate("document.getElementById('__drawer').checked"):
        faults.append(("the menu is still open after Escape",))
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    if not page.evaluate("document.getElementById('__drawer').checked"):
        faults.append(("Space does not open the menu",))
    page.keyboard.press("Escape")
    return faults


def _open_search(page) -> None:
    if page.width < 960:
        page.get_by_role("button", name="Sök").click()
    else:
        page.locator("input.md-search__input").click()
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent.trim() !== '' && !/nitiali/i.test(m.textContent); }""", timeout=30000)


def it_has_no_accessibility_violations_at_any_width_with_the_search_open_too(window, server, out):  # noqa: F811
    if not AXE.exists():
        pytest.skip("axe-core is installed by .ci/run (npm)")
    page, found = window, {}
    for path in site_pages(out) + ["/finns/inte/"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        page.add_style_tag(content=STILL)
        page.add_script_tag(path=str(AXE))
        states = ["closed"]
        if path in ("/", "/planer/mal-och-inriktningsplan-2022-2026/", "/budget/"):
            states += ["search, empty", "search, results"]
        for state in states:
            if state == "search, empty":
                _open_search(page)
            if state == "search, results":
                page.locator("input.md-search__input").press_sequentially("samverkan", delay=10)
                page.locator(".md-search-result__item").first.wait_for(timeout=30000)
            result = page.evaluate("async () => await axe.run(document)")
            violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
            if violations:
                found[f"{path} ({state})"] = violations
    assert len(site_pages(out)) >= 13  # the bundled review is a draft: not on the public site
    assert found == {}


def it_opens_the_search_from_the_keyboard_and_closes_it_with_escape(window, server):  # noqa: F811
    page = window
    page.goto(server + "/")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input, [data-styrdok-for=__search]')"):
            break
    if page.width < 960:  # a button; the field of the wide layout opens the search when it gets the focus
        page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("samverkan")
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.md-search-result')")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not page.evaluate("document.getElementById('__search').checked")
    if page.width < 960:
        assert page.evaluate("document.activeElement.matches('[data-styrdok-for=__search]')")
