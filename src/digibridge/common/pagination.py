from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, *, per_page: int | None = None):
    """Return the requested page of ``queryset``; bad page numbers fall back, never 404/500."""
    paginator = Paginator(queryset, per_page or settings.DIGIBRIDGE_PAGE_SIZE)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
