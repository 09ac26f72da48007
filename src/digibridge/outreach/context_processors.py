from .notifications import unread_count


def unread(request):
    """``OUTREACH_UNREAD``: the number of unread notifications (one query, only when logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"OUTREACH_UNREAD": 0}
    return {"OUTREACH_UNREAD": unread_count(user)}
