"""Search benchmark: bytes a reader downloads for a first search, and the time to the first result,
on a throttled phone profile.

Usage: .venv/bin/python scripts/search_benchmark.py [--site site] [--repeats 3] [--pagefind DIR]

The built site (`bash scripts/build.sh` first) is served with gzip (level 6, as a typical host
does) on 127.0.0.1. Chromium is throttled through the DevTools protocol as Lighthouse's mobile
profile is: 562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up, CPU 4 x slower.

For each language: the home page is opened, and as soon as it has loaded the reader types a word
into the search box (the text arrives as one `input` event, then one key is pressed). Two
times are printed: from the start of the page load to the first result on screen, and from the
moment the word is in the box. "Bytes" are what went over the wire (gzip) for search: the search
worker, the stemmer files and the index.

`--pagefind DIR`: the same, for a copy of the site indexed by Pagefind (`python -m pagefind --site
DIR`), through Pagefind's own JavaScript API on a bare page (no interface, no CSP). For comparing
mechanisms; the site itself does not use it.

This is a measurement, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from aftercare_tools.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from aftercare_tools.server import serve_like_a_host  # noqa: E402

# One word per language that the site has, typed as a reader would.
# (Written as found on the pages, so that the site before this change finds them too.)
WORDS = {"en": "lawyer", "es": "médico", "fr": "santé", "ar": "أمان", "zh": "热线", "vi": "sức khỏe", "tl": "tulong"}
PHONE = {"latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8, "uploadThroughput": 675 * 1024 / 8}
CPU_SLOWDOWN = 4
def _throttled(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", dict(PHONE, offline=False))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return cdp


def _recorder(site: Path, base: str, sizes: list):
    """Records (url, bytes over the wire) of each search file. Chromium reports no body size for
    a worker's own script: that one is counted as the server sends it (gzip, level 6)."""
    def on_finished(request):
        if not _is_search(request.url):
            return
        measured = request.sizes()
        body = measured["responseBodySize"]
        if not body and request.url.startswith(base):
            body = len(gzip.compress((site / request.url[len(base):].split("?")[0]).read_bytes(), 6))
        sizes.append((request.url, body + measured["responseHeadersSize"]))
    return on_finished


def _is_search(url: str) -> bool:
    return "search_index" in url or "/workers/" in url or "/lunr/" in url or "/pagefind/" in url


def material_first_search(browser, site: Path, base: str, lang: str, word: str) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    _throttled(context, page)
    sizes: list[tuple[str, int]] = []
    page.on("requestfinished", _recorder(site, base, sizes))
    try:
        page.goto(base + ("" if lang == "en" else f"{lang}/"), wait_until="load")
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.fill(word)
        box.press("End")  # the key event the site before this change needed
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        figures = page.evaluate("""() => {
            const nav = performance.getEntriesByType("navigation")[0];
            return {total: performance.now(), loaded: nav.loadEventEnd};
        }""")
        # The index and worker finished before the result could show.
        return {"bytes": sum(s for _, s in sizes), "files": len(sizes), "total_ms": figures["total"],
                "after_load_ms": figures["total"] - figures["loaded"]}
    finally:
        context.close()


_PAGEFIND_HARNESS = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head>
<body><p id="out"></p><script>
window.runSearch = async (word) => {{
  const pagefind = await import("./pagefind/pagefind.js");
  const search = await pagefind.search(word);
  const first = search.results.length ? await search.results[0].data() : null;
  document.getElementById("out").textContent = first ? first.url : "none";
  return search.results.length;
}};
</script></body></html>"""


def pagefind_first_search(browser, site: Path, base: str, lang: str, word: str) -> dict:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    _throttled(context, page)
    sizes: list[tuple[str, int]] = []
    page.on("requestfinished", _recorder(site, base, sizes))
    try:
        page.goto(base + f"pf-harness-{lang}.html", wait_until="load")
        start = page.evaluate("() => performance.now()")
        count = page.evaluate("word => window.runSearch(word)", word)
        end = page.evaluate("() => performance.now()")
        return {"bytes": sum(s for _, s in sizes), "files": len(sizes), "total_ms": end, "after_load_ms": end - start,
                "results": count}
    finally:
        context.close()


def _report(name: str, runs: dict[str, list[dict]]) -> None:
    print(f"\n== {name}: first search on a throttled phone (median of {len(next(iter(runs.values())))})")
    print(f"{'lang':5} {'word':10} {'KB (gzip)':>10} {'files':>6} {'load->result s':>15} {'typed->result s':>16}")
    for lang, figures in runs.items():
        kb = statistics.median(f["bytes"] for f in figures) / 1024
        total = statistics.median(f["total_ms"] for f in figures) / 1000
        after = statistics.median(f["after_load_ms"] for f in figures) / 1000
        files = figures[0]["files"]
        print(f"{lang:5} {WORDS[lang]:10} {kb:10.1f} {files:6} {total:15.2f} {after:16.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pagefind", type=Path, help="a copy of the site indexed by Pagefind")
    parser.add_argument("--languages", default=",".join(WORDS))
    args = parser.parse_args()
    langs = args.languages.split(",")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        base = serve_like_a_host(args.site, cache=False)
        runs = {lang: [material_first_search(browser, args.site, base, lang, WORDS[lang]) for _ in range(args.repeats)]
                for lang in langs}
        _report(f"Site search ({args.site})", runs)
        if args.pagefind:
            for lang in langs:
                (args.pagefind / f"pf-harness-{lang}.html").write_text(_PAGEFIND_HARNESS.format(lang=lang),
                                                                         encoding="utf-8")
            base = serve_like_a_host(args.pagefind, cache=False)
            runs = {lang: [pagefind_first_search(browser, args.pagefind, base, lang, WORDS[lang]) for _ in range(args.repeats)]
                    for lang in langs}
            _report(f"Pagefind ({args.pagefind})", runs)
            for lang in langs:
                print(f"  pagefind {lang} {WORDS[lang]!r}: {runs[lang][0]['results']} results")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
