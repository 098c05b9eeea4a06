#!/usr/bin/env python3
"""Draw the schematic QuattroPole network map as ``assets/map-quattropole.svg``.

The map shows the four QuattroPole cities (Luxembourg, Metz, Saarbrücken,
Trier) as coloured dots, the six city-to-city links of the network with their
great-circle distance in km, the city names, a 20 km scale bar and faint
country letters.  It is meant to be printed about 80 mm wide on a light panel.

Projection: equirectangular, x = lon * cos(49.4°), y = -lat, so distances on
the map are true to scale (within a fraction of a percent over this small
area).  The viewBox unit is the millimetre, so the SVG can be reasoned about
in print units: ``viewBox="0 0 80 60"`` with ``width="80mm" height="60mm"``.

Text uses ``font-family="Inter"`` at weights 400/600 only; the document that
embeds the SVG is expected to provide Inter via @font-face.  Label widths are
estimated from Inter's advance widths (below) to fit the layout.

The output is deterministic: running the script twice gives identical files.

Usage: python tools/draw_map.py
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations, product
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "assets" / "map-quattropole.svg"

# Palette.
NAVY = "#17325c"
TEAL = "#0f8b8d"
ORANGE = "#e07a3f"
RASPBERRY = "#c2416b"
GOLD = "#e6ad3a"
WHITE = "#ffffff"
BLACK = "#000000"  # small labels: 100 % K on press, so that they stay sharp

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
REFERENCE_LAT = 49.4  # latitude of true scale for the projection

# Canvas and type sizes, all in millimetres (= viewBox units).
WIDTH, HEIGHT = 80.0, 60.0
MARGIN = 2.5
DOT_RADIUS = 0.022 * WIDTH
DOT_STROKE = 0.45
LINK_WIDTH = 0.3
LABEL_GAP = 1.0  # between a dot's edge and its name
NAME_SIZE = 3.1  # ≈ 8.8 pt
DISTANCE_SIZE = 2.15  # ≈ 6.1 pt
COUNTRY_SIZE = 7.0
CAP_HEIGHT = 0.727  # Inter cap height, in em
SCALE_BAR_KM = 20

# Inter advance widths in em, used to estimate label widths.
INTER_400 = dict(
    zip(
        "0123456789 km",
        (0.625, 0.464, 0.605, 0.636, 0.642, 0.608, 0.624, 0.571, 0.616, 0.624, 0.281, 0.544, 0.869),
        strict=True,
    )
)
INTER_600 = {
    "L": 0.566,
    "M": 0.906,
    "S": 0.649,
    "T": 0.660,
    "a": 0.575,
    "b": 0.630,
    "c": 0.577,
    "e": 0.593,
    "g": 0.625,
    "i": 0.261,
    "k": 0.569,
    "m": 0.898,
    "n": 0.610,
    "o": 0.608,
    "r": 0.397,
    "t": 0.380,
    "u": 0.608,
    "x": 0.562,
    "z": 0.562,
    "ü": 0.608,
    " ": 0.248,
}


@dataclass(frozen=True)
class City:
    """A QuattroPole city and where its name goes relative to its dot."""

    name: str
    country: str
    lat: float
    lon: float
    colour: str
    label_side: str  # "left", "right", "above" or "below"


CITIES = (
    City("Luxembourg", "LU", 49.6116, 6.1319, RASPBERRY, "left"),
    City("Metz", "FR", 49.1193, 6.1757, TEAL, "left"),
    City("Saarbrücken", "DE", 49.2402, 6.9969, ORANGE, "below"),
    City("Trier", "DE", 49.7499, 6.6371, GOLD, "right"),
)

# Published straight-line distances; the computed ones must round to these.
EXPECTED_KM = {
    ("Luxembourg", "Trier"): 39,
    ("Luxembourg", "Metz"): 55,
    ("Metz", "Saarbrücken"): 61,
    ("Saarbrücken", "Trier"): 62,
    ("Luxembourg", "Saarbrücken"): 75,
    ("Metz", "Trier"): 78,
}

# Where each distance label sits along its link (0.5 = midpoint), keyed by city
# names in CITIES order.  The two diagonals cross near their middles, so their
# labels are nudged apart.
LABEL_POSITION = {
    ("Luxembourg", "Saarbrücken"): 0.56,
    ("Metz", "Trier"): 0.40,
}

# Faint country letters, anchored at a point inside each country.
COUNTRY_LETTERS = (
    ("LU", 49.755, 5.955),
    ("FR", 49.300, 5.930),
    ("DE", 49.600, 7.060),
)

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 relative to a point


def haversine_km(a: City, b: City) -> float:
    """Great-circle distance between two cities in kilometres."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlambda = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def project(lat: float, lon: float) -> Point:
    """Equirectangular projection to kilometres; y grows southwards."""
    km_per_degree = EARTH_RADIUS_KM * math.pi / 180
    return (lon * math.cos(math.radians(REFERENCE_LAT)) * km_per_degree, -lat * km_per_degree)


def text_width(text: str, size: float, weight: int) -> float:
    """Estimated advance width of ``text`` set in Inter."""
    table = INTER_600 if weight == 600 else INTER_400
    return size * sum(table.get(char, 0.6) for char in text)


def name_label(city: City) -> tuple[float, float, str, Box]:
    """Offset (dx, baseline dy), text-anchor and bounding box of a city name."""
    width = text_width(city.name, NAME_SIZE, 600)
    cap = CAP_HEIGHT * NAME_SIZE
    reach = DOT_RADIUS + LABEL_GAP
    if city.label_side == "left":
        dx, dy, anchor, x0 = -reach, cap / 2, "end", -reach - width
    elif city.label_side == "right":
        dx, dy, anchor, x0 = reach, cap / 2, "start", reach
    elif city.label_side == "above":
        dx, dy, anchor, x0 = 0.0, -reach, "middle", -width / 2
    else:
        dx, dy, anchor, x0 = 0.0, reach + cap, "middle", -width / 2
    return dx, dy, anchor, (x0, dy - cap, x0 + width, dy)


def fit(items: list[tuple[Point, Box]]) -> tuple[float, float, float]:
    """Largest mm-per-km scale (and mm offsets) that fits all items.

    Each item is a projected point plus a fixed-size box around it in mm,
    e.g. a dot or its label.  Returns ``(scale, x_offset, y_offset)`` such
    that ``offset + scale * km`` is the position in the viewBox, centred.
    """
    scales = []
    for axis, size in ((0, WIDTH), (1, HEIGHT)):
        room = size - 2 * MARGIN
        scales.append(
            min(
                (room - (box_i[axis + 2] - box_j[axis])) / (p_i[axis] - p_j[axis])
                for (p_i, box_i), (p_j, box_j) in product(items, items)
                if p_i[axis] > p_j[axis]
            )
        )
    scale = min(scales)
    offsets = []
    for axis, size in ((0, WIDTH), (1, HEIGHT)):
        low = min(scale * p[axis] + box[axis] for p, box in items)
        high = max(scale * p[axis] + box[axis + 2] for p, box in items)
        offsets.append((size - (high - low)) / 2 - low)
    return scale, offsets[0], offsets[1]


def num(value: float) -> str:
    """Format a coordinate compactly and deterministically."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_element(x: float, y: float, text: str, size: float, weight: int, anchor: str = "start") -> str:
    """An SVG <text> element in Inter."""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-family="Inter" '
        f'font-size="{num(size)}" font-weight="{weight}" '
        f'text-anchor="{anchor}">{text}</text>'
    )


def draw() -> str:
    """Build the complete SVG document."""
    items: list[tuple[Point, Box]] = []
    for city in CITIES:
        point = project(city.lat, city.lon)
        items.append((point, (-DOT_RADIUS, -DOT_RADIUS, DOT_RADIUS, DOT_RADIUS)))
        items.append((point, name_label(city)[3]))
    scale, ox, oy = fit(items)

    def place(lat: float, lon: float) -> Point:
        x, y = project(lat, lon)
        return ox + scale * x, oy + scale * y

    where = {city.name: place(city.lat, city.lon) for city in CITIES}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(WIDTH)}mm" '
        f'height="{num(HEIGHT)}mm" viewBox="0 0 {num(WIDTH)} {num(HEIGHT)}">',
        "<title>QuattroPole: Luxembourg, Metz, Saarbrücken, Trier</title>",
        "<desc>Network map: " + ", ".join(f"{c.name} ({c.country})" for c in CITIES) + "</desc>",
        "<!-- Generated by tools/draw_map.py; do not edit by hand. -->",
    ]

    out.append(f'<g fill="{NAVY}" fill-opacity="0.14">')
    for letters, lat, lon in COUNTRY_LETTERS:
        x, y = place(lat, lon)
        out.append(text_element(x, y + CAP_HEIGHT * COUNTRY_SIZE / 2, letters, COUNTRY_SIZE, 600, "middle"))
    out.append("</g>")

    out.append(f'<g stroke="{NAVY}" stroke-width="{num(LINK_WIDTH)}" stroke-linecap="round">')
    for a, b in combinations(CITIES, 2):
        (x1, y1), (x2, y2) = where[a.name], where[b.name]
        out.append(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"/>')
    out.append("</g>")

    pill_height = 1.5 * DISTANCE_SIZE
    out.append(f'<g fill="{BLACK}">')
    for a, b in combinations(CITIES, 2):
        km = round(haversine_km(a, b))
        label = f"{km} km"
        t = LABEL_POSITION.get((a.name, b.name), 0.5)
        (x1, y1), (x2, y2) = where[a.name], where[b.name]
        x, y = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
        width = text_width(label, DISTANCE_SIZE, 400) + DISTANCE_SIZE * 0.8
        out.append(
            f'<rect x="{num(x - width / 2)}" y="{num(y - pill_height / 2)}" '
            f'width="{num(width)}" height="{num(pill_height)}" '
            f'rx="{num(pill_height / 2)}" fill="{WHITE}"/>'
        )
        out.append(text_element(x, y + CAP_HEIGHT * DISTANCE_SIZE / 2, label, DISTANCE_SIZE, 400, "middle"))
    out.append("</g>")

    out.append(f'<g stroke="{WHITE}" stroke-width="{num(DOT_STROKE)}">')
    for city in CITIES:
        x, y = where[city.name]
        out.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(DOT_RADIUS)}" fill="{city.colour}"/>')
    out.append("</g>")

    out.append(f'<g fill="{NAVY}">')
    for city in CITIES:
        x, y = where[city.name]
        dx, dy, anchor, _ = name_label(city)
        out.append(text_element(x + dx, y + dy, city.name, NAME_SIZE, 600, anchor))
    out.append("</g>")

    bar = SCALE_BAR_KM * scale
    right, bottom = WIDTH - MARGIN, HEIGHT - MARGIN
    tick = 0.8
    out.append(f'<g fill="{NAVY}">')
    out.append(
        f'<path d="M{num(right - bar)} {num(bottom - tick)}'
        f'V{num(bottom)}H{num(right)}V{num(bottom - tick)}" fill="none" '
        f'stroke="{NAVY}" stroke-width="0.25"/>'
    )
    out.append(f'<g fill="{BLACK}">')
    out.append(text_element(right - bar / 2, bottom - tick - 0.6, f"{SCALE_BAR_KM} km", DISTANCE_SIZE, 400, "middle"))
    out.append("</g>")
    out.append("</g>")

    out.append("</svg>")
    return "\n".join(out) + "\n"


def check_distances() -> None:
    """Fail loudly if a computed distance disagrees with the published one."""
    by_name = {city.name: city for city in CITIES}
    for (a, b), expected in EXPECTED_KM.items():
        km = haversine_km(by_name[a], by_name[b])
        if round(km) != expected:
            raise SystemExit(f"{a}–{b}: computed {km:.1f} km, expected {expected} km")


def main() -> None:
    check_distances()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(draw(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
