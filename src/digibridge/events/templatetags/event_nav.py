"""Template tags of the event navigation, so that it links only the pages that exist for
this viewer: ``{% own_registration event as own %}`` (the viewer's registration for the event,
or None) and ``{% manages_event event as can_manage %}`` (whether the viewer manages it)."""

from django import template

from digibridge.events import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def own_registration(context, event):
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.registration_of(user=user, event=event)


@register.simple_tag(takes_context=True)
def manages_event(context, event):
    """Whether the viewer manages the event (an operator only for the events of their centre)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and selectors.can_manage_event(user, event)
