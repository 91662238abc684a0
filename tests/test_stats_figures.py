"""The dashboard's arithmetic on its own, each expectation worked out by hand from the rule:
the share of the year elapsed, the same day last year, a count against its target, the
cumulative series by month beside the quota's even pace, an organisation's status against
its quota and the year-end list of those below it."""

from collections import Counter
from datetime import date

import pytest
from django.test import override_settings

from recruitment.querysets import QuotaTargets, Targets
from recruitment.stats.figures import (
    Figure,
    Period,
    admission_date_field,
    monthly_series,
    same_day_last_year,
    year_fraction,
)
from recruitment.stats.organisations import (
    OrganisationCounts,
    OrganisationStatus,
    behind_at_year_end,
    organisation_rows,
    organisation_status,
)


@pytest.mark.parametrize(
    ("as_of", "fraction"),
    [
        (date(2023, 12, 31), 0.0),  # before the year
        (date(2024, 1, 1), 1 / 366),  # its first day counts (2024 has 366 days)
        (date(2024, 3, 26), 86 / 366),  # 31 + 29 + 26 days
        (date(2024, 12, 30), 365 / 366),
        (date(2024, 12, 31), 1.0),  # its last day: the whole year
        (date(2025, 2, 1), 1.0),  # after the year
    ],
)
def test_year_fraction_counts_the_days_elapsed_including_the_day(as_of, fraction):
    assert year_fraction(2024, as_of) == pytest.approx(fraction)


def test_year_fraction_of_a_common_year_has_365_days():
    assert year_fraction(2023, date(2023, 1, 1)) == pytest.approx(1 / 365)
    assert year_fraction(2023, date(2023, 7, 2)) == pytest.approx(183 / 365)


@pytest.mark.parametrize(
    ("day", "last_year"),
    [
        (date(2024, 3, 26), date(2023, 3, 26)),
        (date(2024, 2, 29), date(2023, 2, 28)),  # no 29 February in 2023
        (date(2025, 1, 1), date(2024, 1, 1)),
    ],
)
def test_same_day_last_year(day, last_year):
    assert same_day_last_year(day) == last_year


def test_a_period_holds_both_its_ends_and_nothing_outside():
    period = Period(date(2024, 1, 1), date(2024, 3, 26))
    assert date(2024, 1, 1) in period and date(2024, 3, 26) in period
    assert date(2023, 12, 31) not in period and date(2024, 3, 27) not in period


@pytest.mark.parametrize(
    ("figure", "percent", "remaining", "bar"),
    [
        (Figure(value=3, target=4), 75.0, 1, 75),
        (Figure(value=1, target=3), 33.3, 2, 33),  # 33.33… rounded to one decimal
        (Figure(value=2, target=3), 66.7, 1, 66),  # the bar takes whole percent, down
        (Figure(value=5, target=4), 125.0, 0, 100),  # above target: none remaining, bar full
        (Figure(value=0, target=4), 0.0, 4, 0),
        (Figure(value=2, target=0), None, 0, 0),  # a target of 0: no percent
        (Figure(value=2), None, None, 0),  # no target
    ],
)
def test_a_figure_against_its_target(figure, percent, remaining, bar):
    assert (figure.percent, figure.remaining, figure.bar) == (percent, remaining, bar)


def test_a_figure_as_json():
    assert Figure(value=3, target=4, last_year=2).as_dict() == {
        "value": 3,
        "target": 4,
        "last_year": 2,
        "percent": 75.0,
        "remaining": 1,
    }


def test_admissions_count_by_the_decision_date_unless_set_to_the_ceremony():
    assert admission_date_field() == "decision_date"
    with override_settings(QUOTA_COUNT_DATE="ceremony"):
        assert admission_date_field() == "ceremony_date"


def by_month(*days: date) -> Counter:
    """The admissions of each month, as the dashboard counts them for the series."""
    return Counter(day.month for day in days)


def test_monthly_series_is_cumulative_up_to_the_as_of_date_beside_the_even_pace():
    this_year = by_month(date(2024, 1, 5), date(2024, 3, 1), date(2024, 3, 26))
    last_year = by_month(date(2023, 2, 10), date(2023, 11, 30))
    series = monthly_series(
        this_year, last_year, 2024, Period(date(2024, 1, 1), date(2024, 3, 26)), target=30
    )
    assert [month["month"] for month in series] == list(range(1, 13))
    # This year up to March (the as-of month has started), nothing after.
    assert [month["cumulative"] for month in series] == [1, 1, 3] + [None] * 9
    # Last year up to the same day (26/03/2023).
    assert [month["cumulative_last_year"] for month in series] == [0, 1, 1] + [None] * 9
    # 30 a year: 2.5 a month.
    assert [month["even_pace"] for month in series] == [
        2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 17.5, 20.0, 22.5, 25.0, 27.5, 30.0,
    ]  # fmt: skip


def test_monthly_series_of_a_year_over_shows_every_month_and_no_pace_without_a_quota():
    last_year = by_month(date(2023, 2, 10), date(2023, 11, 30))
    series = monthly_series(
        by_month(date(2024, 12, 31)),
        last_year,
        2024,
        Period(date(2024, 1, 1), date(2024, 12, 31)),
        target=None,
    )
    assert [month["cumulative"] for month in series] == [0] * 11 + [1]
    assert [month["cumulative_last_year"] for month in series] == [0] + [1] * 9 + [2, 2]
    assert {month["even_pace"] for month in series} == {None}


def test_the_even_pace_is_rounded_to_one_decimal():
    series = monthly_series(
        Counter(), Counter(), 2024, Period(date(2024, 1, 1), date(2024, 3, 26)), target=4
    )
    # 4 a year: a third a month.
    assert [month["even_pace"] for month in series[:4]] == [0.3, 0.7, 1.0, 1.3]


def test_monthly_series_starts_a_month_on_its_first_day():
    series = monthly_series(
        Counter(), Counter(), 2024, Period(date(2024, 1, 1), date(2024, 4, 1)), target=12
    )
    assert [month["cumulative"] for month in series[:5]] == [0, 0, 0, 0, None]
    assert [month["cumulative_last_year"] for month in series[:5]] == [0, 0, 0, 0, None]
    assert series[0]["even_pace"] == 1.0


@pytest.mark.parametrize(
    ("admitted", "quota", "fraction", "status"),
    [
        (0, None, 0.5, "no_quota"),
        (2, None, 0.5, "met"),  # admitted without a quota
        (0, 0, 0.5, "no_quota"),  # a quota of 0 is none
        (1, 0, 0.5, "met"),
        (4, 4, 0.1, "met"),  # the quota reached
        (5, 4, 1.0, "met"),
        (3, 4, 1.0, "behind"),  # one short at the year's end
        (0, 4, 0.9, "none"),
        (2, 4, 0.5, "on_track"),  # exactly the even pace (4 × 0.5)
        (1, 4, 0.5, "behind"),  # under it
        (1, 4, 0.25, "on_track"),  # exactly 4 × 0.25
        (1, 4, 0.26, "behind"),
    ],
)
def test_organisation_status_against_the_even_pace(admitted, quota, fraction, status):
    assert organisation_status(admitted, quota, fraction) == status


def counts(**by_name) -> OrganisationCounts:
    empty = {"admitted": {}, "admitted_last_year": {}, "admitted_in_term": {}, "trained": {}}
    return OrganisationCounts(**{**empty, "pipeline": {}, **by_name})


ORGANISATIONS = [
    {"id": 1, "code": "A", "name": "Đảng bộ phường Minh Khai", "category": "ward_commune"},
    {"id": 2, "code": "B", "name": "Chi bộ Trường THPT A", "category": "unknown_category"},
]


def test_organisation_rows_take_each_organisations_figures_and_zero_for_the_others(vietnamese):
    targets = QuotaTargets(committee=Targets(admissions=10), organisations={1: Targets(4)})
    rows = organisation_rows(
        ORGANISATIONS,
        targets=targets,
        counts=counts(
            admitted={1: 3},
            admitted_last_year={1: 2},
            admitted_in_term={1: 9},
            trained={1: 5},
            pipeline={1: {"cell_resolution": 2, "applied": 1, "decision": 7}},
        ),
        fraction=0.5,
    )
    a, b = rows
    assert (a.id, a.code, a.name, a.quota, a.admitted) == (1, "A", ORGANISATIONS[0]["name"], 4, 3)
    assert (a.admitted_last_year, a.admitted_in_term, a.trained) == (2, 9, 5)
    assert (a.status, a.percent, a.remaining) == ("on_track", 75.0, 1)
    assert (a.status_label, a.category_label) == ("Đúng tiến độ", "Xã, phường, thị trấn")
    # The stages before the decision, each counted; a stage after it is not in the pipeline.
    assert a.pipeline["cell_resolution"] == 2 and a.pipeline["applied"] == 1
    assert a.in_pipeline == 3
    assert "decision" not in a.pipeline and set(a.pipeline.values()) == {0, 1, 2}
    # B: no quota, nothing counted; an unknown category is shown as stored.
    assert (b.quota, b.admitted, b.admitted_last_year, b.admitted_in_term, b.trained) == (
        None,
        0,
        0,
        0,
        0,
    )
    assert (a.category, b.category) == ("ward_commune", "unknown_category")
    assert (b.status, b.percent, b.remaining, b.in_pipeline) == ("no_quota", None, None, 0)
    assert b.category_label == "unknown_category"
    assert set(b.pipeline.values()) == {0}


def test_organisation_row_above_its_quota_has_none_remaining():
    targets = QuotaTargets(committee=Targets(), organisations={1: Targets(admissions=2)})
    (row,) = organisation_rows(
        ORGANISATIONS[:1], targets=targets, counts=counts(admitted={1: 3}), fraction=0.2
    )
    assert (row.status, row.percent, row.remaining) == (OrganisationStatus.MET, 150.0, 0)


def test_behind_at_year_end_lists_those_below_a_quota_once_the_year_is_over():
    targets = QuotaTargets(
        committee=Targets(),
        organisations={1: Targets(admissions=4), 2: Targets(admissions=2), 3: Targets(0)},
    )
    organisations = [*ORGANISATIONS, {**ORGANISATIONS[0], "id": 3, "code": "C"}]
    rows = organisation_rows(
        organisations, targets=targets, counts=counts(admitted={1: 3, 2: 2}), fraction=1.0
    )
    assert [row.code for row in behind_at_year_end(rows, 1.0)] == ["A"]
    assert behind_at_year_end(rows, 0.99) == []
