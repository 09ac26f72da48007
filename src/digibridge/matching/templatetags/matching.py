from django import template

from ..presentation import reasons_text

register = template.Library()


@register.filter
def match_reasons(reasons) -> list[str]:
    return reasons_text(reasons)


@register.filter
def percent(score: float) -> int:
    return max(0, min(100, round(score * 100)))
