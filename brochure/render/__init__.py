"""Rendering: the only stage that imports WeasyPrint. HTML laid out and written as reproducible
PDF bytes (`pdf`), through a fetcher that reads only what a build may read; press-ready
PDF/X-4 (`press`), printer's marks, and what the layout declares meant to bleed.

`setting/` decides how the text is set before it is written (facing levelling, fitting,
hyphenation ladders); `warm/` holds what only buys speed (kept layouts, work done aside,
parsed hyphenation dictionaries)."""
