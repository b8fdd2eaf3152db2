"""Benchmark: build time, memory and page weight, against plain Material for MkDocs in the same run.

Usage: .venv/bin/python scripts/benchmark.py [--quick | --only large] [--repeats 3] [--providers 10000] [--countries 200] [--hotlines 200]

Prints, in one run:
  1. build time and peak memory (median of 3 interleaved runs) of the default site, and of a
     plain Material + i18n site of the same Markdown pages (no aftercare plugin, no overrides), with the
     ratio;
  2. the same for a generated large dataset (10,000 providers in 200 countries, 7 languages);
  3. for sample pages: bytes (gzip) and requests on a first visit and on a second visit to
     another page, for this site and for the plain Material page;
  4. build time with 1, 2, 4 and 7 languages.

`--only large` runs part 2 alone, with part 3 for its pages (no comparison with plain Material).

This is a measurement, not a test: it prints figures and never fails on them. Page weight is
measured in headless Chromium against a local server; each response is gzipped (level 6, as
a typical host does) to count the bytes a reader would download: the whole first visit, every
request the page makes on its own (background ones too) until the network is quiet; the search
(index, worker, stemmers) loads only when the reader searches, and the first search is measured
apart. "Second visit" counts what a reader has not
already downloaded on the first page (assets are fingerprinted or cacheable), i.e. the new
page's HTML and anything it adds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from aftercare_tools.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from aftercare_tools.server import serve  # noqa: E402
from aftercare_tools.weight import first_search, page_weight  # noqa: E402
from aftercare_tools.sites import LANGUAGES, header_yaml  # noqa: E402

# A word each language's index holds, for the first search.
SEARCH_WORDS = {"": "hotline", "ar": "الطوارئ", "es": "ayuda", "vi": "111"}
SAMPLE_PAGES = ["", "get-help/", "staying-safe-online/", "directory/", "countries/vn/", "countries/gb/",
                "ar/", "ar/get-help/", "ar/countries/sa/", "es/countries/gb/"]

# Runs one build in a fresh interpreter and reports its own wall time and peak memory.
_CHILD = """
import functools, json, resource, sys, time, os
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs import plugins
from mkdocs.config import load_config
from mkdocs.commands.build import build

# Time spent in the project's own plugin (scripts/aftercare_mkdocs/: its jobs), for every language.
in_hooks = [0.0]
register = plugins.PluginCollection._register_event
def timed_register(self, event_name, method, plugin_name=None):
    if isinstance(method, plugins.CombinedEvent):  # the plugin's jobs: each function on its own
        for sub in method.methods:
            timed_register(self, event_name, sub, plugin_name)
        return
    if plugin_name and str(plugin_name).startswith("aftercare"):
        inner = method
        @functools.wraps(inner)
        def method(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                in_hooks[0] += time.perf_counter() - started
    return register(self, event_name, method, plugin_name)
plugins.PluginCollection._register_event = timed_register

start = time.perf_counter()
config = load_config(sys.argv[1], site_dir=sys.argv[2])
build(config)
print(json.dumps({"seconds": time.perf_counter() - start, "hooks": in_hooks[0],
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def timed_build(config: Path, site: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", _CHILD, str(config), str(site)],
                            capture_output=True, text=True, cwd=config.parent)
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["pages"] = sum(1 for p in site.rglob("*.html") if "assets" not in p.parts)
    return figures


def _languages_yaml(languages: list[str]) -> str:
    names = {"en": "English", "es": "Español", "fr": "Français", "ar": "العربية", "zh": "中文", "vi": "Tiếng Việt",
             "tl": "Tagalog"}
    return "".join(f"        - locale: {code}\n          name: {names[code]}\n" + ("          default: true\n" if code == "en" else "")
                   for code in languages)


def project_config(folder: Path, *, languages=LANGUAGES, extra_data: Path | None = None,
                   countries: list[str] | None = None) -> Path:
    """The project's site, optionally with fewer languages or more data."""
    text = (
        header_yaml()
    )
    settings = []
    if extra_data:
        settings.append(f"    extra_data: [{extra_data}]\n")
    if languages != LANGUAGES:
        settings.append(f"    languages: [{', '.join(languages)}]\n")
    if countries is not None:
        settings.append(f"    countries: [{', '.join(countries)}]\n")
    if settings:
        text += "extra:\n  aftercare:\n" + "".join(settings)
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def plain_config(folder: Path) -> Path:
    """Plain Material + i18n over the same Markdown pages: no aftercare plugin, overrides or privacy settings."""
    text = (
        "site_name: Aftercare (plain Material)\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        "exclude_docs: |\n  /screenshots/\n"
        "theme:\n  name: material\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        + _languages_yaml(LANGUAGES)
        + "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n  - toc\n"
          "  - pymdownx.details\n  - pymdownx.superfences\n"
    )
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def generate_data(folder: Path, providers: int, hotlines: int, countries_total: int = 200, seed: int = 7) -> Path:
    """A large made-up dataset (never shipped): hotline files for countries the default data lacks,
    up to `countries_total` countries in all, and providers spread over every one of them."""
    import phonenumbers
    import pycountry
    import yaml

    rng = random.Random(seed)
    used = sorted(p.stem for p in (ROOT / "data" / "hotlines").glob("*.yml"))
    new = [c for c in sorted(phonenumbers.SUPPORTED_REGIONS)
           if c not in used and phonenumbers.example_number(c) and pycountry.countries.get(alpha_2=c)]
    new = new[: max(0, countries_total - len(used))]
    services = ["shelter", "housing", "medical", "mental-health", "legal", "immigration", "case-management",
                "education", "employment", "life-skills", "peer-support", "interpretation"]
    populations = ["adults", "children", "young-people", "women", "men", "lgbtq", "families", "foreign-nationals"]
    tags = ["free", "confidential", "anonymous", "no-police", "no-immigration-status", "24-7"]
    spoken = ["en", "es", "fr", "ar", "zh", "vi", "tl", "pt", "ru", "ro"]  # spoken by services, not the site's list

    def number(country):
        return phonenumbers.format_number(phonenumbers.example_number(country), phonenumbers.PhoneNumberFormat.E164)

    def evidence(slug, shown):
        return {"sources": [{"url": f"https://example.org/generated/{slug}", "read": "2026-11-01", "shows": [shown]}],
                "verification": {"last_checked": "2026-11-01", "how": "operator", "review_every_months": 6}}

    (folder / "hotlines").mkdir(parents=True)
    (folder / "providers").mkdir(parents=True)
    per_country = max(1, hotlines // max(1, len(new)))
    for country in new:
        lines = [dict({"id": f"gen-{country.lower()}-line-{n}", "name": {"en": f"Generated line {n} ({country})",
                                                                         "es": f"Línea generada {n}"},
                       "phones": [{"number": number(country)}]}, **evidence(f"{country}-{n}", number(country)))
                 for n in range(per_country)]
        (folder / "hotlines" / f"{country}.yml").write_text(
            yaml.safe_dump({"country": country, "emergency": [], "hotlines": lines}, allow_unicode=True))
    everywhere = used + new
    for n in range(providers):
        country = everywhere[n % len(everywhere)] if n < len(everywhere) else rng.choice(everywhere)
        record = dict({
            "id": f"gen-provider-{n:05d}",
            "name": {"en": f"Generated provider {n:05d}", "es": f"Proveedor generado {n:05d}"},
            "description": {"en": "A made-up provider for the benchmark. It offers several kinds of help."},
            "countries": [country],
            "languages": rng.sample(spoken, 2),
            "populations": rng.sample(populations, 2),
            "tags": rng.sample(tags, 2),
            "phones": [{"number": number(country)}],
            "services": [{"type": t} for t in rng.sample(services, 3)],
            "hours": {"timezone": "Europe/Paris", "open": [{"days": ["mon", "tue", "wed", "thu", "fri"],
                                                            "from": "09:00", "to": "17:00"}]},
        }, **evidence(f"provider-{n}", number(country)))
        (folder / "providers" / f"{record['id']}.yml").write_text(yaml.safe_dump(record, allow_unicode=True))
    return folder


def heaviest_pages(site: Path, count: int = 3) -> list[str]:
    """The pages whose HTML weighs most (gzip), as URL paths: the worst case for a first visit."""
    sizes = []
    for path in site.rglob("index.html"):
        sizes.append((len(gzip.compress(path.read_bytes(), 6)), path.parent.relative_to(site).as_posix()))
    return [("" if p == "." else p + "/") for _, p in sorted(sizes, reverse=True)[:count]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=10000)
    parser.add_argument("--countries", type=int, default=200, help="countries in the large dataset, real ones included")
    parser.add_argument("--hotlines", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="skip the large dataset and language scaling")
    parser.add_argument("--only", choices=["large"],
                        help="only the large dataset: its build (part 2) and its pages' weight (part 3)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="builds of each site in part 1, interleaved; the median is shown (default 3)")
    args = parser.parse_args()
    if args.quick and args.only:
        parser.error("--quick skips the large dataset that --only large asks for")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = None if args.only else _default_and_plain(tmp, args.repeats)

        if not args.quick:
            print(f"\n== 2. Large dataset: {args.providers} providers in {args.countries} countries, "
                  f"{args.hotlines} more hotlines, 7 languages")
            extra = generate_data(tmp / "generated", args.providers, args.hotlines, args.countries)
            large = timed_build(project_config(_mk(tmp / "large"), extra_data=extra), tmp / "large" / "site")
            _row("large dataset", large)
            heaviest = heaviest_pages(tmp / "large" / "site")
            for page in ["directory/", "get-help/", *heaviest]:
                html = (tmp / "large" / "site" / page / "index.html").read_bytes()
                print(f"  {page}: {len(html) / 1024:.0f} KB, {len(gzip.compress(html, 6)) / 1024:.1f} KB gzip")
            if plain:
                print(f"  ratio to plain Material: build time x{large['seconds'] / plain['seconds']:.2f}")

        print("\n== 3. Page weight (gzip), first visit and second visit to another page")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            sites = [] if args.only else [
                # The sample pages, and the country page that weighs most today (more data, more weight).
                ("this project", serve(tmp / "ours" / "site"),
                 SAMPLE_PAGES + [p for p in heaviest_pages(tmp / "ours" / "site")[:1] if p not in SAMPLE_PAGES]),
                ("plain Material", serve(tmp / "plain" / "site"),
                 [p for p in SAMPLE_PAGES if p != "directory/" and "countries/" not in p])]
            if not args.quick:
                sites.append(("large dataset", serve(tmp / "large" / "site"), ["directory/", "get-help/", *heaviest]))
            for label, base, pages in sites:
                for path in pages:
                    then = "staying-safe-online/" if path != "staying-safe-online/" else "get-help/"
                    w = page_weight(browser, base, path, then)
                    print(f"  {label:15} /{path:22} whole first visit {w['kb']:6.1f} KB in {w['requests']:2} requests"
                          f" (of which search {w['search_kb']:5.1f} KB in {w['search_requests']}; external requests: "
                          f"{w['external']}); second {w['second']['kb']:5.1f} KB in {w['second']['requests']} requests")
                    if label != "plain Material" and (path in ("", "ar/") or path == pages[-1]):
                        word = SEARCH_WORDS.get(path.split("/")[0], SEARCH_WORDS[""])
                        f = first_search(browser, base, path, word)
                        print(f"  {'':15} /{path:22} first search ({word!r}): {f['kb']:6.1f} KB in {f['requests']} "
                              f"requests, first result {f['seconds']:.2f} s after the word was in the box")
            browser.close()

        if not args.quick and not args.only:
            print("\n== 4. Build time by number of languages (default data)")
            for count in (1, 2, 4, 7):
                folder = _mk(tmp / f"langs-{count}")
                figures = timed_build(project_config(folder, languages=LANGUAGES[:count]), folder / "site")
                print(f"  {count} language(s): {figures['seconds']:5.2f} s, {figures['pages']} pages, "
                      f"peak {figures['peak_mb']:.0f} MB")
    return 0


def _default_and_plain(tmp: Path, repeats: int) -> dict:
    """Part 1: the default site against plain Material + i18n; returns the plain site's figures."""
    print(f"== 1. Default site against plain Material + i18n (same Markdown pages), "
          f"median of {repeats} interleaved runs")
    runs: dict[str, list[dict]] = {"ours": [], "same": [], "plain": []}
    configs = {"ours": project_config(_mk(tmp / "ours")), "plain": plain_config(_mk(tmp / "plain")),
               # With one country (a site lists one at least) the project builds the same
               # Markdown pages plus that country's page in each language: the closest like-for-like.
               "same": project_config(_mk(tmp / "same"), countries=[sorted(p.stem for p in (ROOT / "data" / "hotlines").glob("*.yml"))[0]])}
    for _ in range(repeats):
        for key, config in configs.items():
            runs[key].append(timed_build(config, config.parent / "site"))
    ours, same, plain = (_median(runs[key]) for key in ("ours", "same", "plain"))
    _row("this project", ours)
    _row("  same pages", same)
    _row("plain Material", plain)
    print(f"  ratio: build time x{ours['seconds'] / plain['seconds']:.2f} "
          f"(same pages x{same['seconds'] / plain['seconds']:.2f}), "
          f"peak memory x{ours['peak_mb'] / plain['peak_mb']:.2f} "
          f"(same pages x{same['peak_mb'] / plain['peak_mb']:.2f})")
    print(f"  of which in the project's plugin: this project {ours['hooks']:.2f} s, same pages {same['hooks']:.2f} s")
    print(f"  per page: this project {1000 * ours['seconds'] / ours['pages']:.0f} ms, "
          f"same pages {1000 * same['seconds'] / same['pages']:.0f} ms, "
          f"plain Material {1000 * plain['seconds'] / plain['pages']:.0f} ms")
    return plain


def _mk(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _median(runs: list[dict]) -> dict:
    """The run with the median build time, and the spread of all runs."""
    ordered = sorted(runs, key=lambda figures: figures["seconds"])
    return dict(ordered[len(ordered) // 2], low=ordered[0]["seconds"], high=ordered[-1]["seconds"])


def _row(label: str, figures: dict) -> None:
    spread = f" (runs {figures['low']:.2f}-{figures['high']:.2f} s)" if "low" in figures else ""
    print(f"  {label:15} build {figures['seconds']:6.2f} s{spread}, peak memory {figures['peak_mb']:6.0f} MB, "
          f"{figures['pages']} pages")


if __name__ == "__main__":
    raise SystemExit(main())
