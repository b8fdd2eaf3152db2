"""What a page shows of a country's rights record, in the reader's language: each fact of
one country (its page), and every country's by world region (the legal guide).

Part of :class:`aftercare.present.Presenter`, which supplies ``t``, ``text``, ``date``,
``country_name``, ``sorted_countries``, ``locale``, ``default`` and ``today``.
"""

from __future__ import annotations

from . import data as data_module, regions, rights as rights_module
from .languages import babel_locale


class RightsViews:
    def rights(self, record: dict | None) -> dict | None:
        """A country's rights record: each fact's text and details, or its gap; then its pages."""
        if not record:
            return None
        facts = [{"key": fact, "found": (value := record[fact])["found"], "label": self.t(f"rights.{fact}"),
                  "name": self.text(value.get("name")), "text": self.text(value.get("text")),
                  "days": value.get("days"), "cooperation": value.get("cooperation")}
                 for fact in rights_module.FACTS]
        sources = [{**source, "labels": [self.t(f"rights.{fact}") for fact in backs]}
                   for source, backs in rights_module.pages(record)]
        return {"id": record["id"], "facts": facts, "sources": sources,
                "last_checked": self.date(record["verification"]["last_checked"]),
                "needs_review": data_module.review_due(record, self.today)}

    def rights_page(self, dataset: data_module.Dataset) -> dict:
        """Rights region by region (the legal guide): each country with a record, its facts."""
        with_rights = [code for code, _ in self.sorted_countries(dataset.countries) if "rights" in dataset.countries[code]]
        return {"regions": [(self.region_name(region), [(code, self.country_name(code),
                                                         self.rights(dataset.countries[code]["rights"])) for code in codes])
                            for region, codes in regions.grouped(with_rights)]}

    def region_name(self, code: str) -> str:
        for locale in (self.locale, babel_locale(self.default)):
            if locale is not None and code in locale.territories:
                return locale.territories[code]
        return code
