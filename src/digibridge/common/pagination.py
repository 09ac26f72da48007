from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .counting import listing_count


class CountingPaginator(Paginator):
    """A paginator whose total comes from :func:`~.counting.listing_count` for querysets."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return listing_count(self.object_list)
        return super().count


def paginate(request, queryset, *, per_page: int | None = None):
    """Return the requested page of ``queryset``; bad page numbers fall back, never 404/500."""
    paginator = CountingPaginator(queryset, per_page or settings.DIGIBRIDGE_PAGE_SIZE)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
