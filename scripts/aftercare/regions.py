"""World regions for summaries country by country, after the UN's M49 standard.

Each region is an M49 code, so its name comes in every language from CLDR (through Babel);
the grouping is the UN Statistics Division's (regions, with Latin America and Sub-Saharan Africa
as their intermediate groups). A country not listed here is summarised under "World" (001):
add it when a site gains a country.
"""

from __future__ import annotations

# The order a summary shows them in: where most of the site's readers are first.
REGIONS = {
    "150": "BE CH DE ES FR GB IE NL AL AT BG CY CZ DK EE FI GR HR HU IS IT LT LU LV MD MT NO PL PT RO RS SE SI SK UA",
    "021": "US CA",
    "419": "AR BO BR CL CO CR CU DO EC GT HN HT JM MX NI PA PE PY SV UY VE",
    "009": "AU NZ FJ PG",
    "145": "AE BH IQ JO KW LB OM QA SA SY TR YE IL PS GE AM AZ",
    "035": "BN ID KH LA MM MY PH SG TH TL VN",
    "030": "CN HK JP KP KR MN MO TW",
    "034": "AF BD BT IN IR LK MV NP PK",
    "015": "DZ EG LY MA SD TN",
    "202": "AO BF BI BJ BW CD CF CG CI CM DJ ER ET GA GH GM GN GW KE LR LS MG ML MR MW MZ NA NE NG RW SL SN SO "
           "SS TD TG TZ UG ZA ZM ZW",
}
WORLD = "001"
_OF = {country: region for region, codes in REGIONS.items() for country in codes.split()}


def region_of(country: str) -> str:
    return _OF.get(country, WORLD)


def grouped(countries) -> list[tuple[str, list[str]]]:
    """The countries by region, regions in REGIONS order (then World), countries as given."""
    order = [*REGIONS, WORLD]
    groups: dict[str, list[str]] = {}
    for country in countries:
        groups.setdefault(region_of(country), []).append(country)
    return [(region, groups[region]) for region in order if region in groups]
