"""HTML: the layout's Jinja2 templates filled with the content (with its palette, fonts, QR codes
and the virtual URLs the renderer resolves)."""
