"""QR codes for print: a link drawn by segno as a vector SVG, in one colour of the layout's palette."""

from __future__ import annotations

import base64
import functools
import io

import segno

_PLACEHOLDER = "#000001"  # segno takes only colours it knows; the layout's CSS value replaces this one
QUIET_ZONE = 4  # modules of blank margin around the code, as the QR standard asks of a reader


def _code(data: str) -> segno.QRCode:
    return segno.make(data, error="m", boost_error=True, micro=False)


def quiet_zone_share(data: str) -> float:
    """The share of the QR code of `data`'s width that is its quiet zone on one side: a layout sets the
    drawn modules, not the blank around them, flush with its text."""
    width, _ = _code(data).symbol_size(border=QUIET_ZONE)
    return QUIET_ZONE / width


@functools.lru_cache(maxsize=32)
def qr_svg(data: str, colour: str) -> str:
    """The SVG of a QR code of `data`, dark modules in the CSS colour `colour` (`device-cmyk()` for press).

    Error correction is raised as far as the size allows (at least M), so that a
    print that is scuffed or folded still reads. The light modules are left unpainted.
    """
    code = _code(data)
    out = io.BytesIO()
    code.save(out, kind="svg", dark=_PLACEHOLDER, light=None, border=QUIET_ZONE, xmldecl=False, omitsize=True, nl=False)
    return out.getvalue().decode("ascii").replace(f'stroke="{_PLACEHOLDER}"', f'stroke="{colour}"')


def qr_data_url(data: str, colour: str) -> str:
    """The QR code of `data` as an `image/svg+xml` data URL, for an <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data, colour).encode("ascii")).decode("ascii")
