"""feeds.extract.dates: finding, normalising and resolving date expressions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from feeds.extract.dates import find_dates, resolve, specificity
from feeds.model import PartialDate

MONDAY = date(2025, 12, 15)


@pytest.mark.parametrize(
    ("text", "found", "expr"),
    [
        ("said Sunday that", "Sunday", "weekday:6"),
        ("a Saturday ambush", "Saturday", "weekday:5"),
        ("on Nov. 12 this year.", "Nov. 12 this year", "md:11-12:this-year"),
        ("joined on November 12, as", "November 12", "md:11-12"),
        ("since the overthrow in December 2024,", "in December 2024", "ym:2024-12"),
        ("formed in 2014.", "in 2014", "y:2014"),
        ("on December 13, 2025 at noon", "December 13, 2025", "ymd:2025-12-13"),
        ("on 13 December 2025", "13 December 2025", "ymd:2025-12-13"),
        ("dated 2025-12-13.", "2025-12-13", "ymd:2025-12-13"),
        ("he left yesterday", "yesterday", "rel-day:-1"),
        ("talks last week", "last week", "rel-week:-1"),
        ("sanctions last month", "last month", "rel-month:-1"),
        ("last Sunday", "last Sunday", "weekday:6:last"),
        ("died this past Sunday night", "this past Sunday night", "weekday:6"),
        ("in March", "in March", "m:3"),
    ],
)
def test_find_dates_normalises(text: str, found: str, expr: str) -> None:
    (match,) = find_dates(text)
    assert (match.text, match.expr) == (found, expr)
    assert text[match.start : match.end] == found


@pytest.mark.parametrize("text", ["12 people died", "in 1492 rooms", "4.5 pm2.5 levels",
                                  "may be", "Route 2014", "the March rally",
                                  # fractions, scores, ratios: slashes need a year or an "on"
                                  "won 3/4 of the seats", "on 3/4 of the ballots", "a 6-2 win",
                                  "open 24/7", "a 1/2 share", "at 1.5/2 strength",
                                  "scored 1/2/3 points", "the 4/5 majority"])
def test_bare_numbers_and_times_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("at 4:45 p.m. local time", "4:45 p.m."), ("around 11 pm", "11 pm"),
    ("shortly before 6:00 p.m. the shots", "6:00 p.m."), ("at 9 a.m", "9 a.m"),
])
def test_a_time_of_day_is_the_anchor_day(text: str, found: str) -> None:
    (match,) = find_dates(text)
    assert (match.text, match.expr) == (found, "clock")
    assert resolve("clock", date(2024, 5, 6)) == PartialDate(date(2024, 5, 6))
    assert resolve("clock", None) is None


def test_a_named_day_beats_a_time_of_day() -> None:
    assert specificity("clock") < specificity("weekday:6")


def test_sentence_initial_relative_dates() -> None:
    assert [d.expr for d in find_dates("Yesterday, police said. Last Sunday they left.")] == [
        "rel-day:-1", "weekday:6:last"]
    assert [d.expr for d in find_dates("Last week the army came. This morning it left.")] == [
        "rel-week:-1", "rel-day:0"]


def test_named_day_is_no_date() -> None:
    assert find_dates("after the September 11 attacks, she") == []
    assert [d.expr for d in find_dates("on September 11 police")] == ["md:09-11"]


@pytest.mark.parametrize(
    ("expr", "iso", "precision"),
    [
        ("weekday:6", "2025-12-14", "day"),
        ("weekday:5", "2025-12-13", "day"),
        ("weekday:0", "2025-12-15", "day"),  # the publication day itself
        ("weekday:0:last", "2025-12-08", "day"),
        ("weekday:4:next", "2025-12-19", "day"),
        ("md:11-12", "2025-11-12", "day"),
        ("md:12-20", "2024-12-20", "day"),  # after the anchor: the year before
        ("md:11-12:this-year", "2025-11-12", "day"),
        ("md:12-03:last-year", "2024-12-03", "day"),
        ("ym:2024-12", "2024-12", "month"),
        ("y:2014", "2014", "year"),
        ("m:12", "2025-12", "month"),
        ("m:3", "2025-03", "month"),
        ("rel-day:-1", "2025-12-14", "day"),
        ("rel-week:-1", "2025-12", "month"),  # the week of Thursday 2025-12-11
        ("rel-week:0", "2025-12", "month"),
        ("rel-month:-1", "2025-11", "month"),
        ("rel-year:-1", "2024", "year"),
    ],
)
def test_resolve_against_anchor(expr: str, iso: str, precision: str) -> None:
    resolved = resolve(expr, MONDAY)
    assert resolved is not None
    assert (resolved.iso(), resolved.precision) == (iso, precision)


def test_last_week_takes_the_month_of_its_thursday() -> None:
    assert resolve("rel-week:-1", date(2025, 12, 2)) == PartialDate(date(2025, 11, 1), "month")
    assert resolve("rel-week:-1", date(2025, 12, 8)) == PartialDate(date(2025, 12, 1), "month")


def test_resolve_accepts_datetime_anchor() -> None:
    assert resolve("weekday:6", datetime(2025, 12, 15, 9, 30)) == PartialDate(date(2025, 12, 14))


@pytest.mark.parametrize("expr", ["weekday:6", "md:11-12", "rel-day:-1", "m:12", "rel-week:-1"])
def test_relative_dates_without_anchor_stay_unresolved(expr: str) -> None:
    assert resolve(expr, None) is None


def test_absolute_dates_need_no_anchor() -> None:
    assert resolve("ymd:2025-12-13", None) == PartialDate(date(2025, 12, 13), "day")
    assert resolve("y:2014", None) == PartialDate(date(2014, 1, 1), "year")


def test_invalid_expressions_resolve_to_none() -> None:
    assert resolve("md:02-30", MONDAY) is None
    assert resolve(None, MONDAY) is None
    assert resolve("nonsense:1", MONDAY) is None


# --- holidays, parts of the day, abbreviations, numeric dates, "ago", weekends ---------------

THANKSGIVING_2025 = date(2025, 11, 27)


def _found(text: str, anchor: date = MONDAY) -> list[tuple[str, str, str | None]]:
    """Each date in `text`: its words, its expression and what it resolves to on `anchor`."""
    out = []
    for d in find_dates(text):
        resolved = resolve(d.expr, anchor)
        out.append((d.text, d.expr, resolved.iso() if resolved else None))
    return out


@pytest.mark.parametrize(
    ("text", "found", "expr", "iso"),
    [  # against Monday 2025-12-15: each holiday's last occurrence on or before it
        ("The gunman opened fire on Father's Day at a park.", "on Father's Day",
         "holiday:fathers-day", "2025-06-15"),  # 3rd Sunday of June
        ("The gunman opened fire on Father’s Day at a park.", "on Father’s Day",
         "holiday:fathers-day", "2025-06-15"),  # curly apostrophe
        ("Two men were shot on Mother's Day in the city.", "on Mother's Day",
         "holiday:mothers-day", "2025-05-11"),  # 2nd Sunday of May
        ("A fire broke out Christmas Day at the plant.", "Christmas Day", "holiday:christmas",
         "2024-12-25"),  # this year's is after the anchor: last year's
        ("Police made the arrest on Christmas Eve.", "on Christmas Eve", "holiday:christmas-eve",
         "2024-12-24"),
        ("The storm hit on Christmas, officials said.", "on Christmas", "holiday:christmas",
         "2024-12-25"),
        ("Fireworks injured four on New Year's Day.", "on New Year's Day", "holiday:new-years-day",
         "2025-01-01"),
        ("Shots were fired at a New Year’s Eve party.", "New Year’s Eve", "holiday:new-years-eve",
         "2024-12-31"),
        ("The crash happened on Thanksgiving near the lake.", "on Thanksgiving",
         "holiday:thanksgiving", "2025-11-27"),  # 4th Thursday of November
        ("Crowds gathered on Independence Day downtown.", "on Independence Day",
         "holiday:independence-day", "2025-07-04"),
        ("Six were hurt on the Fourth of July in the park.", "on the Fourth of July",
         "holiday:independence-day", "2025-07-04"),
        ("The Fourth of July shooting left two dead.", "The Fourth of July",
         "holiday:independence-day", "2025-07-04"),
        ("Police said the blast on July Fourth was an accident.", "on July Fourth",
         "holiday:independence-day", "2025-07-04"),
        ("Police said the blast on July 4th was an accident.", "July 4th", "md:07-04",
         "2025-07-04"),  # a month and day: the same day
        ("The bridge closed on Memorial Day for repairs.", "on Memorial Day",
         "holiday:memorial-day", "2025-05-26"),  # last Monday of May
        ("Workers walked out on Labor Day.", "on Labor Day", "holiday:labor-day", "2025-09-01"),
        ("The church was attacked on Easter Sunday.", "on Easter Sunday", "holiday:easter",
         "2025-04-20"),  # computus
        ("The church was attacked on Easter, the bishop said.", "on Easter", "holiday:easter",
         "2025-04-20"),
        ("Protesters marched on Good Friday.", "on Good Friday", "holiday:good-friday",
         "2025-04-18"),
        ("A teenager was shot on Halloween night.", "on Halloween", "holiday:halloween",
         "2025-10-31"),
        ("The couple married on Valentine's Day.", "on Valentine's Day", "holiday:valentines-day",
         "2025-02-14"),
        ("Fans rioted on Super Bowl Sunday.", "on Super Bowl Sunday", "holiday:super-bowl-sunday",
         "2025-02-09"),  # 2nd Sunday of February since 2022
        # with a year: that year's day, a full date
        ("He vanished on Christmas Day 2014 from his home.", "on Christmas Day 2014",
         "ymd:2014-12-25", "2014-12-25"),
        ("The plant closed after Thanksgiving 2015.", "Thanksgiving 2015", "ymd:2015-11-26",
         "2015-11-26"),
        ("The church burned on Easter 2016.", "on Easter 2016", "ymd:2016-03-27", "2016-03-27"),
        ("It began on Halloween of 2013, police said.", "on Halloween of 2013", "ymd:2013-10-31",
         "2013-10-31"),
    ],
)
def test_holidays(text: str, found: str, expr: str, iso: str) -> None:
    assert _found(text) == [(found, expr, iso)]


def test_holiday_on_the_anchor_day_is_the_anchor_day() -> None:
    assert _found("A man was shot on Thanksgiving.", THANKSGIVING_2025)[0][2] == "2025-11-27"
    assert _found("A man was shot on Thanksgiving.", date(2025, 11, 26))[0][2] == "2024-11-28"
    assert resolve("holiday:memorial-day", date(2024, 6, 1)) == PartialDate(date(2024, 5, 27))
    assert resolve("holiday:super-bowl-sunday", date(2021, 3, 1)) == PartialDate(date(2021, 2, 7))


def test_holiday_without_a_rule_or_before_it_applies_is_unresolved() -> None:
    assert resolve("holiday:super-bowl-sunday", date(2004, 1, 15)) is None  # 2003: no rule
    assert find_dates("on Super Bowl Sunday 2003") == []
    assert resolve("holiday:no-such-day", MONDAY) is None
    assert resolve("holiday:christmas", None) is None


@pytest.mark.parametrize("text", [
    "a Mother's Day sale at the mall", "the Christmas market reopened", "Christmas shopping began",
    "Memorial Day weekend traffic", "signed the Good Friday Agreement", "the Boxing Day tsunami",
    "Ukraine's Independence Day parade", "The city marked Ukrainian Independence Day quietly.",
    "celebrated Canadian Thanksgiving", "a day-after-Thanksgiving crash", "an Easter egg hunt",
])
def test_holiday_names_that_name_no_day(text: str) -> None:
    assert find_dates(text) == []


def test_us_holiday_words_and_sentence_openers_keep_the_day() -> None:
    assert [d.expr for d in find_dates("They flew home for American Thanksgiving.")] == [
        "holiday:thanksgiving"]
    assert [d.expr for d in find_dates("Since Thanksgiving, prices have risen.")] == [
        "holiday:thanksgiving"]


@pytest.mark.parametrize(
    ("text", "found", "expr", "iso"),
    [  # parts of the day keep the weekday; the phrase is the date's words
        ("He was shot late Tuesday night outside a bar.", "late Tuesday night", "weekday:1",
         "2025-12-09"),
        ("The fire started early Sunday morning.", "early Sunday morning", "weekday:6",
         "2025-12-14"),
        ("Police said Tuesday evening that two died.", "Tuesday evening", "weekday:1",
         "2025-12-09"),
        ("Rockets hit the town overnight Saturday.", "overnight Saturday", "weekday:5",
         "2025-12-13"),
        ("Storms battered the coast Saturday night into Sunday.", "Saturday night into Sunday",
         "weekday:5", "2025-12-13"),  # the first day
        ("The talks collapsed late on Friday.", "late on Friday", "weekday:4", "2025-12-12"),
        ("Officials said Sunday's shooting was gang-related.", "Sunday", "weekday:6",
         "2025-12-14"),
        ("The bridge was closed on the night of Dec. 13.", "Dec. 13", "md:12-13", "2025-12-13"),
        # relative to a morning publication: last night is the day before
        ("Gunfire was heard last night in the district.", "last night", "rel-day:-1",
         "2025-12-14"),
        ("Two people were killed overnight in the capital.", "overnight", "rel-day:-1",
         "2025-12-14"),
        ("Overnight, rebels shelled the port.", "Overnight", "rel-day:-1", "2025-12-14"),
        ("The minister resigned this morning.", "this morning", "rel-day:0", "2025-12-15"),
        ("The vote is due this afternoon.", "this afternoon", "rel-day:0", "2025-12-15"),
        ("Earlier today, police closed the road.", "Earlier today", "rel-day:0", "2025-12-15"),
        ("Crowds will gather tonight in the square.", "tonight", "rel-day:0", "2025-12-15"),
        ("The court ruled today on the appeal.", "today", "rel-day:0", "2025-12-15"),
        # abbreviated months, with and without a period
        ("The court met Dec. 13 to rule.", "Dec. 13", "md:12-13", "2025-12-13"),
        ("The court met Dec 13 to rule.", "Dec 13", "md:12-13", "2025-12-13"),
        ("The strike began Sept. 5 at the port.", "Sept. 5", "md:09-05", "2025-09-05"),
        ("The strike began Sep. 5 at the port.", "Sep. 5", "md:09-05", "2025-09-05"),
        ("The strike began Sep 5 at the port.", "Sep 5", "md:09-05", "2025-09-05"),
        ("The plant closed Jun 3 after the leak.", "Jun 3", "md:06-03", "2025-06-03"),
        ("He was born Jan. 3, 2015, in Ohio.", "Jan. 3, 2015", "ymd:2015-01-03", "2015-01-03"),
        ("The blast occurred on 13 Dec. near the border.", "13 Dec.", "md:12-13", "2025-12-13"),
        # US numeric dates
        ("The suspect was arrested on 12/13/2015 in Ohio.", "12/13/2015", "ymd:2015-12-13",
         "2015-12-13"),
        ("Posted 12/13/15 in the afternoon", "12/13/15", "ymd:2015-12-13", "2015-12-13"),
        ("The suspect was arrested on 12/13 in Ohio.", "on 12/13", "md:12-13", "2025-12-13"),
        ("It was filed on 13/12/2015.", "13/12/2015", "ymd:2015-12-13", "2015-12-13"),  # day first
        # a 2-digit year as POSIX reads it: 00-68 are 2000-2068, 69-99 are 1969-1999
        ("The permit expires 11/22/63, the city said.", "11/22/63", "ymd:2063-11-22",
         "2063-11-22"),
        ("He was born 11/22/69 in Dallas.", "11/22/69", "ymd:1969-11-22", "1969-11-22"),
        # "ago"
        ("The bridge collapsed a week ago.", "a week ago", "rel-week:-1", "2025-12"),
        ("The bridge collapsed two days ago.", "two days ago", "rel-day:-2", "2025-12-13"),
        ("Three weeks ago, the army withdrew.", "Three weeks ago", "rel-week:-3", "2025-11"),
        ("The family moved in 10 days ago.", "10 days ago", "rel-day:-10", "2025-12-05"),
        ("The mine closed two months ago.", "two months ago", "rel-month:-2", "2025-10"),
        ("The dam broke a year ago.", "a year ago", "rel-year:-1", "2024"),
        # weekends: the month of their Saturday
        ("Protests spread last weekend across the north.", "last weekend", "weekend:last",
         "2025-12"),
        ("Five were shot over the weekend in the city.", "over the weekend", "weekend", "2025-12"),
        ("Five were shot this past weekend in the city.", "this past weekend", "weekend",
         "2025-12"),
        ("Talks resume next weekend in Geneva.", "next weekend", "weekend:next", "2025-12"),
    ],
)
def test_parts_of_day_abbreviations_numbers_and_spans(text: str, found: str, expr: str,
                                                       iso: str) -> None:
    assert _found(text) == [(found, expr, iso)]


@pytest.mark.parametrize("text", [
    "an overnight curfew", "the overnight lows", "on 9/11", "on 2/30", "in 2015/12/13",
    "about 1.5 years ago", "some 6-8 months ago", "the 5/21 deadline",
])
def test_overnight_and_numbers_that_name_no_day(text: str) -> None:
    assert find_dates(text) == []


def test_numeric_date_with_year_is_a_date_even_for_9_11() -> None:
    assert [d.expr for d in find_dates("on 9/11/2001")] == ["ymd:2001-09-11"]


def test_weekday_of_the_anchor_is_the_anchor_but_next_is_after_it() -> None:
    assert _found("The court ruled on Monday.") == [("on Monday", "weekday:0", "2025-12-15")]
    assert _found("The court ruled early Monday.") == [("early Monday", "weekday:0", "2025-12-15")]
    assert _found("It rules next Monday.") == [("next Monday", "weekday:0:next", "2025-12-22")]
    assert _found("It ruled last Monday.") == [("last Monday", "weekday:0:last", "2025-12-08")]


@pytest.mark.parametrize(
    ("expr", "anchor", "iso"),
    [  # a weekend is given as its Saturday's month
        ("weekend:last", date(2025, 11, 3), "2025-11"),  # a Monday: Nov 1-2 (its Thursday: Oct)
        ("weekend:last", date(2025, 11, 9), "2025-11"),  # a Sunday: the weekend before, Nov 1-2
        ("weekend:last", date(2025, 3, 2), "2025-02"),  # a Sunday: Feb 22-23
        ("weekend", date(2025, 3, 2), "2025-03"),  # a Sunday: this one, Mar 1-2
        ("weekend", date(2025, 3, 1), "2025-03"),  # a Saturday: the anchor's
        ("weekend", date(2025, 3, 3), "2025-03"),  # a Monday: the one just past
        ("weekend:next", date(2025, 12, 22), "2026-01"),  # a Monday: Jan 3-4
    ],
)
def test_weekends_resolve_to_their_saturdays_month(expr: str, anchor: date, iso: str) -> None:
    resolved = resolve(expr, anchor)
    assert resolved is not None and (resolved.iso(), resolved.precision) == (iso, "month")


def test_new_kinds_rank_with_their_precision() -> None:
    assert specificity("holiday:christmas") == specificity("md:12-25") > specificity("weekday:6")
    assert specificity("weekend:last") == specificity("rel-week:-1") < specificity("weekday:6")


def test_sentence_with_many_forms_finds_each_once() -> None:
    text = ("On Christmas Eve 2014 the plant closed; on 12/13 it reopened, two days ago it shut "
            "again, and late Tuesday night into Wednesday the union met, as over the weekend.")
    assert [(d.text, d.expr) for d in find_dates(text)] == [
        ("On Christmas Eve 2014", "ymd:2014-12-24"), ("on 12/13", "md:12-13"),
        ("two days ago", "rel-day:-2"), ("late Tuesday night into Wednesday", "weekday:1"),
        ("over the weekend", "weekend")]
