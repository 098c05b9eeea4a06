"""Content: a project's content file loaded and checked against its schema, and event files
merged over it."""

from brochure.content.load import Content, load_content

__all__ = ["Content", "load_content"]
