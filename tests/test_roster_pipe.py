"""The roster crosses the pipe from the reading child in parts and arrives whole."""

from datetime import date

from recruitment.roster.read import Roster
from recruitment.roster.sandbox import run_limited


def _roster() -> Roster:
    roster = Roster(
        sheet="Danh sách",
        header_row=5,
        columns={"full_name": 1, "citizen_id": 2, "gender": 3},
        ignored=["Ghi chú"],
        titles=["ĐẢNG BỘ PHƯỜNG MINH KHAI"],
        converted={"TCVN3": 2},
        hidden_sheets=["Ẩn"],
        sha256="ab" * 32,
    )
    roster.rows = [
        (6, {"full_name": "Nguyễn Văn An", "citizen_id": 35060000001.0, "gender": "Nam"}),
        (7, {"full_name": "Trần Thị Bình", "citizen_id": "035160000002", "gender": "Nữ"}),
        # A row under a section row: the section's cell added after the file's columns.
        (9, {"full_name": "Lê Văn Cường", "citizen_id": None, "gender": "Nam", "cell": "Chi bộ 2"}),
        (10, {"full_name": "Phạm Thị Dung", "citizen_id": date(1990, 1, 2), "gender": "Nam"}),
    ]
    return roster


def _whole(roster: Roster) -> tuple:
    return (
        roster.sheet,
        roster.header_row,
        roster.columns,
        roster.ignored,
        roster.titles,
        roster.converted,
        roster.hidden_sheets,
        roster.sha256,
        roster.rows,
    )


def test_roster_read_in_the_child_arrives_as_it_was_read():
    back = run_limited(_roster)
    assert _whole(back) == (
        "Danh sách",
        5,
        {"full_name": 1, "citizen_id": 2, "gender": 3},
        ["Ghi chú"],
        ["ĐẢNG BỘ PHƯỜNG MINH KHAI"],
        {"TCVN3": 2},
        ["Ẩn"],
        "ab" * 32,
        [
            (6, {"full_name": "Nguyễn Văn An", "citizen_id": 35060000001.0, "gender": "Nam"}),
            (7, {"full_name": "Trần Thị Bình", "citizen_id": "035160000002", "gender": "Nữ"}),
            (
                9,
                {
                    "full_name": "Lê Văn Cường",
                    "citizen_id": None,
                    "gender": "Nam",
                    "cell": "Chi bộ 2",
                },
            ),
            (10, {"full_name": "Phạm Thị Dung", "citizen_id": date(1990, 1, 2), "gender": "Nam"}),
        ],
    )
    assert list(back.rows[0][1]) == ["full_name", "citizen_id", "gender"]  # the file's order


def test_a_word_repeated_from_row_to_row_arrives_once():
    back = run_limited(_roster)
    assert back.rows[0][1]["gender"] is back.rows[3][1]["gender"]


def _many() -> Roster:
    roster = _roster()
    roster.rows = [(n, {"full_name": f"Người {n}", "gender": "Nam"}) for n in range(2501)]
    return roster


def test_rows_cross_in_parts_and_arrive_all_in_order():
    """2,501 rows: three parts of 1,000 and one of 1."""
    back = run_limited(_many)
    assert len(back.rows) == 2501
    assert back.rows[0] == (0, {"full_name": "Người 0", "gender": "Nam"})
    assert back.rows[1000] == (1000, {"full_name": "Người 1000", "gender": "Nam"})
    assert back.rows[2500] == (2500, {"full_name": "Người 2500", "gender": "Nam"})
    assert [number for number, _values in back.rows] == list(range(2501))
