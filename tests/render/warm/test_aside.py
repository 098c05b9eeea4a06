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

pytestmark = pytest.mark.skipif(aside.cores() < 2, reason="work is done aside only with a core to spare")

CASES = """
import os, threading, time
from brochure.render.warm import aside
from brochure.render.warm.session import Session

def no_child_left():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False

seen = []
assert not aside.Aside().possible()  # a caller's process: never forks
chance = aside.Aside(fresh=True)
assert chance.possible()
result = chance.run(lambda: seen.append("child") or ("levelled", os.getpid()), lambda: seen.append("meanwhile"))
assert result[0] == "levelled" and result[1] != os.getpid(), result  # done by another process
assert seen == ["meanwhile"], seen  # what the child did stays in the child
assert no_child_left()
assert not chance.possible()  # once per process
assert chance.run(lambda: 1, lambda: seen.append("again")) is None and seen == ["meanwhile"]

assert aside.Aside(fresh=True).run(lambda: 1 / 0, lambda: None) is None  # the caller does the work itself
assert no_child_left()

try:
    aside.Aside(fresh=True).run(lambda: time.sleep(600), lambda: 1 / 0)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("the failure of meanwhile was swallowed")
assert no_child_left()  # killed and reaped, not left sleeping

# the child prints nothing
aside.Aside(fresh=True).run(lambda: os.write(1, b"from the child") and os.write(2, b"!"), lambda: None)

aside.WAIT_SECONDS = 1  # a child stuck is given up on (the run's timeout would catch a wait of 600 s)
assert aside.Aside(fresh=True).run(lambda: time.sleep(600), lambda: None) is None
assert no_child_left()

open_files = len(os.listdir("/proc/self/fd"))
fork, os.fork = os.fork, lambda: (_ for _ in ()).throw(OSError("no process to spare"))
assert aside.Aside(fresh=True).run(lambda: 1, lambda: seen.append("not run")) is None and "not run" not in seen
os.fork = fork
assert len(os.listdir("/proc/self/fd")) == open_files

chance = aside.Aside(fresh=True)
done = threading.Event()
waiting = threading.Thread(target=done.wait)
waiting.start()
assert not chance.possible()  # a thread would not be in the child: its locks could be held forever
done.set()
waiting.join()
assert chance.possible()

import weasyprint
from brochure.render.warm.kept import laid_out
session = Session(fork=True)
laid_out(weasyprint.HTML(string="<p>x</p>"), session.chance)
assert not session.chance.possible()  # its fonts are open now
print("done")
"""


def test_work_done_aside_comes_back_and_leaves_nothing_running():
    ran = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CASES)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "done\n"
    assert ran.stderr == ""


# A cold build, as brochure's own program runs it in a fresh process: what it measured aside (the levelling) is
# told on stdout, and who made the e-mail edition in its log. `how` is "fail" for a child that fails.
COLD_BUILD = """
import atexit, logging, os, sys
from brochure.editions.email import EmailEdition
from brochure.render.warm import aside
from brochure.commands.cli import main

parent, how = os.getpid(), sys.argv.pop(1)
measured_aside = []
run = aside.Aside.run
aside.Aside.run = lambda self, work, meanwhile: measured_aside.append(run(self, work, meanwhile)) or measured_aside[-1]
atexit.register(lambda: os.getpid() == parent and print([levelling is not None for levelling in measured_aside]))
make = EmailEdition.make

def made(self, job):
    if os.getpid() != parent and how == "fail":
        raise RuntimeError("the child fails")
    # What the child logs, the parent logs: the child's own output goes nowhere.
    logging.getLogger("brochure").warning("e-mail made by %s", "this process" if os.getpid() == parent else "another")
    return make(self, job)

EmailEdition.make = made
sys.argv = ["brochure", "build", "content.yaml", "--only", "print,email,previews,mailing", *sys.argv[1:]]
sys.exit(main())  # as brochure's own program: the process is fresh
"""


def test_a_cold_build_measures_aside_makes_the_email_edition_beside_and_writes_the_bytes_of_one_process(
    tmp_path: Path,
):
    def cold_build(how: str, folder: str, *options: str) -> subprocess.CompletedProcess:
        ran = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(COLD_BUILD), how, "-o", str(tmp_path / folder), *options],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert ran.returncode == 0, ran.stderr
        return ran

    beside = cold_build("warn", "beside")
    assert beside.stdout.splitlines()[-1] == "[True]"  # the levelling measured by a second process
    assert "e-mail made by another" in beside.stderr  # logged by the child, told by the parent
    alone = cold_build("warn", "alone", "-j", "1")
    assert alone.stdout.splitlines()[-1] == "[False]"  # -j 1: measured by this one
    assert "e-mail made by this process" in alone.stderr
    # A child that fails for any reason: the parent makes the edition itself.
    assert "e-mail made by this process" in cold_build("fail", "fallback").stderr
    for folder in ("alone", "fallback"):
        for name in ("quattropole-email.pdf", "quattropole-print.pdf", "quattropole-mailing.eml"):
            assert (tmp_path / folder / name).read_bytes() == (tmp_path / "beside" / name).read_bytes(), (folder, name)


EMAIL_LAYOUTS = """
import os, sys
from brochure.commands.cli import main
from brochure.render.warm import kept

parent, record = os.getpid(), open(sys.argv.pop(1), "a", buffering=1)
lay_out, laid_out = kept.PageLayouts.lay_out, kept.laid_out

def panels_laid_out(self, css, levelling=""):
    if os.getpid() != parent and self.press is None:  # the e-mail edition, in the child
        record.write(f"{os.getpid()} panels {len(self.panels)} {sum(panel.facing for panel in self.panels)}\\n")
    return lay_out(self, css, levelling)

def one_layout(html, chance, **options):
    if os.getpid() != parent:
        record.write(f"{os.getpid()} layout\\n")  # in the e-mail child, or the one measuring the levelling
    return laid_out(html, chance, **options)

kept.PageLayouts.lay_out, kept.laid_out = panels_laid_out, one_layout
sys.argv = ["brochure", "build", "content.yaml", "--only", "print,email", "-q", *sys.argv[1:]]
sys.exit(main())  # as brochure's own program: the process is fresh
"""


def test_the_email_edition_made_beside_lays_out_again_only_the_panels_the_decisions_change(tmp_path: Path):
    record = tmp_path / "layouts.txt"
    ran = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(EMAIL_LAYOUTS), str(record), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr
    lines = [line.split() for line in record.read_text().splitlines()]
    ahead, decided = [line for line in lines if line[1] == "panels"]  # laid out twice, by the e-mail child
    assert ahead == decided
    child, panels, facing = ahead[0], int(ahead[2]), int(ahead[3])
    assert 0 < facing < panels  # QuattroPole levels some of its panels: the case where a layout is saved
    # Every panel laid out ahead, as if no text needed setting; then only those the levelling sets.
    assert lines.count([child, "layout"]) == panels + facing
