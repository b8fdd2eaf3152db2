"""Accessibility: axe-core (WCAG 2.2 AA) and the quick-exit control's size and visibility."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from aftercare_tools.browser import tab, visit
from aftercare import data
from conftest import LANGUAGES, ROOT, built_pages

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
SIZES = [(360, 640), (1280, 800)]


def _violations(page, context=None) -> list[str]:
    results = Axe().run(page, context=context, options=WCAG_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


def _home(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quick_exit_has_no_axe_violations(base_url, browser, lang):
    with tab(browser, base_url) as (context, page, _):
        for path in (_home(lang), _home(lang) + "404.html"):
            visit(page, base_url + path)
            assert _violations(page, ".aftercare-exit") == [], path
            # Focused, its hint with the shortcut and the help link is shown and checked too.
            page.locator(".aftercare-exit__link").focus()
            assert _violations(page, ".aftercare-exit") == [], path + " (focused)"


def _axe_pages(site) -> list[str]:
    """Every page, except that country pages (one template, hundreds of pages) are checked for a
    sample that shows each thing the template can show, in every language: the readers' countries
    (Viet Nam, Saudi Arabia, Cambodia, Senegal), one with support services and filters (the one
    with most), one with paired lines, and one without a trafficking line."""
    dataset = data.load(ROOT / "data", root=ROOT).dataset
    sample = {"vn", "sa", "kh", "sn"}
    sample.add(max(dataset.countries, key=lambda c: len(dataset.providers_in(c))).lower())
    sample.update(c.lower() for c, r in dataset.countries.items() if any(x.get("together_with") for x in r["hotlines"]))
    sample.update(sorted(c.lower() for c, r in dataset.countries.items() if not r["hotlines"])[:1])
    pages = []
    for path in built_pages(site):
        parts = path.split("/")
        if "countries" in parts and parts[-1] == "" and parts[-2] != "countries" and parts[-2] not in sample:
            continue
        pages.append(path)
    return pages


def test_every_page_has_no_axe_violations(site, base_url, browser):
    with tab(browser, base_url) as (context, page, recorder):
        found = {}
        for path in _axe_pages(site):
            visit(page, base_url + path, recorder)
            violations = _violations(page)
            if violations:
                found[path] = violations
    assert not found, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)


def _check_control(page, where):
    box = page.locator(".aftercare-exit__link").bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert box["width"] >= 44 and box["height"] >= 44, f"{where}: {box}"
    assert box["x"] >= 0 and box["y"] >= 0, f"{where}: {box}"
    assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, f"{where}: {box}"
    # Nothing covers it: the element at its centre is the link or inside it.
    covered = page.evaluate(
        """([x, y]) => { const el = document.elementFromPoint(x, y);
                         return !(el && el.closest('.aftercare-exit__link')); }""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert not covered, f"{where}: the control is covered"
    return box


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_quick_exit_is_big_visible_and_mirrored(base_url, browser, lang, size):
    with tab(browser, base_url, viewport=size) as (context, page, _):
        page.goto(base_url + _home(lang) + "staying-safe-online/", wait_until="networkidle")
        before = _check_control(page, "top of the page")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(200)
        after = _check_control(page, "after scrolling to the bottom")
        assert before == after
        # At the end of the line: right in left-to-right pages, left in right-to-left ones.
        if lang == "ar":
            assert before["x"] == 0
        else:
            assert before["x"] + before["width"] == size[0]
        # Open the navigation drawer and the search on a phone: still on top.
        if size[0] < 500:
            page.locator(".md-header label[for=__drawer]").click()
            page.wait_for_timeout(300)
            _check_control(page, "with the menu open")
            page.keyboard.press("Escape")
        page.emulate_media(media="print")
        assert not page.locator(".aftercare-exit__link").is_visible()


def test_quick_exit_is_first_after_the_skip_link(base_url, browser):
    with tab(browser, base_url) as (context, page, _):
        page.goto(base_url + "get-help/", wait_until="networkidle")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('aftercare-exit__link')")
        # Its hint is visible while it has focus.
        assert page.locator(".aftercare-exit__hint").evaluate("el => getComputedStyle(el).clipPath") == "none"


_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName + (el.className ? "." + String(el.className).split(" ")[0] : ""),
    text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.opacity !== "0"
             && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    outline: style.outlineStyle !== "none" || style.boxShadow !== "none",
  };
}"""


@pytest.mark.parametrize("path", ["", "get-help/", "directory/", "ar/first-days/"])
def test_keyboard_only_every_control_is_reachable_and_visible(base_url, browser, path):
    with tab(browser, base_url) as (context, page, _):
        visit(page, base_url + path)
        seen, problems = [], []
        for _ in range(300):
            page.keyboard.press("Tab")
            state = page.evaluate(_FOCUS_STATE)
            if state is None or (seen and state == seen[0]):
                break
            seen.append(state)
            if not state["visible"]:  # give an opening transition (the skip link slides in) its time
                page.wait_for_timeout(400)
                state = page.evaluate(_FOCUS_STATE)
            if not state["visible"]:
                problems.append(f"not visible when focused: {state['tag']} {state['text']!r}")
            elif not state["outline"]:
                problems.append(f"no focus indicator: {state['tag']} {state['text']!r}")
        tags = [s["tag"] for s in seen]
        assert "A.aftercare-exit__link" in tags and "INPUT.md-search__input" in tags
        assert len(seen) > 10
        assert problems == [], "\n".join(problems)
