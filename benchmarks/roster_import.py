"""Importing a 10,000-row roster: ours, the plain django-import-export import, and the floor.

A roster of ``ROWS`` members is generated in the shape offices keep (title rows, a two-row
header with "Ngày tháng năm" over the dates, a column-number row, a section row and a
subtotal per cell instead of a cell column, words in every spelling clerks use, citizen IDs
typed as numbers that lost their leading zero, a footer) for one organisation with ten cells;
the plain import and the floor read the same members from a tidy file in the template's
shape (they could not read the other). Each measurement is a whole command in a child
process, start-up included, on SQLite and on PostgreSQL:

- ours, preview: ``manage.py import_roster FILE --organisation BENCH --dry-run`` (with
  ``--priority normal``, the priority of the others);
- ours, import: the same without ``--dry-run`` (10,000 new members and their history);
- ours, re-import of the same file: every row unchanged (preview and import);
- plain: django-import-export's own ``import_data`` with a ``ModelResource`` over the same
  columns, a ``ForeignKeyWidget`` for the cell and default options (``Dataset.load`` of the
  .xlsx, three title rows skipped), the way the library is usually set up;
- the floor: reading the file (python-calamine) and one bulk insert of the rows (``COPY`` on
  PostgreSQL, as ours; ``bulk_create`` on SQLite), with no checking and no history.

Query counts come from a second run of each with a counting ``execute_wrapper``; ours are
also measured with a 1,000-row file, to show they do not grow with the rows. Peak memory is
that of the whole command's process tree (the command and the child it forks to read the
file), sampled: the largest sum of their proportional set sizes (pages they share counted
once) and, as an upper bound, of their resident sets; for the 10,000-row file and, on
PostgreSQL, for the largest roster the limits let in (``LARGE_ROWS`` members, the settings'
``ROSTER_MAX_ROWS``: 4.5 MB in the same shape), previewed and imported once.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.databases import REPO, connect, django_env, manage  # noqa: E402
from benchmarks.report import markdown_table, text_table  # noqa: E402

Result = dict[str, Any]
ROWS = 10_000
SMALL_ROWS = 1_000
CODE = "BENCH"
CELLS = [f"Chi bộ số {n}" for n in range(1, 11)]
REPEATS = 5
TITLE = "Roster import, 10,000 rows"
GOAL_SECONDS = 1.2
GOAL_SPEEDUP = 25
GOAL_PEAK_MB = 250
#: The most members a roster may have (``ROSTER_MAX_ROWS``): 4.7 MB in the messy shape. A file
#: of the upload limit's size (10 MB) in this shape holds 108,000 members, which the row limit
#: refuses before reading them.
LARGE_ROWS = 50_000


# --- the file -------------------------------------------------------------------------------


def citizen_id(born: date, female: bool, serial: int) -> str:
    """A valid citizen ID registered in Cà Mau (096), a province the Phủ Lý demo does not
    use, so that the roster never meets a demo member."""
    century = (born.year // 100 - 19) * 2 + (1 if female else 0)
    return f"096{century}{born.year % 100:02d}{serial:06d}"


def roster_rows(count: int) -> list[list[object]]:
    """``count`` members, deterministic: names, IDs that agree with birth and gender,
    dates in order, labels as clerks write them."""
    rows = []
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"]
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Hương", "Lan", "Minh", "Nam", "Thảo"]
    for n in range(count):
        female = n % 2 == 1
        born = date(1960, 1, 1) + timedelta(days=(n * 37) % (40 * 365))
        decided = date(born.year + 25, 1, 1) + timedelta(days=n % 300)
        ceremony = decided + timedelta(days=20)
        official = ceremony + timedelta(days=365) if n % 5 else None
        rows.append(
            [
                n + 1,
                f"{surnames[n % 8]} {'Thị' if female else 'Văn'} {given[n % 10]} {n}",
                citizen_id(born, female, n),
                "Nữ" if female else "Nam",
                born,
                "Kinh",
                "Không",
                "Phủ Lý, Hà Nam",
                f"Tổ {n % 40 + 1}, phường Minh Khai",
                "Giáo viên" if n % 3 == 0 else "Công chức, viên chức",
                "12/12",
                "Đại học",
                "Sơ cấp",
                "Không",
                CELLS[n % len(CELLS)],
                f"{100000 + n}" if official else "",
                decided,
                ceremony,
                official,
            ]
        )
    return rows


HEADER = [
    "STT",
    "Họ và tên",
    "Số CCCD",
    "Giới tính",
    "Ngày sinh",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Nơi thường trú",
    "Nghề nghiệp",
    "Giáo dục phổ thông",
    "Chuyên môn",
    "Lý luận chính trị",
    "Đoàn viên",
    "Chi bộ",
    "Số thẻ đảng viên",
    "Ngày quyết định kết nạp",
    "Ngày tổ chức lễ kết nạp",
    "Ngày chính thức",
]
TITLE_ROWS = 3  # two title rows and a blank row above the header


def write_roster(path: Path, count: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["ĐẢNG BỘ PHƯỜNG ĐO HIỆU NĂNG"])
    sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
    sheet.append([])
    sheet.append(HEADER)
    for row in roster_rows(count):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str):
                cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


#: The messy roster's header, two rows: "Ngày tháng năm" over the four dates, no cell column
#: (the cells are section rows), then a row numbering the columns.
MESSY_HEADER = [
    ["STT", "Họ và tên", "Số CCCD", "Giới tính", "Ngày tháng năm", None, None, None]
    + ["Dân tộc", "Tôn giáo", "Quê quán", "Nơi thường trú", "Nghề nghiệp"]
    + ["Trình độ văn hóa", "Chuyên môn", "LLCT", "Đoàn viên", "Số thẻ"],
    [None, None, None, None, "Sinh", "Vào Đảng", "Lễ kết nạp", "Chính thức"] + [None] * 10,
]
#: How clerks write the same words (old spellings, abbreviations, synonyms), by column.
VARIANTS = {
    "Giáo viên": ["Giáo viên", "GIÁO VIÊN", "giáo viên"],
    "Công chức, viên chức": ["Công chức", "Viên chức", "CBCC"],
    "Đại học": ["ĐH", "Đại học", "Cử nhân"],
    "Sơ cấp": ["SC", "Sơ cấp", "sơ cấp"],
    "12/12": ["12/12", "12", "Lớp 12"],
    "Không": ["Không", "Không có", ""],
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def messy_rows(count: int) -> list[list[object]]:
    """The same members as ``roster_rows``, in the shape offices keep: grouped under a
    section row per cell with a subtotal, dates under a merged two-row header, citizen IDs
    typed as numbers (their leading zero lost), words in every spelling clerks use."""
    members = roster_rows(count)
    lines: list[list[object]] = []
    for index, cell in enumerate(CELLS):
        group = [row for row in members if row[14] == cell]
        lines.append([f"{ROMAN[index]}. {cell}"])
        for number, row in enumerate(group, start=1):
            n = row[0]

            def variant(word: str, n: int = n) -> str:
                return VARIANTS[word][n % len(VARIANTS[word])]

            lines.append(
                [
                    number,
                    row[1],
                    int(row[2]),  # typed as a number: the leading zero is lost
                    row[3],
                    row[4],
                    row[16],
                    row[17],
                    row[18],
                    row[5],
                    variant(row[6]),
                    row[7],
                    row[8],
                    variant(row[9]),
                    variant(row[10]),
                    variant(row[11]),
                    variant(row[12]),
                    variant(row[13]) or "Không",
                    row[15],
                ]
            )
        lines.append([f"Cộng: {len(group)} đồng chí"])
    return lines


def write_messy_roster(path: Path, count: int) -> None:
    """The roster as offices keep it (see ``messy_rows``), with title rows and a footer."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["ĐẢNG BỘ THÀNH PHỐ (ĐO HIỆU NĂNG)", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sheet.append(["ĐẢNG BỘ PHƯỜNG ĐO HIỆU NĂNG"])
    sheet.append(["SỔ DANH SÁCH ĐẢNG VIÊN"])
    sheet.append([])
    for row in MESSY_HEADER:
        sheet.append(row)
    sheet.append([f"({n})" for n in range(1, len(MESSY_HEADER[0]) + 1)])
    for row in messy_rows(count):
        sheet.append(row)
    sheet.append([])
    sheet.append(["Người lập biểu", None, None, None, None, None, None, "T/M ĐẢNG ỦY"])
    book.save(path)


# --- child processes ------------------------------------------------------------------------


def plain_resource():
    """django-import-export as usually set up: a ModelResource over the columns, a
    ForeignKeyWidget for the cell, label widgets for the value lists, default options."""
    from import_export import fields, resources, widgets

    from recruitment.choices import Occupation, PoliticalTheory, ProfessionalLevel, Religion
    from recruitment.models import Cell, Member

    class LabelWidget(widgets.Widget):
        def __init__(self, choices, **kwargs):
            super().__init__(**kwargs)
            self.values = {str(label): value for value, label in choices}

        def clean(self, value, row=None, **kwargs):
            return self.values.get(value, value)

    def field(attribute, column, widget=None):
        return fields.Field(attribute=attribute, column_name=column, widget=widget)

    class PlainMemberResource(resources.ModelResource):
        full_name = field("full_name", "Họ và tên")
        citizen_id = field("citizen_id", "Số CCCD")
        gender = field("gender", "Giới tính", LabelWidget([("male", "Nam"), ("female", "Nữ")]))
        date_of_birth = field("date_of_birth", "Ngày sinh", widgets.DateWidget())
        ethnicity = field("ethnicity", "Dân tộc")
        religion = field("religion", "Tôn giáo", LabelWidget(Religion.choices))
        hometown = field("hometown", "Quê quán")
        residence = field("residence", "Nơi thường trú")
        occupation = field("occupation", "Nghề nghiệp", LabelWidget(Occupation.choices))
        general_education = field("general_education", "Giáo dục phổ thông")
        professional_level = field(
            "professional_level", "Chuyên môn", LabelWidget(ProfessionalLevel.choices)
        )
        political_theory = field(
            "political_theory", "Lý luận chính trị", LabelWidget(PoliticalTheory.choices)
        )
        youth_union_member = field(
            "youth_union_member", "Đoàn viên", LabelWidget([(True, "Có"), (False, "Không")])
        )
        cell = field("cell", "Chi bộ", widgets.ForeignKeyWidget(Cell, "name"))
        party_card_number = field("party_card_number", "Số thẻ đảng viên")
        decision_date = field("decision_date", "Ngày quyết định kết nạp", widgets.DateWidget())
        ceremony_date = field("ceremony_date", "Ngày tổ chức lễ kết nạp", widgets.DateWidget())
        official_date = field("official_date", "Ngày chính thức", widgets.DateWidget())

        class Meta:
            model = Member
            import_id_fields = ("citizen_id",)
            fields = (
                "full_name", "citizen_id", "gender", "date_of_birth", "ethnicity", "religion",
                "hometown", "residence", "occupation", "general_education",
                "professional_level", "political_theory", "youth_union_member", "cell",
                "party_card_number", "decision_date", "ceremony_date", "official_date",
            )  # fmt: skip

        def before_save_instance(self, instance, row, **kwargs):
            # The one model rule a resource for members cannot do without.
            instance.status = "official" if instance.official_date else "probationary"
            instance.party_card_number = instance.party_card_number or ""

    return PlainMemberResource()


def child(mode: str, path: str) -> Result:
    """One measurement's work, in this process (Django set up by the caller)."""
    from django.core.management import call_command
    from django.db import connection

    from recruitment.models import ImportBatch, Member

    out: Result = {"mode": mode}
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql[:60])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        if mode in ("ours-preview", "ours-import"):
            stdout = io.StringIO()
            args = [path, "--organisation", CODE, "--priority", "normal"]
            if mode == "ours-preview":
                args.append("--dry-run")
            call_command("import_roster", *args, stdout=stdout)
            out["output"] = stdout.getvalue().splitlines()[0]
        elif mode == "plain-import":
            import tablib

            with open(path, "rb") as file:
                dataset = tablib.Dataset().load(file.read(), format="xlsx", skip_lines=TITLE_ROWS)
            result = plain_resource().import_data(dataset, dry_run=False)
            out["output"] = (
                f"{result.totals['new']} new, {result.totals['update']} updated, "
                f"errors: {result.has_errors()}, invalid: {len(result.invalid_rows)}"
            )
            if result.has_errors():
                out["error"] = repr(result.base_errors or result.row_errors()[:1])
        elif mode == "floor":
            out["output"] = floor(path)
        else:
            raise SystemExit(f"unknown mode {mode}")
    out["queries"] = len(queries)
    out["members"] = Member.objects.count()
    out["batches"] = ImportBatch.objects.count()
    return out


def floor(path: str) -> str:
    """Read the file and insert the rows at once (COPY on PostgreSQL, as ours does; one
    bulk_create on SQLite): no checks, no history."""
    from django.db import connection, transaction
    from python_calamine import CalamineWorkbook

    from recruitment.models import Cell, Member
    from recruitment.roster.copy import _copy, _fields

    cells = dict(Cell.objects.filter(organisation__code=CODE).values_list("name", "id"))
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    header = rows[TITLE_ROWS]
    index = {name: header.index(name) for name in HEADER}
    members = []
    for row in rows[TITLE_ROWS + 1 :]:
        official = row[index["Ngày chính thức"]] or None
        members.append(
            Member(
                full_name=row[index["Họ và tên"]],
                name_key=row[index["Họ và tên"]].lower(),
                citizen_id=row[index["Số CCCD"]],
                gender="female" if row[index["Giới tính"]] == "Nữ" else "male",
                date_of_birth=row[index["Ngày sinh"]],
                occupation="teacher",
                cell_id=cells[row[index["Chi bộ"]]],
                decision_date=row[index["Ngày quyết định kết nạp"]],
                ceremony_date=row[index["Ngày tổ chức lễ kết nạp"]],
                official_date=official,
                status="official" if official else "probationary",
                party_card_number=str(row[index["Số thẻ đảng viên"]] or "") if official else "",
            )
        )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            fields = _fields(Member)
            rows = [[getattr(member, field.attname) for field in fields] for member in members]
            _copy(Member._meta.db_table, [field.column for field in fields], rows)
        else:
            Member.objects.bulk_create(members)
    return f"{len(members)} inserted"


def setup_database() -> None:
    """The benchmark organisation and its cells; no member, history or import."""
    from recruitment.models import ImportBatch, Member

    Member.objects.all().delete()
    Member.history.all().delete()
    ImportBatch.objects.all().delete()
    create_organisation()


def create_organisation() -> None:
    """The organisation BENCH (under a city committee of its own) with its ten cells."""
    from recruitment.models import Cell, Organisation

    city, _created = Organisation.objects.get_or_create(
        code="BENCH-TU",
        defaults={
            "name": "Đảng bộ thành phố (đo hiệu năng)",
            "kind": Organisation.Kind.COMMITTEE,
            "level": Organisation.Level.CITY,
            "active_from": date(1945, 1, 1),
        },
    )
    organisation, _created = Organisation.objects.get_or_create(
        code=CODE,
        defaults={
            "parent": city,
            "admitting_committee": city,
            "name": "Đảng bộ phường Đo Hiệu Năng",
            "kind": Organisation.Kind.GRASSROOTS_COMMITTEE,
            "category": Organisation.Category.WARD_COMMUNE,
            "active_from": date(2000, 1, 1),
        },
    )
    for name in CELLS:
        Cell.objects.get_or_create(
            organisation=organisation, name=name, defaults={"active_from": date(2000, 1, 1)}
        )


def child_main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phuly_members.settings")
    django.setup()
    if argv[0] == "setup":
        setup_database()
        return
    if argv[0] == "organisation":
        create_organisation()
        return
    print(json.dumps(child(argv[0], argv[1]), ensure_ascii=False))


# --- the parent -----------------------------------------------------------------------------


#: The peak memory (MB) of each command, by its first arguments (``wall``): the largest sum,
#: sampled every few milliseconds, of the proportional set sizes (``Pss``) of the command and
#: its descendants (the forked reader included; pages they share counted once).
PEAK_MB: dict[str, float] = {}
#: The same with resident sets (``Rss``) summed: pages the parent and the forked reader share
#: counted twice, an upper bound.
PEAK_RSS_MB: dict[str, float] = {}
SAMPLE_SECONDS = 0.005


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    queue.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(Pss, Rss) of one process in KB; (0, 0) once it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def _sample(pid: int, peaks: list[int], done: threading.Event) -> None:
    """Keep in ``peaks`` the largest (Pss, Rss) sums of the process tree until ``done``."""
    while not done.is_set():
        sizes = [_memory_kb(member) for member in _tree(pid)]
        peaks[0] = max(peaks[0], sum(size[0] for size in sizes))
        peaks[1] = max(peaks[1], sum(size[1] for size in sizes))
        done.wait(SAMPLE_SECONDS)


def wall(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """The command's wall time, start-up included, and its output; its process tree's peak
    memory goes to ``PEAK_MB`` and ``PEAK_RSS_MB`` (the largest seen for the same command)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=err)
        peaks, done = [0, 0], threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, peaks, done))
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stdout}\n{stderr}")
    key = " ".join(part for part in command[1:] if not part.startswith("/"))
    # A process too short for a sample still has its own largest resident set.
    pss = max(peaks[0], usage.ru_maxrss if peaks[0] == 0 else 0) / 1024
    rss = max(peaks[1], usage.ru_maxrss) / 1024
    PEAK_MB[key] = max(PEAK_MB.get(key, 0.0), pss)
    PEAK_RSS_MB[key] = max(PEAK_RSS_MB.get(key, 0.0), rss)
    return seconds, stdout


def run_child(mode: str, path: Path, env: dict[str, str]) -> tuple[float, Result]:
    seconds, stdout = wall(
        [sys.executable, "-m", "benchmarks.roster_import", "child", mode, str(path)], env
    )
    return seconds, json.loads(stdout.strip().splitlines()[-1])


def setup(env: dict[str, str]) -> None:
    """Empty the organisation, and vacuum: a real database is not full of rows just deleted."""
    wall([sys.executable, "-m", "benchmarks.roster_import", "child", "setup"], env)
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        from urllib.parse import urlsplit

        with connect(url, urlsplit(url).path.lstrip("/")) as conn, conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


#: How ``wall`` names our command in ``PEAK_MB`` (its arguments but the paths).
OURS = f"manage.py import_roster --organisation {CODE} --priority normal"


def measure_database(
    label: str, url: str, files: dict[int, Path], tidy: Path, *, log=print
) -> Result:
    env = {**django_env(url), "ROSTER_MAX_BYTES": str(50 * 1024 * 1024)}
    PEAK_MB.clear()
    manage(url, "migrate", "--noinput", "--verbosity", "0")
    big = files[ROWS]
    # At the plain import's and the floor's priority (the command's default is nice 10).
    command = [
        *(sys.executable, "manage.py", "import_roster", str(big), "--organisation", CODE),
        *("--priority", "normal"),
    ]
    times: dict[str, list[float]] = {
        "preview": [],
        "import": [],
        "reimport_preview": [],
        "reimport": [],
    }
    for attempt in range(REPEATS):
        setup(env)
        log(f"  {label}: ours, round {attempt + 1} of {REPEATS}")
        times["preview"].append(wall([*command, "--dry-run"], env)[0])
        times["import"].append(wall(command, env)[0])
        times["reimport_preview"].append(wall([*command, "--dry-run"], env)[0])
        times["reimport"].append(wall(command, env)[0])

    queries: dict[str, Any] = {}
    for rows, path in sorted(files.items()):
        setup(env)
        queries[f"preview_{rows}"] = run_child("ours-preview", path, env)[1]["queries"]
        imported = run_child("ours-import", path, env)[1]
        queries[f"import_{rows}"] = imported["queries"]
        assert imported["members"] == rows, imported
        queries[f"again_preview_{rows}"] = run_child("ours-preview", path, env)[1]["queries"]
        queries[f"reimport_{rows}"] = run_child("ours-import", path, env)[1]["queries"]

    log(f"  {label}: plain django-import-export (slow)")
    setup(env)
    plain_seconds, plain = run_child("plain-import", tidy, env)
    if plain.get("error") or plain["members"] != ROWS:
        raise SystemExit(f"the plain import failed: {plain}")

    log(f"  {label}: floor")
    floor_times = []
    for _attempt in range(REPEATS):
        setup(env)
        seconds, floor_result = run_child("floor", tidy, env)
        floor_times.append(seconds)
    # Start-up: the same command doing nothing but print its help (Django set up, the
    # command and its modules loaded).
    startup = [
        wall([sys.executable, "manage.py", "import_roster", "--help"], env)[0]
        for _ in range(REPEATS)
    ]
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "database": label,
        "rows": ROWS,
        "seconds": {**median, "plain": plain_seconds, "floor": statistics.median(floor_times)},
        "all_seconds": {**times, "floor": floor_times},
        "startup_seconds": statistics.median(startup),
        "queries": {
            **queries,
            "plain": plain["queries"],
            "floor": floor_result["queries"],
        },
        "plain_output": plain["output"],
        "peak_mb": {
            "preview": PEAK_MB.get(f"{OURS} --dry-run", 0),
            "import": PEAK_MB.get(OURS, 0),
            "file_mb": big.stat().st_size / 1024 / 1024,
        },
    }


def measure_large(url: str, path: Path, *, log=print) -> Result:
    """The preview and the import of the largest roster the limits let in, once each, with
    the limits as the settings have them: seconds and peak memory of the process tree."""
    env = django_env(url)
    command = [
        *(sys.executable, "manage.py", "import_roster", str(path), "--organisation", CODE),
        *("--priority", "normal"),
    ]
    setup(env)
    log(f"  largest roster ({LARGE_ROWS:,} rows): preview and import")
    peaks = {}
    seconds = {}
    for name, arguments in (("preview", [*command, "--dry-run"]), ("import", command)):
        PEAK_MB.clear()
        PEAK_RSS_MB.clear()
        seconds[name] = wall(arguments, env)[0]
        peaks[name] = max(PEAK_MB.values())
        peaks[f"{name}_rss"] = max(PEAK_RSS_MB.values())
    return {
        "rows": LARGE_ROWS,
        "file_mb": path.stat().st_size / 1024 / 1024,
        "seconds": seconds,
        "peak_mb": peaks,
    }


def postgres_database(server: str) -> str:
    from psycopg2 import sql

    # Its own name where several benchmarks share one server ($BENCH_ROSTER_DATABASE).
    name = os.environ.get("BENCH_ROSTER_DATABASE", "phuly_bench_roster")
    with connect(server, "postgres") as conn, conn.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    from urllib.parse import urlsplit

    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}/{name}"


def run_all(server: str, *, log=print) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="phuly-roster-bench-") as folder:
        files = {}
        for rows in (SMALL_ROWS, ROWS):
            files[rows] = Path(folder) / f"so-danh-sach-{rows}.xlsx"
            write_messy_roster(files[rows], rows)
        tidy = Path(folder) / f"danh-sach-{ROWS}.xlsx"  # the same members, for plain and floor
        write_roster(tidy, ROWS)
        log(f"Generated {ROWS:,}-row roster: {files[ROWS].stat().st_size / 1024:.0f} KB.")
        large = Path(folder) / f"so-danh-sach-{LARGE_ROWS}.xlsx"
        write_messy_roster(large, LARGE_ROWS)
        log(f"Generated {LARGE_ROWS:,}-row roster: {large.stat().st_size / 1024:.0f} KB.")
        sqlite = f"sqlite:///{folder}/bench.sqlite3"
        postgres = postgres_database(server)
        results = [
            measure_database("SQLite", sqlite, files, tidy, log=log),
            measure_database("PostgreSQL", postgres, files, tidy, log=log),
        ]
        results[1]["large"] = measure_large(postgres, large, log=log)
    return results


# --- the report -----------------------------------------------------------------------------


def rate(seconds: float) -> str:
    return f"{ROWS / seconds:,.0f}"


def table_rows(result: Result) -> list[list[str]]:
    seconds, queries = result["seconds"], result["queries"]
    lines = [
        ("ours: preview (10,000 new)", "preview", queries[f"preview_{ROWS}"]),
        ("ours: import (10,000 new)", "import", queries[f"import_{ROWS}"]),
        ("ours: preview, same file again", "reimport_preview", queries[f"again_preview_{ROWS}"]),
        ("ours: import, same file again", "reimport", queries[f"reimport_{ROWS}"]),
        ("plain django-import-export import", "plain", queries["plain"]),
        ("floor: read the file + one bulk insert", "floor", queries["floor"]),
    ]  # fmt: skip
    spread = result["all_seconds"]
    return [
        [
            result["database"],
            name,
            f"{seconds[key]:.2f}",
            f"{min(spread[key]):.2f}–{max(spread[key]):.2f}" if key in spread else "one run",
            rate(seconds[key]),
            "" if count is None else f"{count:,}",
        ]
        for name, key, count in lines
    ]


HEADERS = ["database", "what", "seconds (whole command)", "min–max", "rows/s", "queries"]


def verdicts(results: list[Result]) -> list[str]:
    lines = []
    for result in results:
        seconds, queries = result["seconds"], result["queries"]
        speedup = seconds["plain"] / seconds["import"]
        lines.append(
            f"{result['database']}: import {speedup:.1f}× faster than the plain import; "
            f"start-up alone (`import_roster --help`) {result['startup_seconds']:.2f} s; "
            f"queries at "
            f"{SMALL_ROWS:,} / {ROWS:,} rows: preview {queries[f'preview_{SMALL_ROWS}']} / "
            f"{queries[f'preview_{ROWS}']}, import {queries[f'import_{SMALL_ROWS}']} / "
            f"{queries[f'import_{ROWS}']}, re-import {queries[f'reimport_{SMALL_ROWS}']} / "
            f"{queries[f'reimport_{ROWS}']}."
        )
        peak = result.get("peak_mb", {})
        if peak:
            lines.append(
                f"{result['database']}: peak memory of the whole command, preview "
                f"{peak['preview']:.0f} MB, import {peak['import']:.0f} MB, for a "
                f"{peak['file_mb']:.1f} MB file (goal: at most {GOAL_PEAK_MB} MB for 10 MB)."
            )
        if large := result.get("large"):
            top = max(large["peak_mb"]["preview"], large["peak_mb"]["import"])
            lines.append(
                f"{result['database']}: the largest roster the limits let in, {large['rows']:,} "
                f"members ({large['file_mb']:.1f} MB; 10 MB in this shape is 108,000 members, "
                f"refused by the row limit): preview {large['seconds']['preview']:.1f} s, peak "
                f"{large['peak_mb']['preview']:.0f} MB; import {large['seconds']['import']:.1f} "
                f"s, peak {large['peak_mb']['import']:.0f} MB (the process tree, forked reader "
                f"included, shared pages once; with shared pages counted twice "
                f"{large['peak_mb']['preview_rss']:.0f} / {large['peak_mb']['import_rss']:.0f} "
                f"MB; goal: at most {GOAL_PEAK_MB} MB): "
                f"{'met' if top <= GOAL_PEAK_MB else 'NOT met'}."
            )
        if result["database"] == "PostgreSQL":
            worst = max(seconds["preview"], seconds["import"])
            met = worst <= GOAL_SECONDS and speedup >= GOAL_SPEEDUP
            lines.append(
                f"Goal on PostgreSQL (preview and import each at most {GOAL_SECONDS:.1f} s, "
                f"at least "
                f"{GOAL_SPEEDUP}× faster than plain): {'met' if met else 'NOT met'} "
                f"(slowest {worst:.2f} s, {speedup:.1f}×)."
            )
    return lines


def console(results: list[Result]) -> str:
    body = [row for result in results for row in table_rows(result)]
    return "\n".join([text_table(HEADERS, body, text=2), "", *verdicts(results)])


def markdown(results: list[Result]) -> str:
    body = [row for result in results for row in table_rows(result)]
    table = markdown_table(HEADERS, body, text=2)
    plain = "; ".join(f"{r['database']}: {r['plain_output']}" for r in results)
    return (
        f"{__doc__.split(chr(10) + chr(10), 1)[1].strip()}\n\nMedian of {REPEATS} runs for ours "
        f"and the floor, one run of the plain import ({plain}).\n\n{table}\n\n"
        + "\n".join(f"- {line}" for line in verdicts(results))
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    results = run_all(args.server)
    print(console(results))


if __name__ == "__main__":
    main()
