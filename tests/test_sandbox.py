"""The reader's child process (roster/sandbox.py): what comes back when the reader fails in
a way that is not a refusal, and what the worker refuses to read back from the pipe."""

import io
import os
import pickle

import pytest

from recruitment.roster.errors import RosterFileError
from recruitment.roster.sandbox import ResultUnpickler, run_limited


def fails_plainly():
    raise ValueError("a message that may quote the file: 035085000001")


def runs_out_of_memory():
    raise MemoryError


def refuses():
    raise RosterFileError("Tệp bị từ chối vì một lý do của người đọc.")


def test_a_reader_failing_plainly_gives_a_plain_message_quoting_nothing():
    with pytest.raises(RosterFileError) as refused:
        run_limited(fails_plainly)
    assert str(refused.value) == "Không đọc được tệp dưới dạng bảng tính."


def test_a_reader_out_of_memory_is_told_as_too_big():
    with pytest.raises(RosterFileError) as refused:
        run_limited(runs_out_of_memory)
    assert str(refused.value).startswith("Việc đọc tệp cần hơn 192 MB bộ nhớ nên đã bị dừng.")


def test_a_refusal_in_the_child_comes_back_as_it_is():
    with pytest.raises(RosterFileError) as refused:
        run_limited(refuses)
    assert str(refused.value) == "Tệp bị từ chối vì một lý do của người đọc."


def test_the_pipe_gives_back_only_roster_values():
    # A child that was made to send something else (a function to call) is not obeyed.
    payload = pickle.dumps(("ok", os.system))
    with pytest.raises(pickle.UnpicklingError):
        ResultUnpickler(io.BytesIO(payload)).load()
