# brochure in a container, for machines where Pango and Ghostscript are hard to install (Windows, macOS):
#   docker build -t brochure .
#   docker run --rm -v "$PWD:/work" brochure build
# The project folder is mounted at /work; brochure reads content.yaml there and writes out/ beside it.
FROM python:3.12-slim-bookworm

# The same system packages the README lists for Debian (the image brings its own Python, so no python3-venv):
# Pango lays out the text, libharfbuzz-subset0 subsets the fonts, Ghostscript measures the ink of the print PDF.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ghostscript \
    && rm -rf /var/lib/apt/lists/*

# The wheel carries the layouts, assets and examples, so the source is not needed once installed.
COPY . /tmp/brochure-source
RUN pip install --no-cache-dir /tmp/brochure-source && rm -rf /tmp/brochure-source

# A writable cache whatever user the container runs as (`docker run --user`).
ENV XDG_CACHE_HOME=/tmp/cache
WORKDIR /work
ENTRYPOINT ["brochure"]
CMD ["build"]
