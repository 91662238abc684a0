"""Terms and targets: a term with its targets for the committee and each organisation, the
year's quotas within it, a target given as a number or as a share of the members at the
start of the year, and last year's quotas proposed for this year's organisations."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from .access import can_set_quotas
from .asof import Successions, with_organisation_on
from .models import Member, MemberEvent, Organisation, Quota, Term
from .querysets import QuotaMeaning, Targets
from .states import ACTIVE_STATUSES, LEAVING_KINDS, MemberEventKind

#: The events after which a member is no longer counted among the members.
GONE_KINDS = (*LEAVING_KINDS, MemberEventKind.TRANSFERRED_OUT, MemberEventKind.DECEASED)
SHARE = re.compile(r"^\s*(?P<number>\d+(?:[.,]\d{1,2})?)\s*%\s*$")


@dataclass(frozen=True)
class TargetInput:
    """A target as written: a number, or a share (%) of the members at the start of the year."""

    number: int | None = None
    share: Decimal | None = None

    def resolve(self, members: int) -> int:
        """The number of admissions: the number, or the share of ``members`` rounded up."""
        if self.share is None:
            return self.number
        return math.ceil(members * self.share / 100)


def parse_target(text: str | None) -> TargetInput | None:
    """ "12" is a number, "3%" (or "2,5 %") a share; empty is none. Raises ValidationError."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return TargetInput(number=int(text))
    match = SHARE.match(text)
    if match:
        try:
            share = Decimal(match["number"].replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            share = Decimal(0)
        if 0 < share <= 100:
            return TargetInput(share=share)
    raise ValidationError(_("Write a whole number, or a share of the members such as 3%."))


def members_at_start(year: int) -> tuple[int, dict[int, int]]:
    """The members on 1 January of ``year`` (admitted before it and not gone before it:
    transferred out, deceased, struck off, expelled or resigned, by their events), in all and
    per organisation of that day. One query."""
    start = date(year, 1, 1)
    gone_before = MemberEvent.objects.filter(
        member=OuterRef("pk"), kind__in=GONE_KINDS, date__lt=start
    )
    gone_since = MemberEvent.objects.filter(
        member=OuterRef("pk"), kind__in=GONE_KINDS, date__gte=start
    )
    members = (
        Member.objects.filter(decision_date__lt=start)
        .filter(Q(status__in=ACTIVE_STATUSES) | Exists(gone_since))
        .exclude(Exists(gone_before))
    )
    rows = (
        with_organisation_on(members, start)
        .values_list("organisation_then")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_organisation = dict(rows)
    return sum(per_organisation.values()), per_organisation


def share_of(target: int | None, members: int) -> Decimal | None:
    """A target as a share of the members (one decimal), for showing both ways."""
    if target is None or not members:
        return None
    return (Decimal(target) * 100 / members).quantize(Decimal("0.1"))


def proposed_quotas(year: int) -> dict[int, int]:
    """Last year's quota of admissions of each organisation, passed on to those that carry
    on its work by 1 January of ``year`` (a merged organisation is proposed the sum of its
    predecessors'). Two queries."""
    last_year = dict(
        Quota.objects.filter(
            organisation__isnull=False,
            kind=Quota.Kind.ADMISSIONS,
            basis=Quota.Basis.ASSIGNED,
            year=year - 1,
        ).values_list("organisation_id", "target")
    )
    return Successions.on(date(year, 1, 1)).carry(last_year)


def put_quota(*, organisation, meaning: QuotaMeaning, year: int, term, target, share=None):
    lookup = {
        "organisation": organisation,
        "kind": meaning.kind,
        "basis": meaning.basis,
        "year": year if meaning.per_year else None,
        "term": None if meaning.per_year else term,
    }
    if target is None:
        Quota.objects.filter(**lookup).delete()
    else:
        Quota.objects.update_or_create(**lookup, defaults={"target": target, "share": share})


@transaction.atomic
def quotas_set(
    *,
    user,
    year: int,
    committee_assigned: int | None,
    committee_aspiration: int | None,
    committee_training: int | None,
    term: Term | None,
    term_target: int | None,
    organisation_targets: dict[Organisation, int | None],
    shares: dict[int | None, Decimal] | None = None,
) -> None:
    """Set the year's quotas: the committee's targets, the term's, and each organisation's
    (an empty target removes the quota). ``shares`` records, by organisation id (None for
    the committee's quota handed down), the share a target was given as."""
    if user is not None and not can_set_quotas(user):
        raise ValidationError(_("Your role cannot set quotas."))
    shares = shares or {}
    meanings = Quota.objects.meanings()
    committee = Targets(
        admissions=committee_assigned,
        aspiration=committee_aspiration,
        training=committee_training,
        term=term_target,
    )
    for name, target in asdict(committee).items():
        meaning = meanings[name]
        if meaning.per_year or term is not None:
            share = shares.get(None) if name == "admissions" else None
            put_quota(
                organisation=None, meaning=meaning, year=year, term=term, target=target, share=share
            )
    for organisation, target in organisation_targets.items():
        put_quota(
            organisation=organisation,
            meaning=meanings["admissions"],
            year=year,
            term=term,
            target=target,
            share=shares.get(organisation.pk),
        )


@transaction.atomic
def term_create(*, user, name: str, start_date: date, end_date: date) -> Term:
    """A new congress term (e.g. 2025–2030), overlapping no other."""
    if user is not None and not can_set_quotas(user):
        raise ValidationError(_("Your role cannot set quotas."))
    term = Term(name=name.strip(), start_date=start_date, end_date=end_date)
    term.full_clean()
    if Term.objects.filter(start_date__lte=end_date, end_date__gte=start_date).exists():
        raise ValidationError(_("Another term already covers these dates."))
    term.save()
    return term


@transaction.atomic
def term_targets_set(
    *, user, term: Term, committee: int | None, organisations: dict[Organisation, int | None]
) -> None:
    """The term's targets of admissions: the committee's and each organisation's (an empty
    one removes it)."""
    if user is not None and not can_set_quotas(user):
        raise ValidationError(_("Your role cannot set quotas."))
    meaning = Quota.objects.meanings()["term"]
    put_quota(organisation=None, meaning=meaning, year=None, term=term, target=committee)
    for organisation, target in organisations.items():
        put_quota(organisation=organisation, meaning=meaning, year=None, term=term, target=target)
