"""What an SVG file may hold: safe, well-formed XML with an <svg> root whose size WeasyPrint can read, and bounded work.

expat parses it with no entity declared, so none can expand (billion laughs) or name a file
or URL. A DOCTYPE is allowed only as Illustrator and other editors write it: naming the W3C's
SVG DTD, with no internal subset (the `[…]` where entities are declared). The DTD is never read,
and so that an entity it would define is an error, not text silently left out, the file is read
as if the DOCTYPE were not there. Two things WeasyPrint does with an SVG go further than
XML. It reads the root's width, height and viewBox while it lays out the page, where an
unreadable value is no longer an image left out but a crash, so they are read here first,
as WeasyPrint reads them. And it follows every `<use>` and `url(#id)` reference each time
it draws one: ten `<use>` of ten `<use>` of … draw 10^10 elements from a few kB. So the
elements a file draws, and the characters of its texts, are counted here with every reference
expanded, before it is drawn.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from xml.parsers import expat

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_HREF = "http://www.w3.org/1999/xlink href"

# WeasyPrint draws about 2,000 elements a second; the QuattroPole map has 42, a detailed
# city map a few thousand.
MAX_ELEMENTS = 20_000  # drawn, with every reference expanded
MAX_DEPTH = 100  # elements nested in each other, references followed; drawing recurses this deep
MAX_REFERENCE_DEPTH = 8  # a reference to an element that holds a reference, and so on
MAX_COORDINATE = 1e9
# Each character of a <text> is a glyph WeasyPrint shapes and places on its own: a megabyte of text
# takes minutes. A map's labels are a few hundred characters.
MAX_TEXT_CHARACTERS = 20_000  # drawn, with every reference expanded
# Points of paths, polylines and polygons drawn, references expanded: a detailed map has tens of
# thousands; WeasyPrint takes about 10 s to draw and the checks to read 200,000.
MAX_VERTICES = 200_000

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_UNITS = "px|pt|pc|in|cm|mm|q|em|ex|rem|%"  # what WeasyPrint's svg.utils.size reads
_LENGTH = re.compile(rf"\s*({_NUMBER})({_UNITS})?\s*")
_SEPARATOR = r"(?:\s*,\s*|\s+|(?=[+-]))"
_VIEWBOX = re.compile(rf"\s*({_NUMBER}){_SEPARATOR}({_NUMBER}){_SEPARATOR}({_NUMBER}){_SEPARATOR}({_NUMBER})\s*")
_URL_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)")
_MARKER_IN_CSS = re.compile(r"marker[\w-]*\s*:\s*url\(\s*['\"]?#([^'\")\s]+)")
_COORDINATE = re.compile(_NUMBER)
# Where the DTDs of SVG 1.0 and 1.1 live: the only external identifier a DOCTYPE may name.
_W3C_DTD = re.compile(r"https?://www\.w3\.org/(Graphics/SVG/|TR/)[^\s]*\.dtd")


class InvalidSvg(ValueError):
    """An SVG that brochure will not hand to WeasyPrint; the message says why."""


@dataclass
class _Tree:
    """What the parser keeps of each element: its parent, its id and what it refers to."""

    parents: list[int] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    references: list[list[tuple[str, int]]] = field(default_factory=list)  # (id, times drawn)
    vertices: list[int] = field(default_factory=list)  # markers are drawn at each
    points: list[int] = field(default_factory=list)  # of a path, polyline or polygon; 0 for other elements
    shading: list[bool] = field(default_factory=list)  # a gradient: one shading, whatever its stops
    characters: list[int] = field(default_factory=list)  # of text drawn in each element itself
    stylesheet_references: list[tuple[str, bool]] = field(default_factory=list)  # (id, is a marker)


def check_svg(data: bytes) -> None:
    """Raise InvalidSvg unless `data` is an SVG brochure can hand to WeasyPrint."""
    tree = _parse(data)
    _check_expanded(tree)


def _parse(data: bytes) -> _Tree:
    try:
        return _parse_once(data)
    except _Doctype as doctype:
        # expat skips an entity it does not know when a DTD it has not read might define it (and
        # leaves it out of an attribute without a word); without the DOCTYPE, it is an error. The
        # DOCTYPE becomes blanks so that an error elsewhere keeps its line and column.
        start = data.rfind(b"<!DOCTYPE", 0, doctype.end)
        if start < 0:  # an encoding other than UTF-8 or ASCII: no DOCTYPE brochure can find
            raise InvalidSvg("it has a DOCTYPE declaration that brochure cannot read") from None
        blank = bytes(byte if byte in b"\r\n" else 0x20 for byte in data[start : doctype.end + 1])
        return _parse_once(data[:start] + blank + data[doctype.end + 1 :], doctype_read=True)


class _Doctype(Exception):
    """A DOCTYPE that declares nothing, ending at byte `end` (its `>`)."""

    def __init__(self, end: int) -> None:
        self.end = end


def _parse_once(data: bytes, *, doctype_read: bool = False) -> _Tree:
    reader = _Reader(doctype_read)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = lambda *args: reader.doctype(parser.CurrentByteIndex, *args)
    parser.EntityDeclHandler = reader.entity
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InvalidSvg(f"{expat.ErrorString(exc.code)} at line {exc.lineno}, column {exc.offset + 1}") from None
    return reader.tree


class _Reader:
    """expat's handlers: they refuse what may not be in the file and keep the _Tree of the rest."""

    def __init__(self, doctype_read: bool = False) -> None:
        self.doctype_read = doctype_read  # the DOCTYPE was read and blanked out
        self.tree = _Tree()
        self.open_elements: list[int] = []
        self.stylesheet: list[str] | None = None  # the text of the <style> element being read
        self.texts = 0  # <text> elements open: the characters inside are drawn

    def doctype(self, end: int, name: str, system_id: str | None, public_id: str | None, subset: int) -> None:
        if subset:
            raise InvalidSvg("its DOCTYPE declares entities or other markup ([…]), which brochure refuses")
        if system_id is not None and not _W3C_DTD.fullmatch(system_id):
            raise InvalidSvg(f"its DOCTYPE names a DTD other than the W3C's SVG DTD ({_quoted(system_id)})")
        if self.doctype_read:  # read again without the DOCTYPE, it can only be one brochure did not find
            raise InvalidSvg("it has a DOCTYPE declaration that brochure cannot read")
        raise _Doctype(end)

    def entity(self, *args: object) -> None:
        raise InvalidSvg("it declares an entity, which brochure refuses")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        index = self._bounded_index(namespace, local, attributes)
        tree = self.tree
        tree.parents.append(self.open_elements[-1] if self.open_elements else -1)
        element_id = attributes.get("id")
        if element_id is not None:
            tree.ids.setdefault(element_id, index)
        points = attributes.get("d") or attributes.get("points")
        pairs = len(_COORDINATE.findall(points)) // 2 if points else 0
        vertices = max(1, pairs)
        tree.vertices.append(vertices)
        tree.points.append(pairs)
        tree.references.append(_references(local, attributes, vertices))
        tree.shading.append(local.endswith("Gradient"))
        tree.characters.append(0)
        self.texts += local == "text"
        self.open_elements.append(index)
        self.stylesheet = [] if local == "style" else None

    def _bounded_index(self, namespace: str, local: str, attributes: dict[str, str]) -> int:
        """The index of the element that starts, once its root, nesting and number are within bounds."""
        if not self.open_elements:
            _check_root(namespace, local, attributes)
        if len(self.open_elements) >= MAX_DEPTH:
            raise InvalidSvg(f"its elements are nested more than {MAX_DEPTH} levels deep")
        index = len(self.tree.parents)
        if index >= MAX_ELEMENTS:
            raise InvalidSvg(f"it has more than {MAX_ELEMENTS:,} elements")
        return index

    def end(self, name: str) -> None:
        self.open_elements.pop()
        self.texts -= name.rpartition(" ")[2] == "text"
        if self.stylesheet:  # a stylesheet may give any element a marker, a pattern, a mask…
            css = "".join(self.stylesheet)
            markers = set(_MARKER_IN_CSS.findall(css))
            self.tree.stylesheet_references.extend((ref, ref in markers) for ref in _URL_REFERENCE.findall(css))
        self.stylesheet = None

    def text(self, chunk: str) -> None:
        if self.stylesheet is not None:  # expat may hand over a text in several pieces
            self.stylesheet.append(chunk)
        if self.texts:
            self.tree.characters[self.open_elements[-1]] += len(chunk)


def _check_root(namespace: str, local: str, attributes: dict[str, str]) -> None:
    if local == "svg" and not namespace:
        raise InvalidSvg(f'its root element <svg> has no xmlns="{SVG_NAMESPACE}"')
    if not (namespace == SVG_NAMESPACE and local == "svg"):
        shown = f"{{{namespace}}}{local}" if namespace else local
        raise InvalidSvg(f"its root element is <{shown}>, not <svg>")
    for name in ("width", "height"):
        value = attributes.get(name)
        if value is None or value.strip() == "auto":
            continue
        match = _LENGTH.fullmatch(value)
        if not match or not _coordinate(match[1]):
            raise InvalidSvg(f"the width or height of its <svg> is not a length: {name}={_quoted(value)}")
        if float(match[1]) < 0:
            raise InvalidSvg(f"the {name} of its <svg> is negative: {name}={_quoted(value)}")
    view_box = attributes.get("viewBox")
    if view_box is not None:
        match = _VIEWBOX.fullmatch(view_box)
        if not match or not all(_coordinate(number) for number in match.groups()):
            raise InvalidSvg(f"its viewBox is not four numbers (x y width height): viewBox={_quoted(view_box)}")
        width, height = float(match[3]), float(match[4])
        if width <= 0 or height <= 0:
            raise InvalidSvg(f"its viewBox has no area (a width or height of 0 or less): viewBox={_quoted(view_box)}")


def _coordinate(number: str) -> bool:
    value = float(number)
    return math.isfinite(value) and (value == 0 or 1 / MAX_COORDINATE <= abs(value) <= MAX_COORDINATE)


def _quoted(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _references(local: str, attributes: dict[str, str], vertices: int) -> list[tuple[str, int]]:
    """The ids an element draws, each with how often: <use href>, url(#id) in attributes and in style."""
    found: list[tuple[str, int]] = []
    href = attributes.get(XLINK_HREF) or attributes.get("href")
    if href and local == "image" and _draws_svg(href):
        # Drawn anew for each <image>, so one SVG inside another would multiply what each may draw.
        raise InvalidSvg(f"it draws another SVG (<image href={_quoted(href)}>); an SVG may draw PNG and JPEG images")
    if href and "#" in href and local not in ("image", "a"):  # an <image> names a file; an <a> is a link
        found.append((href.rpartition("#")[2], 1))
    for name, value in attributes.items():
        if "url(" not in value:
            continue
        markers = set(_MARKER_IN_CSS.findall(value)) if name == "style" else set()
        for reference in _URL_REFERENCE.findall(value):
            is_marker = name.startswith("marker") or reference in markers
            found.append((reference, vertices if is_marker else 1))
    return found


def _draws_svg(href: str) -> bool:
    href = href.strip().lower()
    if href.startswith("data:"):
        return "svg" in href.split(",", 1)[0]
    return href.split("#", 1)[0].split("?", 1)[0].endswith((".svg", ".svgz"))


def _check_expanded(tree: _Tree) -> None:
    """Refuse an SVG that refers to itself, or that draws too many or too deeply nested elements."""
    expansion = _Expansion(tree, _edges(tree))
    for root in range(len(expansion.edges)):
        expansion.walk(root)


_NEW, _OPEN, _DONE = 0, 1, 2  # an element not seen, being expanded (on the current path), expanded


class _Expansion:
    """What each element draws once every reference is followed: worked out once per element."""

    def __init__(self, tree: _Tree, edges: list[list[tuple[int, int]]]) -> None:
        count = len(edges)
        self.tree, self.edges = tree, edges
        self.drawn, self.depth, self.reference_depth = [0] * count, [0] * count, [0] * count
        self.characters, self.vertices = [0] * count, [0] * count
        self.state = [_NEW] * count

    def walk(self, root: int) -> None:
        """Expand `root` and what it draws, depth first, without recursion: the graph may be deep."""
        stack = [root]
        while stack:
            node = stack[-1]
            if self.state[node] == _NEW and self.tree.shading[node]:
                # Drawn as one shading: its stops and the gradients it inherits from are no drawing.
                self.state[node], self.drawn[node], self.depth[node] = _DONE, 1, 1
            if self.state[node] == _NEW:
                self.state[node] = _OPEN
                stack.extend(self._unseen_targets(node))
                continue
            stack.pop()
            if self.state[node] == _OPEN:
                self._finish(node)

    def _unseen_targets(self, node: int) -> list[int]:
        """What `node` draws that is not expanded yet; a target on the current path is a circle."""
        targets = []
        for target, _ in self.edges[node]:
            if self.state[target] == _OPEN:
                raise InvalidSvg(f"its references go round in a circle, through {_name(self.tree, target)}")
            if self.state[target] == _NEW:
                targets.append(target)
        return targets

    def _finish(self, node: int) -> None:
        """Count what `node` draws from what its targets draw, and refuse it past the limits."""
        self.state[node] = _DONE
        total, deepest, references, characters = 1, 0, 0, self.tree.characters[node]
        vertices = self.tree.points[node]
        for target, times in self.edges[node]:
            total += abs(times) * self.drawn[target]
            characters += abs(times) * self.characters[target]
            vertices += abs(times) * self.vertices[target]
            deepest = max(deepest, self.depth[target])
            references = max(references, self.reference_depth[target] + (times < 0))
        self.drawn[node] = min(total, MAX_ELEMENTS + 1)  # capped: ten levels of ten <use> would be 10^10
        self.characters[node] = min(characters, MAX_TEXT_CHARACTERS + 1)
        if self.characters[node] > MAX_TEXT_CHARACTERS:
            raise InvalidSvg(
                f"its texts are more than {MAX_TEXT_CHARACTERS:,} characters long once its references are followed"
            )
        self.vertices[node] = min(vertices, MAX_VERTICES + 1)
        if self.vertices[node] > MAX_VERTICES:
            raise InvalidSvg(f"its paths have more than {MAX_VERTICES:,} points once its references are followed")
        self.depth[node] = deepest + 1
        self.reference_depth[node] = references
        if self.drawn[node] > MAX_ELEMENTS:
            raise _too_many()
        if self.depth[node] > MAX_DEPTH:
            raise InvalidSvg(f"its elements are nested more than {MAX_DEPTH} deep once its references are followed")
        if references > MAX_REFERENCE_DEPTH:
            raise InvalidSvg(f"its references (<use>, url(#…)) are nested more than {MAX_REFERENCE_DEPTH} deep")


def _edges(tree: _Tree) -> list[list[tuple[int, int]]]:
    """For each element, what drawing it draws: (child, 1) and (referenced element, -times)."""
    count = len(tree.parents)
    # A stylesheet's url(#…) may apply to any element, so it is counted for each of them.
    styled = sorted({(ref, is_marker) for ref, is_marker in tree.stylesheet_references if ref in tree.ids})
    if count * len(styled) > MAX_ELEMENTS:
        raise _too_many()
    edges: list[list[tuple[int, int]]] = [[] for _ in range(count)]
    for index, parent in enumerate(tree.parents):
        if parent >= 0:
            edges[parent].append((index, 1))
        references = tree.references[index] + [
            (ref, tree.vertices[index] if marker else 1)
            for ref, marker in styled
            if not _inside(tree, index, tree.ids[ref])  # a pattern's own shapes do not fill it with itself
        ]
        for reference, times in references:
            target = tree.ids.get(reference)
            if target is not None:  # WeasyPrint draws nothing for an id that is not there
                edges[index].append((target, -times))
    return edges


def _inside(tree: _Tree, index: int, ancestor: int) -> bool:
    while index > ancestor:  # a parent comes before its children
        index = tree.parents[index]
    return index == ancestor


def _too_many() -> InvalidSvg:
    return InvalidSvg(f"it draws more than {MAX_ELEMENTS:,} elements once its references (<use>, url(#…)) are followed")


def _name(tree: _Tree, index: int) -> str:
    names = [name for name, found in tree.ids.items() if found == index]
    return f"#{names[0]}" if names else "an element without id"
