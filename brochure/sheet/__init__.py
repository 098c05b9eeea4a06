"""The sheet: a layout's fold geometry, how each edition imposes its panels on pages, colour
(the CMYK output profile and the palette), and what a PDF records of how it was made (the
conventions the templates write and the checks read back)."""
