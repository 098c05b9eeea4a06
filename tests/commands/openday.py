"""The project the command tests build, watch and serve: a copy of QuattroPole with one event of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

# An event over QuattroPole: its `about` replaces the content's on the inside-left panel.
OPEN_DAY = """\
# An event leaflet: `brochure build --event events/open-day.yaml` prints it over content.yaml,
# as out/quattropole-open-day-print.pdf; its sections replace those of the same name.

title:
  fr: Journée portes ouvertes
  de: Tag der offenen Tür
sections:
  about:
    - heading:
        text:
          fr: Journée portes ouvertes
          de: Tag der offenen Tür
    - event:
        date: 2027-06-12
        start: "10:00"
        end: "17:00"
        venue:
          name: Maison de la Grande Région
          address:
            - 11, Boulevard J.-F. Kennedy
            - L-4170 Esch-sur-Alzette
    - programme:
        items:
          - time: "10:00"
            text:
              fr: Accueil
              de: Empfang
          - time: "14:00"
            text:
              fr: Balade à vélo le long de la rivière
              de: Radtour entlang des Flusses
    - action:
        url: https://www.quattropole.org/open-day
        label:
          fr: Inscription
          de: Anmeldung
"""

# A broken save of QuattroPole's content.yaml: after its phone number, a key that no contact block has.
PHONE = "        phone: +352 247 80112\n"
FAX = "        fax: 12\n"
# Where the fax lands: on the line after the phone number's, where the key starts.
FAX_LINE = (ROOT / "content.yaml").read_text(encoding="utf-8").splitlines(keepends=True).index(PHONE) + 2
FAX_ERROR = (
    f"{FAX_LINE}:9: sections.contact[4].contact.fax: unknown key; the keys here are name, address, phone, email, web"
)


def with_open_day(project: Path) -> Path:
    """`project` (a copy of QuattroPole) with the event `open-day` in events/ and a layouts/ folder, as a
    project someone works in holds them."""
    (project / "events").mkdir()
    (project / "events" / "open-day.yaml").write_text(OPEN_DAY, encoding="utf-8")
    (project / "layouts").mkdir()
    return project


def quattropole_copy(folder: Path) -> Path:
    """A copy of the QuattroPole project (content and assets) in `folder`, with the event `open-day`."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("fonts"))
    return with_open_day(folder)
