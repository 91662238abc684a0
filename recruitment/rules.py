"""The Party's admission rules as pure functions: facts in, problems out. No database."""

from datetime import date

from django.utils.translation import gettext as _

from .choices import LOWER_SECONDARY_GRADE
from .workdays import add_working_days


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31/01 + 1 = 28/02)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def age_in_months(date_of_birth: date, on: date) -> int:
    """Whole months lived by ``on``: a person is 18 on their 18th birthday, not before."""
    months = (on.year - date_of_birth.year) * 12 + (on.month - date_of_birth.month)
    if add_months(date_of_birth, months) > on:
        months -= 1
    return months


def age_in_years(date_of_birth: date, on: date) -> int:
    return age_in_months(date_of_birth, on) // 12


def citizen_id_problems(citizen_id: str, *, date_of_birth: date, gender: str) -> list[str]:
    """Check a 12-digit citizen ID against the person's date of birth and gender.

    Digits 1-3 are the province of birth registration, digit 4 encodes century and gender
    (0/1 for 1900-1999 male/female, 2/3 for 2000-2099, 4/5 for 2100-2199, and so on),
    digits 5-6 the last two digits of the birth year.
    """
    if len(citizen_id) != 12 or not citizen_id.isdigit():
        return [_("A citizen ID has exactly 12 digits.")]
    problems = []
    province = int(citizen_id[:3])
    if not 1 <= province <= 96:
        problems.append(
            _("The first three digits (%(code)s) are not a province code.")
            % {"code": citizen_id[:3]}
        )
    expected = expected_century_gender_digit(date_of_birth, gender)
    if expected is not None and citizen_id[3] != expected:
        problems.append(
            _(
                "Digit 4 of the citizen ID (%(digit)s) does not match the gender and "
                "century of birth (expected %(expected)s)."
            )
            % {"digit": citizen_id[3], "expected": expected}
        )
    if citizen_id[4:6] != f"{date_of_birth.year % 100:02d}":
        problems.append(
            _("Digits 5-6 of the citizen ID (%(digits)s) do not match the year of birth %(year)s.")
            % {"digits": citizen_id[4:6], "year": date_of_birth.year}
        )
    return problems


def expected_century_gender_digit(date_of_birth: date, gender: str) -> str | None:
    century_base = {19: 0, 20: 2, 21: 4, 22: 6, 23: 8}.get(date_of_birth.year // 100)
    if century_base is None:
        return None
    return str(century_base + (1 if gender == "female" else 0))


# --- Admission rules --------------------------------------------------------------------
# Each takes facts and the rule set in force (anything with the RuleSet's attributes) and
# returns the list of problems in the user's language; an empty list means the rule holds.


def format_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def check_age(*, date_of_birth: date, on: date, params, over_age_consent: bool) -> list[str]:
    """Age counted in whole months on the vote date: from 18 years 0 months to 60 years
    0 months; older only with the written consent recorded."""
    months = age_in_months(date_of_birth, on)
    years, rest = divmod(months, 12)
    if months < params.min_age_years * 12:
        return [
            _(
                "Age rule: on %(day)s the candidate is %(years)s years %(months)s months old, "
                "under the minimum age of %(min)s years."
            )
            % {"day": format_date(on), "years": years, "months": rest, "min": params.min_age_years}
        ]
    if months > params.max_age_years * 12 and not over_age_consent:
        return [
            _(
                "Age rule: on %(day)s the candidate is %(years)s years %(months)s months old, "
                "over %(max)s years; admission needs the written consent of the provincial "
                "standing board, which has not been recorded."
            )
            % {"day": format_date(on), "years": years, "months": rest, "max": params.max_age_years}
        ]
    return []


def certificate_valid_until(certificate_date: date, params) -> date:
    """The last day the awareness-course certificate is valid.

    Civil Code art. 147-148: the day of issue is not counted, and a period in months ends
    at the end of the same-numbered day of its last month (the month's last day when it has
    none): a 60-month certificate of 31/01/2019 is valid through 31/01/2024."""
    return add_months(certificate_date, params.certificate_valid_months)


def check_certificate(*, certificate_date: date | None, on: date, params) -> list[str]:
    if certificate_date is None:
        return [_("Awareness course: no certificate has been recorded.")]
    valid_until = certificate_valid_until(certificate_date, params)
    if on > valid_until:
        return [
            _(
                "Awareness course: the certificate of %(issued)s was valid for %(months)s months, "
                "until %(until)s; on %(day)s it has expired."
            )
            % {
                "issued": format_date(certificate_date),
                "months": params.certificate_valid_months,
                "until": format_date(valid_until),
                "day": format_date(on),
            }
        ]
    return []


def file_valid_until(prepared: date, params) -> date:
    """The last day the cell can vote on a file completed on ``prepared`` (months counted as
    the Civil Code counts them); later, the introductions and comments must be redone."""
    return add_months(prepared, params.file_valid_months)


def check_file_fresh(*, prepared: date | None, on: date, params) -> list[str]:
    if prepared is None:
        return []
    until = file_valid_until(prepared, params)
    if on > until:
        return [
            _(
                "Stale file: the file was completed on %(prepared)s and the cell had not voted "
                "within %(months)s months (by %(until)s); the introductions and the comments "
                "must be redone before the vote."
            )
            % {
                "prepared": format_date(prepared),
                "months": params.file_valid_months,
                "until": format_date(until),
            }
        ]
    return []


def check_education(*, general_education: str, exception: bool) -> list[str]:
    """At least lower-secondary graduation (grade 9 of 12, grade 7 of the old 10-year system),
    unless an exception is recorded."""
    try:
        grade, system = (int(part) for part in general_education.split("/"))
    except ValueError:
        grade, system = 0, 12
    needed = LOWER_SECONDARY_GRADE if system == 12 else 7
    if grade < needed and not exception:
        return [
            _(
                "Education rule: general education %(level)s is below lower-secondary "
                "graduation (%(needed)s/%(system)s) and no exception has been recorded."
            )
            % {"level": general_education, "needed": needed, "system": system}
        ]
    return []


def check_application_dates(*, application_date: date, history_date: date | None) -> list[str]:
    if history_date is None:
        return [_("Application: the date of the personal history is required.")]
    if application_date > history_date:
        return [
            _(
                "Application: the application (%(application)s) must not be dated after the "
                "personal history (%(history)s)."
            )
            % {
                "application": format_date(application_date),
                "history": format_date(history_date),
            }
        ]
    return []


def check_not_before(*, day: date, previous_day: date | None, previous_stage: str) -> list[str]:
    if previous_day is not None and day < previous_day:
        return [
            _(
                "Stage order: the date %(day)s is before the previous stage (%(stage)s, "
                "%(previous)s)."
            )
            % {
                "day": format_date(day),
                "stage": previous_stage,
                "previous": format_date(previous_day),
            }
        ]
    return []


def check_receipt(*, signed: date, received: date | None, what: str) -> list[str]:
    """A document cannot be received before the date it was signed."""
    if received is not None and received < signed:
        return [
            _(
                "Receipt: %(what)s signed on %(signed)s cannot have been received earlier, "
                "on %(received)s."
            )
            % {"what": what, "signed": format_date(signed), "received": format_date(received)}
        ]
    return []


def vote_passes(*, votes_for: int, eligible: int, params) -> bool:
    """At least numerator/denominator (2/3) of those entitled to vote, in exact arithmetic."""
    return eligible > 0 and votes_for * params.vote_denominator >= eligible * params.vote_numerator


def votes_needed(*, eligible: int, params) -> int:
    """The smallest number of votes that passes."""
    return -(-eligible * params.vote_numerator // params.vote_denominator)


def check_vote(
    *, votes_for: int | None, votes_against: int | None, eligible: int, params, body: str
) -> list[str]:
    if votes_for is None:
        return [_("Vote: the number of votes for is required.")]
    if eligible <= 0:
        return [_("Vote: %(body)s has no member entitled to vote.") % {"body": body}]
    if votes_for + (votes_against or 0) > eligible:
        return [
            _("Vote: %(ballots)s votes were counted but only %(eligible)s members are entitled.")
            % {"ballots": votes_for + (votes_against or 0), "eligible": eligible}
        ]
    if not vote_passes(votes_for=votes_for, eligible=eligible, params=params):
        return [
            _(
                "Vote: %(for)s of %(eligible)s votes for is less than %(num)s/%(den)s of "
                "%(body)s; at least %(needed)s are needed."
            )
            % {
                "for": votes_for,
                "eligible": eligible,
                "num": params.vote_numerator,
                "den": params.vote_denominator,
                "body": body,
                "needed": votes_needed(eligible=eligible, params=params),
            }
        ]
    return []


class IntroducerFacts:
    """What the introduction rule needs to know about one introducing member."""

    def __init__(self, *, name: str, is_official: bool, is_candidate: bool, known_since: date):
        self.name = name
        self.is_official = is_official
        self.is_candidate = is_candidate
        self.known_since = known_since


def check_introduction(
    *,
    kind: str,
    introducers: list[IntroducerFacts],
    on: date,
    youth_union_member: bool,
    date_of_birth: date,
    params,
) -> list[str]:
    """Two official members; or the Youth Union committee and one official member (Youth
    Union members of youth age); or the trade union committee and one official member."""
    problems = []
    members_needed = 2 if kind == "two_members" else 1
    if len(introducers) != members_needed:
        problems.append(
            _(
                "Introduction: this kind of introduction needs %(needed)s introducing member(s), "
                "%(given)s given."
            )
            % {"needed": members_needed, "given": len(introducers)}
        )
    if kind == "youth_union":
        age = age_in_years(date_of_birth, on)
        if not youth_union_member:
            problems.append(
                _(
                    "Introduction: only a Youth Union member can be introduced by the Youth "
                    "Union committee."
                )
            )
        elif age > params.youth_age_years:
            problems.append(
                _(
                    "Introduction: at %(age)s the candidate is past youth age (%(max)s); "
                    "introduce by two official members or the trade union."
                )
                % {"age": age, "max": params.youth_age_years}
            )
    for introducer in introducers:
        if introducer.is_candidate:
            problems.append(_("Introduction: the candidate cannot introduce themself."))
            continue
        if not introducer.is_official:
            problems.append(
                _("Introduction: %(name)s is not an official member.") % {"name": introducer.name}
            )
        months = age_in_months(introducer.known_since, on) if introducer.known_since <= on else -1
        if months < params.introducer_known_months:
            problems.append(
                _(
                    "Introduction: %(name)s has known the candidate since %(since)s, less than "
                    "%(months)s months by %(day)s."
                )
                % {
                    "name": introducer.name,
                    "since": format_date(introducer.known_since),
                    "months": params.introducer_known_months,
                    "day": format_date(on),
                }
            )
    return problems


def check_deadline(
    *, start: date, day: date, workdays: int, extension: int, extended: bool, what: str
) -> list[str]:
    """``day`` within ``workdays`` working days of ``start``, or ``workdays + extension``
    when the extension is recorded."""
    due = add_working_days(start, workdays)
    if day <= due:
        return []
    latest = add_working_days(start, workdays + extension)
    if extended and day <= latest:
        return []
    if extension and not extended and day <= latest:
        return [
            _(
                "Deadline: %(what)s on %(day)s is after %(workdays)s working days from %(start)s "
                "(due %(due)s); record the extension (at most %(extension)s more working days)."
            )
            % {
                "what": what,
                "day": format_date(day),
                "workdays": workdays,
                "start": format_date(start),
                "due": format_date(due),
                "extension": extension,
            }
        ]
    return [
        _(
            "Deadline: %(what)s on %(day)s is after the latest allowed date %(latest)s "
            "(%(total)s working days from %(start)s)."
        )
        % {
            "what": what,
            "day": format_date(day),
            "latest": format_date(latest),
            "total": workdays + extension,
            "start": format_date(start),
        }
    ]


# --- Organisation sizes ---------------------------------------------------------------------


def check_organisation_size(*, is_committee: bool, members: int, params) -> list[str]:
    """A grassroots organisation with ``grassroots_committee_min_members`` members or more is
    a grassroots committee with cells under it; below that, a grassroots cell."""
    needed = params.grassroots_committee_min_members
    if is_committee and members < needed:
        return [
            _("Size: a grassroots committee needs at least %(needed)s members; it has %(members)s.")
            % {"needed": needed, "members": members}
        ]
    if not is_committee and members >= needed:
        return [
            _(
                "Size: with %(members)s members (%(needed)s or more) this grassroots cell "
                "should become a grassroots committee."
            )
            % {"needed": needed, "members": members}
        ]
    return []


def check_cell_size(*, official: int, params) -> list[str]:
    """A cell needs ``min_official_members_for_cell`` official members (3)."""
    needed = params.min_official_members_for_cell
    if official < needed:
        return [
            _("Size: a cell needs at least %(needed)s official members; it has %(official)s.")
            % {"needed": needed, "official": official}
        ]
    return []
