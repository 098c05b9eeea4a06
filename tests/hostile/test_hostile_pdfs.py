"""Hostile PDFs given to `check` and `proof`: each ends in one clear line naming the file, with exit 1
or 2, never a traceback or an internal error, within bounds of time and memory.

Each case runs the command in a process of its own, so that a hang ends in a timeout (a guard, far
above what each case takes) and a case that takes gigabytes cannot take the test run with it.
"""

from __future__ import annotations

import os
import random
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, run_forked

from brochure.commands.cli import main
from brochure.errors import ExitStatus

GUARD = 30  # seconds: no case may come near it
MEMORY = 2**30  # bytes of address space a case may map beyond what brochure maps once imported


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The command in a process of its own whose memory is bounded to MEMORY over what it maps once
    brochure is imported: a case that would take gigabytes fails there instead of taking the machine."""
    return run_forked(list(args), timeout=GUARD, cwd=ROOT, memory=MEMORY)


def one_line(result: subprocess.CompletedProcess, path: Path) -> str:
    """The one line a refused PDF ends in, after asserting that it is one line naming the file, exit 1 or 2."""
    assert result.returncode in (ExitStatus.CHECK_FAILED, ExitStatus.INVALID_INPUT), result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("brochure: WARNING: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: "), lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return lines[0]


def pdf_bytes(*objects: bytes, root: int = 1) -> bytes:
    """A PDF of `objects` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def one_page(
    *, kids: bytes = b"[3 0 R]", count: int = 1, box: bytes = b"[0 0 595 842]", contents: bytes = b"<< /Length 0 >>"
) -> bytes:
    """A PDF of one page (object 3) whose drawing is object 4, with the page tree, box or drawing given."""
    return pdf_bytes(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count %d >>" % (kids, count),
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R >>" % box,
        contents + (b"\nstream\n\nendstream" if b"stream" not in contents else b""),
    )


def flate_bomb(size: int = 2 * 2**30) -> bytes:
    """A FlateDecode stream of `size` bytes of spaces (a valid, empty drawing), in about 2 MB: each
    mebibyte is compressed as a block of its own, so the same block is repeated."""
    chunk = b" " * 2**20
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(size // len(chunk)):
        checksum = zlib.adler32(chunk, checksum)
    data = first + block * (size // len(chunk) - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)


# Each crafted file, and what brochure says of it after `not a PDF brochure can read: `.
CRAFTED = {
    "kids": (
        lambda: one_page(kids=b"[" + b"3 0 R " * 200_000 + b"]", count=200_000),
        "Reached maximum array element count.",
    ),
    "bomb": (lambda: one_page(contents=flate_bomb()), "stream 4 decodes to more than 75 MB"),
    "length": (
        lambda: one_page(contents=b"<< /Length 4 0 R >>\nstream\n0 0 m 9 9 l S\nendstream"),
        "Detected loop with self reference for IndirectObject(4, 0, ",
    ),
    "strings": (lambda: one_page(box=b"[(a) (b) (c) (d)]"), "the MediaBox of page 1 is not four numbers"),
    "huge": (
        lambda: one_page(box=b"[0 0 1000000000 1000000000]"),
        "the MediaBox of page 1 is 352777778 × 352777778 mm; a PDF page is at most 14400 pt",
    ),
}


def judged(command: str, path: Path) -> subprocess.CompletedProcess:
    return run_cli("check", str(path)) if command == "check" else run_cli("proof", str(path), "-o", str(path.parent))


@pytest.mark.parametrize("command", ["check", "proof"])
@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_pdf_is_refused_in_one_line(tmp_path: Path, case: str, command: str):
    make, reason = CRAFTED[case]
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(make())
    result = judged(command, path)
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert one_line(result, path).startswith(f"{path}: not a PDF brochure can read: {reason}")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("command", ["check", "proof"])
def test_a_print_pdf_with_200_flipped_bytes_is_judged_or_refused(golden, tmp_path: Path, seed: int, command: str):
    """Of the QuattroPole print PDF, 200 bytes flipped at random: whatever they break (a stream's
    filter name, one of pypdf's own `assert`s, a content stream), the file is judged (its checks
    fail) or refused in one line, never a traceback or an internal error."""
    data = bytearray(golden.result.print_pdf.read_bytes())
    for position in random.Random(seed).sample(range(len(data)), 200):
        data[position] ^= 0xFF
    path = tmp_path / "flipped.pdf"
    path.write_bytes(data)
    result = judged(command, path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.returncode in (ExitStatus.CHECK_FAILED, ExitStatus.INVALID_INPUT), result.stderr
    if result.returncode == ExitStatus.INVALID_INPUT:
        assert one_line(result, path).startswith(f"{path}: not a PDF brochure can read: ")


@pytest.mark.parametrize("command", ["check", "proof"])
def test_a_device_is_no_pdf(command: str):
    result = run_cli(command, "/dev/zero") if command == "check" else run_cli(command, "/dev/zero", "-o", "/tmp")
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert (
        one_line(result, Path("/dev/zero")) == "/dev/zero: not a regular file but a device; give the path of a PDF file"
    )


@pytest.mark.parametrize("command", ["check", "proof"])
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, command: str):
    path = tmp_path / "x.pdf"
    os.mkfifo(path)  # no writer: reading it would wait forever
    result = judged(command, path)
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert one_line(result, path) == f"{path}: not a regular file but a named pipe (FIFO); give the path of a PDF file"


@pytest.mark.parametrize("command", ["check", "proof"])
def test_a_3_gb_file_is_refused_by_its_size(tmp_path: Path, command: str):
    path = tmp_path / ".pdf"
    with path.open("wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: it takes no room on disk, but 3 GB to read
    result = judged(command, path)
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert one_line(result, path) == f"{path}: too large: 3.22 GB (a PDF to check is at most 200 MB)"


def test_the_proof_of_the_largest_page_pdf_allows_is_refused_and_its_check_runs(tmp_path: Path):
    path = tmp_path / "large.pdf"
    path.write_bytes(one_page(box=b"[0 0 14400 14400]"))  # 5.08 m square: 900 Mpx at 150 ppi
    assert run_cli("check", str(path)).returncode == ExitStatus.CHECK_FAILED
    result = run_cli("proof", str(path), "-o", str(tmp_path))
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert one_line(result, path) == (
        f"{path}: no proof: page 1 is 5080 × 5080 mm, 900 Mpx at 150 ppi; brochure draws at most 40 Mpx a page "
        "(an A0 sheet at 150 ppi is 35)"
    )
    assert not (tmp_path / "large-proof").exists()


def test_a_map_of_800000_segments_is_refused_before_it_is_drawn(project: Path, capsys):
    """A 2 MB path took 43 s to draw and then overran pypdf's 2 million tokens in the e-mail `tags`
    check: now it is refused with the content, in one line."""
    path = "M0 0" + "h1v1h-1v-1" * 200_000
    (project / "assets" / "map-quattropole.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="60mm" viewBox="0 0 80 60">'
        f'<path d="{path}" stroke="black" fill="none"/></svg>'
    )
    status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "email"])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT, err
    assert err.endswith(
        "sections.cities.blocks[1].picture.file: 'assets/map-quattropole.svg' is not a valid SVG image: "
        "its paths have more than 200,000 "
        "points once its references are followed\n"
    )


def test_a_check_that_pypdf_cannot_read_its_part_for_fails_with_a_finding(golden):
    """A crash inside one check is that check's failure, not the build's: pypdf's limits, say."""
    from pypdf.errors import LimitReachedError

    from brochure.preflight.pdffacts import read_pdf
    from brochure.preflight.registry import CheckContext, check, checks_of, run

    @check("tags", editions=("email",))
    def beyond_the_limits(ctx):
        raise LimitReachedError("Reached maximum number of tokens per stream.")
        yield

    email = golden.result.edition("email").written[0].path
    context = CheckContext(layout=golden.layout, facts=read_pdf(email), edition="email")
    findings = [(f.check, f.message) for f in run(checks_of([beyond_the_limits]), context)]
    assert findings == [("tags", "not a PDF brochure can read: Reached maximum number of tokens per stream.")]
