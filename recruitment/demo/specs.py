"""The 68 grassroots organisations of the demo, made from the tables of ``data``, their codes
and the demo users."""

from __future__ import annotations

from dataclasses import replace

from ..models import Organisation
from ..roles import Role
from .data import (
    COMMITTEE_CELLS,
    COMMUNES,
    COOPERATIVES,
    DEMO_SCHOOL,
    DEMO_WARD,
    GOVERNMENT,
    GRASSROOTS_ORGANISATIONS,
    HEALTH_CENTRE,
    HEALTH_CENTRE_ADMINISTRATION,
    MILITARY,
    NON_STATE_ENTERPRISES,
    PARTY_AGENCIES,
    PARTY_AGENCY_CELLS,
    POLICE,
    PUBLIC_SERVICE_UNITS,
    SCHOOLS,
    STATE_AGENCIES,
    STATE_ENTERPRISES,
    WARDS,
)
from .records import CellSpec, Committee, DemoUser, GrassrootsCells, OrgSpec

_Category = Organisation.Category


def _committee(committee: Committee) -> OrgSpec:
    return OrgSpec(
        name=committee.name,
        category=committee.category,
        active_from=committee.active_from,
        cells=tuple(CellSpec(name=cell, profile=committee.profile) for cell in committee.cells),
    )


def _grassroots_cells(group: GrassrootsCells) -> list[OrgSpec]:
    return [
        OrgSpec(
            name=name, category=group.category, active_from=group.active_from, profile=group.profile
        )
        for name in group.names
    ]


def _ward_specs() -> list[OrgSpec]:
    """A committee per ward: its residential groups' cells, then the ward's own."""
    specs = []
    for ward in WARDS:
        unit = f"phường {ward.name}"
        cells = [
            CellSpec(
                name=f"Chi bộ tổ dân phố số {n}",
                profile="residential_ward",
                place=f"tổ dân phố số {n}, {unit}",
            )
            for n in range(1, ward.residential_cells + 1)
        ]
        cells += [
            CellSpec(name="Chi bộ Cơ quan phường", profile="ward_office"),
            CellSpec(name="Chi bộ Quân sự phường", profile="ward_military"),
            CellSpec(name="Chi bộ Công an phường", profile="ward_police"),
        ]
        specs.append(
            OrgSpec(
                name=f"Đảng bộ {unit}",
                category=_Category.WARD_COMMUNE,
                active_from=ward.active_from,
                cells=tuple(cells),
            )
        )
    return specs


def _commune_specs() -> list[OrgSpec]:
    """A committee per commune: its villages' cells, then the commune's own and its schools'."""
    specs = []
    for commune in COMMUNES:
        unit = f"xã {commune.name}"
        cells = [
            CellSpec(
                name=f"Chi bộ thôn {n}", profile="residential_commune", place=f"thôn {n}, {unit}"
            )
            for n in range(1, commune.residential_cells + 1)
        ]
        cells += [
            CellSpec(name="Chi bộ Cơ quan xã", profile="ward_office"),
            CellSpec(name="Chi bộ Quân sự xã", profile="ward_military"),
            CellSpec(name="Chi bộ Công an xã", profile="ward_police"),
            CellSpec(name=f"Chi bộ Trường Mầm non {commune.name}", profile="commune_school"),
            CellSpec(name=f"Chi bộ Trường Tiểu học {commune.name}", profile="commune_school"),
        ]
        specs.append(
            OrgSpec(
                name=f"Đảng bộ {unit}",
                category=_Category.WARD_COMMUNE,
                active_from=commune.active_from,
                cells=tuple(cells),
            )
        )
    return specs


def _agency_specs() -> list[OrgSpec]:
    """The Party and mass organisations' agencies, then the state agencies."""
    return [
        _committee(PARTY_AGENCIES),
        *_grassroots_cells(PARTY_AGENCY_CELLS),
        _committee(GOVERNMENT),
        *_grassroots_cells(STATE_AGENCIES),
    ]


def _public_service_specs() -> list[OrgSpec]:
    """The health centre, the other public service units, then the schools."""
    health_centre = _committee(HEALTH_CENTRE)
    return [
        replace(health_centre, cells=(*health_centre.cells, HEALTH_CENTRE_ADMINISTRATION)),
        *_grassroots_cells(PUBLIC_SERVICE_UNITS),
        *_grassroots_cells(SCHOOLS),
    ]


def _armed_forces_specs() -> list[OrgSpec]:
    return [_committee(MILITARY), _committee(POLICE)]


def _enterprise_specs() -> list[OrgSpec]:
    """State enterprises, non-state enterprises, then cooperatives."""
    return [
        *_grassroots_cells(STATE_ENTERPRISES),
        *_grassroots_cells(NON_STATE_ENTERPRISES),
        *_grassroots_cells(COOPERATIVES),
    ]


#: The 68 grassroots organisations, coded CS01..CS68 in this order.
ORGANISATION_SPECS: tuple[OrgSpec, ...] = (
    *_ward_specs(),
    *_commune_specs(),
    *_agency_specs(),
    *_public_service_specs(),
    *_armed_forces_specs(),
    *_enterprise_specs(),
)
CODES = {spec.name: f"CS{index:02d}" for index, spec in enumerate(ORGANISATION_SPECS, 1)}

#: The demo users; grassroots staff with the grassroots organisation they work for.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(username="admin", role=Role.ADMINISTRATOR, organisation=""),
    DemoUser(username="canbo", role=Role.COMMITTEE_STAFF, organisation=""),
    DemoUser(username="truongban", role=Role.BOARD_HEAD, organisation=""),
    DemoUser(
        username=f"coso.{CODES[DEMO_WARD].lower()}",
        role=Role.GRASSROOTS_STAFF,
        organisation=DEMO_WARD,
    ),
    DemoUser(
        username=f"coso.{CODES[DEMO_SCHOOL].lower()}",
        role=Role.GRASSROOTS_STAFF,
        organisation=DEMO_SCHOOL,
    ),
)
DEMO_USERNAMES = tuple(user.username for user in DEMO_USERS)


def _check_specs() -> None:
    """The organisation table matches the published counts (a programming error otherwise)."""
    committee_cells = sum(len(spec.cells) for spec in ORGANISATION_SPECS)
    if len(ORGANISATION_SPECS) != GRASSROOTS_ORGANISATIONS or committee_cells != COMMITTEE_CELLS:
        raise AssertionError(
            f"{len(ORGANISATION_SPECS)} organisations and {committee_cells} committee cells"
        )


_check_specs()
