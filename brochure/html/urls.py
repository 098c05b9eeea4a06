"""The folder-independent URLs by which the HTML names files, and which the renderer's fetcher maps
back to real files (`brochure.render.fetcher`)."""

# The HTML names files by these folder-independent URLs, so that nothing in the PDF
# (WeasyPrint names raster images after their URL, the /ID hashes the HTML) depends on
# where the project or brochure lives; the fetcher maps them back to real files.
VIRTUAL_ROOT = "/.brochure/"
PROJECT_URL = f"file://{VIRTUAL_ROOT}project/"  # + a path relative to the project folder
ASSETS_URL = f"file://{VIRTUAL_ROOT}assets/"  # + a path in the assets: the project's, else brochure's
LAYOUTS_URL = f"file://{VIRTUAL_ROOT}layouts/"  # + a path in the layouts: the project's, else brochure's

# A photo's URL may ask for the photo cut to its frame: `?frame=<ratio>,<x>,<y>` (width / height,
# and the focus as fractions of the width and height); the fetcher cuts it (`files.photos`).
FRAME_QUERY = "frame="


def framed(url: str, ratio: float, focus: tuple[float, float]) -> str:
    """`url` of a photo, asking for it cut to a frame of `ratio` around `focus`."""
    return f"{url}?{FRAME_QUERY}{ratio:.4f},{focus[0]:.4f},{focus[1]:.4f}"


def frame_of(query: str) -> tuple[float, tuple[float, float]] | None:
    """The frame a URL's query asks for, or None; a query that is no frame is None too."""
    if not query.startswith(FRAME_QUERY):
        return None
    try:
        ratio, x, y = (float(part) for part in query[len(FRAME_QUERY) :].split(","))
    except ValueError:
        return None
    return ratio, (x, y)
