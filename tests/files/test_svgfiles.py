"""How much an SVG may draw: the points of its paths, counted once its references are followed."""

from __future__ import annotations

import pytest

from brochure.files.svgfiles import MAX_VERTICES, InvalidSvg, check_svg

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def path_of(points: int) -> str:
    return "M0 0" + " L1 1" * (points - 1)


def test_a_path_of_the_most_points_is_drawn():
    check_svg(f'{HEAD}<path d="{path_of(MAX_VERTICES)}"/></svg>'.encode())


def test_a_path_of_one_point_more_is_refused():
    with pytest.raises(InvalidSvg, match="its paths have more than 200,000 points"):
        check_svg(f'{HEAD}<path d="{path_of(MAX_VERTICES + 1)}"/></svg>'.encode())


def test_points_drawn_again_by_reference_count_each_time():
    # The shape counts where it stands (in <defs>, as every element is counted) and once for each <use>.
    shape = f'<defs><polyline id="p" points="{" ".join("1,1" for _ in range(MAX_VERTICES // 5 + 1))}"/></defs>'
    uses = "".join('<use xlink:href="#p"/>' for _ in range(4))
    with pytest.raises(InvalidSvg, match="more than 200,000 points"):
        check_svg(f"{HEAD}{shape}{uses}</svg>".encode())
    check_svg(f"{HEAD}{shape}{uses[: len(uses) * 3 // 4]}</svg>".encode())
