"""The QR code of a customer link, drawn on the server as SVG (printable, no script, no image request)."""

import io

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    """An SVG <svg> element of the URL's QR code (error correction M: still reads with a smudge or a fold)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    text = buffer.getvalue().decode()
    # Without the XML declaration, to place it inline in HTML. Safe: the library's own markup of paths only
    # (the URL is encoded in the modules, never written as text).
    return mark_safe(text[text.index("<svg") :])  # noqa: S308
