"""Work done aside in a forked process: the result comes back, failures fall back to this process,
nothing is left running, and a cold build that measures its levelling aside writes the same bytes.

Each case runs in a fresh Python process, as a cold build does: the test process has laid out
many leaflets and has threads, so it never forks (see `conftest.own_cache`).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from brochure.render.warm import aside

pytestmark = pytest.mark.skipif(aside._cores() < 2, reason="work is done aside only with a core to spare")

CASES = """
import os, threading, time
from brochure.render.warm import aside

def no_child_left():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False

seen = []
assert aside.possible()
result = aside.run(lambda: seen.append("child") or ("levelled", os.getpid()), lambda: seen.append("meanwhile"))
assert result[0] == "levelled" and result[1] != os.getpid(), result  # done by another process
assert seen == ["meanwhile"], seen  # what the child did stays in the child
assert no_child_left()
assert not aside.possible()  # once per process
assert aside.run(lambda: 1, lambda: seen.append("again")) is None and seen == ["meanwhile"]

aside._chance["open"] = True
assert aside.run(lambda: 1 / 0, lambda: None) is None  # the caller does the work itself
assert no_child_left()

aside._chance["open"] = True
try:
    aside.run(lambda: time.sleep(600), lambda: 1 / 0)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("the failure of meanwhile was swallowed")
assert no_child_left()  # killed and reaped, not left sleeping

aside._chance["open"] = True
aside.run(lambda: os.write(1, b"from the child") and os.write(2, b"!"), lambda: None)  # the child prints nothing

aside._chance["open"] = True
aside.WAIT_SECONDS = 1
started = time.monotonic()
assert aside.run(lambda: time.sleep(600), lambda: None) is None  # a child stuck: given up on
assert time.monotonic() - started < 60 and no_child_left()

aside._chance["open"] = True
open_files = len(os.listdir("/proc/self/fd"))
fork, os.fork = os.fork, lambda: (_ for _ in ()).throw(OSError("no process to spare"))
assert aside.run(lambda: 1, lambda: seen.append("not run")) is None and "not run" not in seen
os.fork = fork
assert len(os.listdir("/proc/self/fd")) == open_files

aside._chance["open"] = True
waiting = threading.Thread(target=time.sleep, args=(0.5,))
waiting.start()
assert not aside.possible()  # a thread would not be in the child: its locks could be held forever
waiting.join()
assert aside.possible()

import weasyprint
from brochure.render.warm.kept import laid_out
laid_out(weasyprint.HTML(string="<p>x</p>"))
assert not aside.possible()  # its fonts are open now
print("done")
"""


def test_work_done_aside_comes_back_and_leaves_nothing_running():
    ran = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CASES)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "done\n"
    assert ran.stderr == ""


COLD_BUILD = """
import sys
from brochure.render.warm import aside
from brochure.commands.cli import main

measured_aside = []
run = aside.run
aside.run = lambda work, meanwhile: measured_aside.append(run(work, meanwhile)) or measured_aside[-1]
status = main(["build", "content.yaml", "--only", "print", "-q", *sys.argv[1:]])
print(status, [levelling is not None for levelling in measured_aside])
"""


def test_a_cold_build_measures_aside_and_writes_the_bytes_of_one_process(tmp_path: Path):
    def cold_build(*options: str) -> str:
        ran = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(COLD_BUILD), *options],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert ran.returncode == 0, ran.stderr
        return ran.stdout.strip()

    assert cold_build("-o", str(tmp_path / "aside")) == "0 [True]"  # measured by a second process
    assert cold_build("-o", str(tmp_path / "alone"), "-j", "1") == "0 [False]"  # -j 1: by this one
    aside_pdf = (tmp_path / "aside" / "quattropole-print.pdf").read_bytes()
    assert aside_pdf == (tmp_path / "alone" / "quattropole-print.pdf").read_bytes()
