#!/usr/bin/env python3
"""Build ``assets/profiles/FOGRA39.icc``, the default CMYK output profile, from Fogra's data.

The source is ``FOGRA39L.ti3``: Fogra's characterization data of ISO coated offset
(ISO 12647-2:2004/Amd 1, paper types 1 and 2), as shipped by Debian's
``icc-profiles-free`` under the Zlib licence. ArgyllCMS's ``colprof`` (Debian
``argyll``) turns it into an ICC output profile:

- ``-qm`` medium quality: a profile of about 200 kB, accurate to well under
  1 ΔE on this data; ``-qh`` doubles the size for no visible gain;
- ``-kr`` a ramp black generation, ``-l300 -L95`` the total and black ink limits
  of the FOGRA39 condition, so that colours converted to CMYK stay printable;
- ``-nc`` leaves the measurement data out of the profile (it would triple it);
- ``-M FOGRA39`` the model, which WeasyPrint writes as the PDF's
  OutputConditionIdentifier: the name of the condition in the ICC registry.

The header's creation date is set to the data's own date, so running the script
twice gives the same file.

Usage: python tools/make_fogra39_profile.py [path/to/FOGRA39L.ti3]
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from brochure.units import format_size

SOURCE = Path("/usr/share/color/icc/FOGRA39L.ti3")
OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "profiles" / "FOGRA39.icc"
DESCRIPTION = "FOGRA39 (ISO Coated), built from Fogra's FOGRA39L characterization data"
COPYRIGHT = "Derived from FOGRA39L characterization data (Fogra), Zlib licence; see assets/profiles/README.md"
FLAGS = ["-qm", "-kr", "-l300", "-L95", "-nc", "-A", "Fogra", "-M", "FOGRA39"]
DATA_DATE = (2006, 12, 1, 0, 0, 0)  # the "CREATED" date of FOGRA39L.ti3


def build(source: Path, output: Path) -> None:
    colprof = shutil.which("colprof")
    if colprof is None:
        sys.exit("colprof not found: install ArgyllCMS (Debian: apt-get install argyll)")
    if not source.is_file():
        sys.exit(f"{source}: not found (Debian: apt-get install icc-profiles-free)")
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(source, Path(work) / "FOGRA39L.ti3")
        command = [colprof, *FLAGS, "-D", DESCRIPTION, "-C", COPYRIGHT, "-O", "FOGRA39.icc", "FOGRA39L"]
        subprocess.run(command, cwd=work, check=True, stdout=subprocess.DEVNULL)
        profile = bytearray((Path(work) / "FOGRA39.icc").read_bytes())
    profile[24:36] = struct.pack(">6H", *DATA_DATE)  # the ICC header's creation date
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(bytes(profile))
    print(f"{output}: {format_size(len(profile))}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE, OUTPUT)
