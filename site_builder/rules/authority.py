"""An authority may only confer what the law in force on the decision's date gives it.

The award law changed over time (rules/law/regimes.py: the 2003 law and Nghị định 91/2017 until
31/12/2023, the 2022 law and Nghị định 98/2023 until 30/6/2025, then Nghị định 152/2025 and,
for communes, Nghị định 129/2025). A decision is judged by the regime in force on its own
`date`: its issuer's `level` (data/bodies.yml) must be an authority that regime lets confer
the form, for the decision's default `award` and for every recipient row's award.

An entry of data/awards.yml is a form of the law when its `law` names one or, without `law`,
when its id is one (rules/law/catalogue.yml): the law then decides, and a `conferred_by`
written on it is ignored with a warning (a site cannot widen the law). An entry the law does
not know is the site's own form, conferred by the levels of its `conferred_by` (none: not
checked). Any entry may carry `from`/`until`: the days it may be conferred at all.

A partial date (a year, a month) passes when some regime in force during it allows the award;
when none does, the error names the last of them. A decision with no valid date, or issued
by a body outside its days (rules/issuers.py), has its own error and is not judged here.
"""
from __future__ import annotations

from ..content.dates import UNKNOWN_DATE, short_date, span
from ..honor.awardees import locate
from . import issuers
from .law.regimes import the_law

# How many forms an error lists before "and N others".
SHOWN_FORMS = 8


def legal_form(award, law) -> str | None:
    """The id of the law's form an awards.yml entry is, or None for a form of the site's own."""
    if award.law:
        return award.law if award.law in law.forms else None
    return award.id if award.id in law.forms else None


def check(site) -> None:
    law = the_law()
    _check_award_entries(site, law)
    for decision in site.decisions.values():
        body = site.bodies.get(decision.get("issuer"))
        if body is None or decision.date == UNKNOWN_DATE or issuers.outside(body, decision.date):
            continue  # reported by rules.references, content/dates.py or rules.issuers
        judge = _Judge(site, law, body, decision.date)
        default = decision.get("award")
        if default is not None and judge(default):
            code, params = judge(default)
            site.problems.add(decision.source.file, decision.parsed.line_of("award"), "award", code, **params)
        # A decision names a handful of award forms for hundreds of awardees: judge each form
        # once, then visit the awardees only when one of them is beyond the issuer's power.
        own = {a.award for a in decision.awardees if not _from_default(a)}
        if not any(judge(award_id) for award_id in own):
            continue
        for awardee in decision.awardees:
            found = None if _from_default(awardee) else judge(awardee.award)
            if found:
                where = locate(site, awardee, "award")
                site.problems.add(where["file"], where["line"], where["field"], found[0], column=where["column"],
                                  **found[1])


def _from_default(awardee) -> bool:
    """The row's award is the decision's `award` (judged once, at that line)."""
    return getattr(awardee.source, "award_from_decision", False)


class _Judge:
    """What is wrong with conferring an award form in one decision: (code, params) or None."""

    def __init__(self, site, law, body, date):
        self.site, self.law, self.body, self.date = site, law, body, date
        self.first, self.last = span(date)
        self.verdicts: dict = {}

    def __call__(self, award_id):
        if award_id not in self.verdicts:
            self.verdicts[award_id] = self.judge(award_id)
        return self.verdicts[award_id]

    def judge(self, award_id):
        award = self.site.awards.get(award_id)
        if award is None:
            return None  # an unknown award is reported by rules.references
        label = award.label_in("vi"), award.label_in("en")
        common = {"award": label, "issuer": (issuers.body_name(self.body, "vi"),
                                                            issuers.body_name(self.body, "en")),
                  "date": issuers.shown_date(self.date)}
        if (award.valid_from and self.last < award.valid_from) or (award.until and self.first > award.until):
            return "award_out_of_dates", {**common, "period": _own_period(award)}
        form = legal_form(award, self.law)
        level = self.body.level
        if form is None:
            if award.law or not award.conferred_by or level in award.conferred_by:
                return None  # an unknown `law` is reported by rules.references
            return "award_beyond_site_rule", {
                **common, "authority": self._authority(level),
                "allowed": tuple(_either([self.law.authority(a, lang) for a in award.conferred_by], lang)
                                 for lang in ("vi", "en"))}
        regimes = self.law.during(self.first, self.last)
        if any(regime.may_confer(level, form) for regime in regimes):
            return None
        regime = regimes[-1]
        common.update(when=(regime.when("vi"), regime.when("en")), regime=(regime.name["vi"], regime.name["en"]),
                      authority=self._authority(level))
        deciders = regime.deciders(form)
        named = tuple(_either([self.law.authority(d, lang) for d in deciders], lang) for lang in ("vi", "en"))
        power = regime.powers[level]
        if not power.forms:
            ended = power.ended or {"vi": "", "en": ""}
            others = ((f'; "{label[0]}" do {named[0]} quyết định', f'; "{label[1]}" is conferred by {named[1]}')
                      if deciders else
                      (f'; không cấp nào được tặng "{label[0]}"', f'; no authority may confer "{label[1]}"'))
            return "authority_ended", {**common, "ended": (ended["vi"], ended["en"]), "others": others}
        if not deciders:
            offering = self.law.offering(form)
            offered = ((f"; hình thức này chỉ được tặng {_periods(offering, 'vi')}",
                        f"; it could be conferred only {_periods(offering, 'en')}") if offering else ("", ""))
            return "award_not_in_regime", {**common, "offered": offered}
        return "award_beyond_authority", {
            **common, "citations": power.citations(), "deciders": named,
            "allowed": tuple(self._forms(power.forms, lang) for lang in ("vi", "en"))}

    def _authority(self, level: str) -> tuple[str, str]:
        return self.law.authority(level, "vi"), self.law.authority(level, "en")

    def _forms(self, forms: tuple[str, ...], lang: str) -> str:
        """The forms an authority may confer, as an error lists them: a class or a variant is
        left out when its family is listed ("Giấy khen" stands for "Giấy khen của Chủ tịch UBND xã")."""
        listed = set(forms)
        names = [f'"{self.law.forms[f].label[lang]}"' for f in forms if self.law.forms[f].family not in listed]
        if len(names) > SHOWN_FORMS:
            more = len(names) - SHOWN_FORMS
            names = names[:SHOWN_FORMS] + [f"{more} hình thức khác" if lang == "vi" else f"{more} other forms"]
        return ", ".join(names)


def _either(names: list[str], lang: str) -> str:
    return (" hoặc " if lang == "vi" else " or ").join(names)


def _periods(regimes, lang: str) -> str:
    """The days the regimes cover, next ones merged: "đến 30/6/2025", "từ 01/01/2024"."""
    spans = []
    for regime in regimes:
        if spans and spans[-1][1] is not None and regime.start is not None and \
                (regime.start - spans[-1][1]).days == 1:
            spans[-1][1] = regime.until
        else:
            spans.append([regime.start, regime.until])
    return (" và " if lang == "vi" else " and ").join(_period(start, until, lang) for start, until in spans)


def _period(start, until, lang: str) -> str:
    since, to = ("từ", "đến") if lang == "vi" else ("from", "until")
    parts = [f"{since} {short_date(start, lang)}"] if start else []
    if until:
        parts.append(f"{to} {short_date(until, lang)}")
    return " ".join(parts) or ("mọi lúc" if lang == "vi" else "at any time")


def _own_period(award) -> tuple[str, str]:
    return _period(award.valid_from, award.until, "vi"), _period(award.valid_from, award.until, "en")


def _check_award_entries(site, law) -> None:
    """awards.yml: `conferred_by` on a form of the law is ignored; `until` may not come before `from`."""
    for award in site.awards.values():
        file = award.source.file if award.source else "content/data/awards.yml"
        form = legal_form(award, law)
        if form is not None and award.conferred_by:
            site.problems.add(file, award.source.line_of("conferred_by"), "conferred_by", "conferred_by_ignored",
                              severity="warning", award=award.label_in("vi"), form=law.forms[form].label["vi"])
        if award.valid_from and award.until and award.until < award.valid_from:
            site.problems.add(file, award.source.line_of("until"), "until", "message_dates_reversed",
                              until=award.until.isoformat(), start=award.valid_from.isoformat())
