"""Migration 0011: the city committee of before becomes a committee of city level, and each
grassroots organisation is decided for by the nearest committee above it."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("recruitment", "0010_readmission")]
AFTER = [("recruitment", "0011_committee_as_data")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def may_migrate() -> bool:
    """Whether this connection may change the tables (SQLite; on PostgreSQL their owner or a
    superuser, not the application's role)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper OR pg_get_userbyid(relowner) = current_user"
            " FROM pg_roles, pg_class WHERE rolname = current_user"
            " AND relname = 'recruitment_organisation'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_city_committee_becomes_a_committee_of_city_level():
    if not may_migrate():
        pytest.skip(
            "migrations are run by the tables' owner, not the application's role (CI runs "
            "this test as the owner too)"
        )
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("recruitment")
    apps = migrate(BEFORE)
    Organisation = apps.get_model("recruitment", "Organisation")
    city = Organisation.objects.create(
        name="Đảng bộ thành phố Phủ Lý", code="PL", kind="city_committee",
        active_from=date(2008, 6, 9),
    )  # fmt: skip
    ward = Organisation.objects.create(
        name="Đảng bộ phường Minh Khai", code="MK", kind="grassroots_committee",
        category="ward_commune", parent=city, active_from=date(2008, 6, 9),
    )  # fmt: skip
    part = Organisation.objects.create(
        name="Đảng bộ bộ phận", code="MK-1", kind="sub_committee", parent=ward,
        active_from=date(2008, 6, 9),
    )  # fmt: skip
    try:
        apps = migrate(AFTER)
        Organisation = apps.get_model("recruitment", "Organisation")
        city = Organisation.objects.get(pk=city.pk)
        assert (city.kind, city.level, city.committee_name) == (
            "committee",
            "city",
            "Đảng bộ thành phố Phủ Lý",
        )
        assert Organisation.objects.get(pk=ward.pk).admitting_committee_id == city.pk
        assert Organisation.objects.get(pk=part.pk).admitting_committee_id is None
        # And back: the city committee of before again.
        apps = migrate(BEFORE)
        Organisation = apps.get_model("recruitment", "Organisation")
        assert Organisation.objects.get(pk=city.pk).kind == "city_committee"
    finally:
        for organisation in Organisation.objects.order_by("-pk"):
            organisation.delete()
        migrate(latest)
