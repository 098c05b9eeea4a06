"""The version of brochure: a leaf, so that any module may name it without importing the build."""

__version__ = "0.1.0"
