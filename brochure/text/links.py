"""How an address of the content is printed and linked: a URL without its scheme, a phone number
as a `tel:` link. The templates print them so, and the checks expect them so."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_label(url: str) -> str:
    """A URL as printed: without scheme and trailing slash, with any query and fragment."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    label = (parts.netloc + parts.path).rstrip("/")
    return label + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def tel_uri(phone: str) -> str:
    """A `tel:` link of a phone number as printed: digits and a leading +, without a national '(0)'."""
    number = phone.strip()
    if number.startswith("+"):
        number = number.replace("(0)", "")
    digits = "".join(ch for ch in number if ch.isdigit())
    return "tel:" + ("+" if number.startswith("+") else "") + digits
