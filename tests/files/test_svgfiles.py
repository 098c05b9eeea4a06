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


# -- DOCTYPE: as an editor writes it, read; one that declares or names anything else, refused


ILLUSTRATOR = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!-- Generator: Adobe Illustrator 27.0.0 -->\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)


@pytest.mark.parametrize(
    "doctype",
    [
        ILLUSTRATOR,
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 20010904//EN"\n'
        '  "http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd">\n',
        "<!DOCTYPE svg>",
    ],
)
def test_a_doctype_that_declares_nothing_is_read(doctype: str):
    check_svg(f'{doctype}{HEAD}<rect width="5" height="5"/></svg>'.encode())


@pytest.mark.parametrize(
    ("doctype", "message"),
    [
        ('<!DOCTYPE svg [<!ENTITY a "lol">]>', r"its DOCTYPE declares entities or other markup \(\[…\]\)"),
        ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://x.invalid/svg11.dtd" []>', r"declares entities"),
        ('<!DOCTYPE svg SYSTEM "file:///etc/passwd">', r"names a DTD other than the W3C's SVG DTD \('file:///etc/pa"),
        ('<!DOCTYPE svg SYSTEM "svg11.dtd">', r"names a DTD other than the W3C's SVG DTD \('svg11.dtd'\)"),
    ],
)
def test_a_doctype_that_declares_or_names_anything_else_is_refused(doctype: str, message: str):
    with pytest.raises(InvalidSvg, match=message):
        check_svg(f"{doctype}{HEAD}</svg>".encode())


def test_an_entity_the_unread_dtd_would_define_is_an_error_not_left_out():
    # expat would skip both without a word, since the DTD it does not read might define them.
    with pytest.raises(InvalidSvg, match=r"^undefined entity at line 4, column 104$"):
        check_svg(f"{ILLUSTRATOR}{HEAD}&ns_flows;</svg>".encode())
    with pytest.raises(InvalidSvg, match=r"^undefined entity at line 4, column 1$"):
        check_svg(f"{ILLUSTRATOR}{HEAD.replace('0 0 10 10', '&box;')}</svg>".encode())


def test_an_error_after_a_doctype_keeps_its_line_and_column():
    with pytest.raises(InvalidSvg, match=r"^not well-formed \(invalid token\) at line 5, column 10$"):
        check_svg(f"{ILLUSTRATOR}{HEAD}\n<rect wid</svg>".encode())


def test_a_doctype_hidden_in_its_own_identifier_is_refused():
    doctype = '<!DOCTYPE svg SYSTEM "http://www.w3.org/TR/x<!DOCTYPE.dtd">'
    with pytest.raises(InvalidSvg, match="not well-formed"):
        check_svg(f"{doctype}{HEAD}</svg>".encode())
