"""The folder-independent URLs by which the HTML names files, and which the renderer's fetcher maps
back to real files (`brochure.render.fetcher`)."""

# The HTML names files by these folder-independent URLs, so that nothing in the PDF
# (WeasyPrint names raster images after their URL, the /ID hashes the HTML) depends on
# where the project or brochure lives; the fetcher maps them back to real files.
VIRTUAL_ROOT = "/.brochure/"
PROJECT_URL = f"file://{VIRTUAL_ROOT}project/"  # + a path relative to the project folder
ASSETS_URL = f"file://{VIRTUAL_ROOT}assets/"  # + a path in the assets: the project's, else brochure's
LAYOUTS_URL = f"file://{VIRTUAL_ROOT}layouts/"  # + a path in the layouts: the project's, else brochure's
