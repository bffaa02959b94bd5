"""The response that carries an export (`core.sheets`) to the browser as an attachment."""

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from assessments.core.sheets import Content


def download(*, filename: str, content_type: str, content: Content) -> HttpResponseBase:
    """An attachment no cache keeps (exports carry people's answers).

    An Excel workbook arrives as a temporary file: FileResponse sends it in blocks (or the server's sendfile)
    and closes it, which removes it, when the response is closed. A CSV stream is sent as it is written;
    small bytes at once.
    """
    response: HttpResponseBase
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    elif hasattr(content, "read"):
        response = FileResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response
