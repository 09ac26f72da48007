"""Serving a conversation's attachment, once the caller checked the reader's permission."""

from django.http import FileResponse

from .models import Message


def attachment_response(message: Message) -> FileResponse:
    """The file as a download (never rendered inline: ``application/octet-stream``,
    ``nosniff``), under the name it was sent with."""
    response = FileResponse(
        message.attachment.open("rb"),
        as_attachment=True,
        filename=message.attachment_name or "attachment",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
