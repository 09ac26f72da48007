"""``{% load rich_text %}{{ value|rich_text }}``: user-written HTML, sanitised (nh3)."""

from django import template

from digibridge.common.security import sanitize_html

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value):
    """Render user HTML with only harmless formatting kept; never use ``|safe`` on user text."""
    return sanitize_html(str(value) if value is not None else "")
