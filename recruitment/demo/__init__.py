"""Demo data: the Phủ Lý city Party committee as it stood on 26/03/2024.

``build_demo()`` writes a committee that reproduces the published figures exactly: 68
grassroots organisations, 339 cells under grassroots committees, 9,805 members aged 18 to
60, 484 admitted in the 2020–2025 term by 26/03/2024 against a target of 500, 201 admitted
in 2023 (146 of them Youth Union members, mostly teachers and doctors, more Catholics than
in 2022), the 2024 quota of 205 split over the 68 organisations, the aspiration of 200 and
the training target of 150, with candidates at every stage of the pipeline.

Everything is drawn from one ``random.Random`` with a fixed seed against a fixed snapshot
date, so two builds write the same people. ``scale`` repeats the grassroots organisations
and their people (codes suffixed per copy) under the one city committee, for benchmarks.

``data`` holds the tables (figures, places, names, kinds of cell, organisations) and
``records`` the shapes of their rows; ``specs`` makes the 68 organisations from them and
``plans`` places a copy's cells and admissions. The builder comes in layers: ``people``
draws people and writes the members, ``pipeline`` the candidates and their stage records,
``builder`` the rest and the entry points.
"""

from .builder import build_demo, delete_demo_data, demo_logins
from .data import (
    ADMISSIONS_BY_YEAR,
    ASPIRATION_2024,
    BATCH_SIZE,
    CATHOLICS_BY_YEAR,
    CITY_CODE,
    CITY_NAME,
    CLOSED_CANDIDATES,
    COMMITTEE_CELLS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    GRASSROOTS_ORGANISATIONS,
    HEALTH_WORKERS_2023,
    MEMBERS,
    OPEN_CANDIDATES,
    QUOTA_2024,
    SNAPSHOT,
    TEACHERS_2023,
    TERM_END,
    TERM_NAME,
    TERM_START,
    TERM_TARGET,
    TRAINED_2024,
    TRAINING_TARGET_2024,
    YOUTH_UNION_2023,
)
from .plans import quota_shares
from .records import DemoLogin, DemoSummary, DemoUser
from .specs import DEMO_USERNAMES, DEMO_USERS, ORGANISATION_SPECS

__all__ = [
    "ADMISSIONS_BY_YEAR",
    "ASPIRATION_2024",
    "BATCH_SIZE",
    "CATHOLICS_BY_YEAR",
    "CITY_CODE",
    "CITY_NAME",
    "CLOSED_CANDIDATES",
    "COMMITTEE_CELLS",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DEMO_USERNAMES",
    "DEMO_USERS",
    "GRASSROOTS_ORGANISATIONS",
    "HEALTH_WORKERS_2023",
    "MEMBERS",
    "OPEN_CANDIDATES",
    "ORGANISATION_SPECS",
    "QUOTA_2024",
    "SNAPSHOT",
    "TEACHERS_2023",
    "TERM_END",
    "TERM_NAME",
    "TERM_START",
    "TERM_TARGET",
    "TRAINED_2024",
    "TRAINING_TARGET_2024",
    "YOUTH_UNION_2023",
    "DemoLogin",
    "DemoSummary",
    "DemoUser",
    "build_demo",
    "delete_demo_data",
    "demo_logins",
    "quota_shares",
]
