"""What makes a rendering press-ready: PDF/X-4 with the printing condition's profile as
output intent, images in CMYK through that profile, and an XMP identity that does not
change from one build to the next."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable
from urllib.parse import quote

import pydyf

from brochure.files.cache import Kept
from brochure.html.urls import ASSETS_URL
from brochure.render.overprint import overprint_black
from brochure.render.tidy import resolved
from brochure.sheet.colour import load_profile
from brochure.sheet.layout import Press
from brochure.sheet.pdfmeta import UNDATED
from brochure.sheet.softmask import split_alpha

PRESS_VARIANT = "pdf/x-4"
ICC_REGISTRY = "http://www.color.org"
# WeasyPrint's own DocumentID element: only there, since a title or an author may hold the same words.
_DOCUMENT_ID = re.compile(rb"(?<=<xmpMM:DocumentID>)xmp\.did:[0-9a-f-]{36}(?=</xmpMM:DocumentID>)")


def press_css(press: Press) -> str:
    """The stylesheet that makes the condition's profile WeasyPrint's CMYK space and output intent."""
    url = ASSETS_URL + quote(press.file)
    return f'@color-profile device-cmyk {{ src: url("{url}"); components: cyan, magenta, yellow, black }}'


def press_image_converter(press: Press, converted: Kept[tuple, bytes] | None = None) -> Callable[[str, bytes], bytes]:
    """A converter for the URL fetcher: SVG colours and raster images to CMYK through the profile.
    With `converted` (a render session's), each image is converted once, kept by profile and
    content, for as long as the session keeps it."""
    profile = load_profile(press.profile)

    def convert(image_type: str, data: bytes) -> bytes:
        key = (press.profile, press.builds, image_type, hashlib.sha256(data).digest())
        known = converted.get(key) if converted is not None else None
        if known is None:
            svg = image_type == "SVG"
            known = profile.svg_to_cmyk(data, dict(press.builds)) if svg else profile.image_to_cmyk(data)
            if converted is not None:
                converted.put(key, known)
        return known

    return convert


def stable_dates(metadata, date: dt.date | None, epoch: int | None) -> None:
    """Give the document a creation and modification date: PDF/X-4 would stamp the clock's time."""
    if date is None:
        moment = dt.datetime.fromtimestamp(epoch, dt.timezone.utc) if epoch is not None else None
        date = moment.date() if moment else UNDATED
    metadata.created = metadata.created or date.isoformat()
    metadata.modified = metadata.modified or date.isoformat()


def press_finisher(identifier: bytes, press: Press) -> Callable:
    """A WeasyPrint finisher that makes the XMP DocumentID derive from the PDF's /ID (WeasyPrint
    writes a random one), names the output condition as the ICC registry does, has transparency
    blended in DeviceCMYK and 100 % K text and rules overprinted."""
    document_id = b"xmp.did:" + str(uuid.UUID(bytes=hashlib.sha256(identifier).digest()[:16])).encode("ascii")

    def finish(document, pdf: pydyf.PDF) -> None:
        replaced = 0
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
                for index, chunk in enumerate(obj.stream):
                    if isinstance(chunk, bytes):
                        obj.stream[index], count = _DOCUMENT_ID.subn(document_id, chunk)
                        replaced += count
        if replaced != 1:
            raise RuntimeError(f"expected one XMP DocumentID from WeasyPrint, found {replaced}")
        # ISO 15930-7 identifies PDF/X-4 in the XMP, which WeasyPrint writes; older readers
        # (and pdfinfo) look in the Info dictionary too.
        pdf.info["GTS_PDFXVersion"] = pydyf.String("PDF/X-4")
        for intent in pdf.catalog.get("OutputIntents", ()):
            intent["OutputConditionIdentifier"] = pydyf.String(press.condition)
            intent["RegistryName"] = pydyf.String(ICC_REGISTRY)
            intent["OutputCondition"] = pydyf.String(load_profile(press.profile).description)
        _soft_masks(pdf)
        blend_in_device_cmyk(pdf)
        overprint_black(pdf)

    return finish


def blend_in_device_cmyk(pdf: pydyf.PDF) -> None:
    """Blend every transparency group, and every page of a document that draws transparency, in DeviceCMYK.

    WeasyPrint gives its groups the output profile's ICC space. A RIP then converts what a group holds
    from that profile to its own CMYK and back, so a K-only black comes out of a group in four inks
    (Ghostscript: 100 % K as C69 M67 Y65 K74); in DeviceCMYK the values as written reach the plates, as
    PDF/X means them to. A page's own group says so for the page: without one, its blending space is
    the reader's choice.
    """
    transparent = False
    for obj in pdf.objects:
        holder = obj.extra if isinstance(obj, pydyf.Stream) else obj
        if not isinstance(holder, dict):
            continue
        group = holder.get("Group")
        if isinstance(group, pydyf.Dictionary) and group.get("S") == "/Transparency":
            group["CS"] = "/DeviceCMYK"
            transparent = True
        states = resolved(pdf, resolved(pdf, holder.get("Resources", {})).get("ExtGState", {}))
        transparent = transparent or "SMask" in holder or any(_transparent(resolved(pdf, s)) for s in states.values())
    if not transparent:
        return
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
            obj["Group"] = pydyf.Dictionary({"Type": "/Group", "S": "/Transparency", "CS": "/DeviceCMYK"})


def _transparent(state) -> bool:
    """Whether a graphics state paints with transparency: an alpha below 1, a soft mask, a blend mode."""
    if not isinstance(state, dict):
        return False
    alphas = [state[key] for key in ("ca", "CA") if key in state]
    mask = state.get("SMask", "/None")
    return any(float(alpha) < 1 for alpha in alphas) or mask != "/None" or state.get("BM", "/Normal") != "/Normal"


def _soft_masks(pdf: pydyf.PDF) -> None:
    """Give each CMYK image that carries an alpha channel (see `softmask`) its /SMask, and drop the
    channel from the JPEG's bytes."""
    for obj in list(pdf.objects):
        if not (isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Image"):
            continue
        if obj.extra.get("Filter") != "/DCTDecode" or "SMask" in obj.extra:
            continue
        data = b"".join(chunk if isinstance(chunk, bytes) else chunk.data for chunk in obj.stream)
        width, height = obj.extra["Width"], obj.extra["Height"]
        jpeg, alpha = split_alpha(data, width, height)
        if alpha is None:
            continue
        mask = pydyf.Stream([alpha], _SOFT_MASK | {"Width": width, "Height": height})
        pdf.add_object(mask)
        obj.stream = [jpeg]
        obj.extra["SMask"] = mask.reference


# An image's alpha channel as a PDF image: one grey byte a pixel, deflated; no Interpolate key, so
# never smoothed by the reader (PDF/X readers may ignore it anyway).
_SOFT_MASK = {
    "Type": "/XObject",
    "Subtype": "/Image",
    "ColorSpace": "/DeviceGray",
    "BitsPerComponent": 8,
    "Filter": "/FlateDecode",
}
