"""``{% own_registration event as registration %}``: the viewer's registration for the event
(or None), so that the event navigation links only the pages that exist for this viewer."""

from django import template

from digibridge.events import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def own_registration(context, event):
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.registration_of(user=user, event=event)
