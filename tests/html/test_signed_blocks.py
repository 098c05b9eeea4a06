"""The cover's lockup and the call to action's QR code, as the templates write them: read from the
HTML of the reference leaflet and of its event."""

from __future__ import annotations

import re

import segno
from conftest import ROOT

from brochure.content.events import event_content
from brochure.content.load import load_content
from brochure.html.qrcodes import QUIET_ZONE, quiet_zone_share
from brochure.html.templating import render_html


def test_a_title_with_a_logo_sets_it_over_the_title_as_decoration():
    html = render_html(content := load_content(ROOT / "content.yaml"), content.layout, None)
    lockup = re.search(r'<img class="title__logo" src="([^"]+)" alt="">\s*<h1 class="title__text', html)
    assert lockup and lockup[1].endswith("logo-quattropole.svg")
    # Under the cover's bleeding artwork the logo is pulled into the band the artwork leaves: the title stays.
    assert re.search(r"\.block--bleed \+ \.block--h1 \.title__logo \{ margin-top: -\d", html)


def test_the_qr_codes_drawn_modules_sit_flush_with_the_column_and_the_label():
    url = "https://www.quattropole.org/rencontre-2027"
    width, _ = segno.make(url, error="m", boost_error=True, micro=False).symbol_size(border=QUIET_ZONE)
    assert quiet_zone_share(url) == QUIET_ZONE / width
    content = event_content(load_content(ROOT / "content.yaml"), ROOT / "events" / "rencontre-2027.yaml")
    html = render_html(content, content.layout, None)
    (style,) = re.findall(r'<img class="action__qr"[^>]* style="([^"]+)"', html)
    quiet = 30 * QUIET_ZONE / width  # mm of blank on each side of a code 30 mm wide
    top, right, bottom, left = (float(v) for v in re.findall(r"(-?[\d.]+)mm", style.split("margin:")[1]))
    assert left == bottom == -round(quiet, 2) and top == -round(quiet - 0.9, 2) and right == round(4 - quiet, 2)
    # One label for both languages, each language whole: "Inscription · Anmeldung".
    label = re.search(r'<p class="action__label">(.*?)</p>', html, re.S)[1]
    assert re.sub(r"<[^>]+>", "", label) == "Inscription · Anmeldung"
    assert 'lang="fr">Inscription</span>' in label and 'lang="de">Anmeldung</span>' in label
