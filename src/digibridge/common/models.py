from __future__ import annotations

from django.db import models
from django.utils.translation import get_language


class LabelledInUILanguages(models.Model):
    """A catalogue entry (sector, service) labelled in the four UI languages."""

    label_en = models.CharField(max_length=120)
    label_zh_hans = models.CharField(max_length=120)
    label_es = models.CharField(max_length=120)
    label_ca = models.CharField(max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    def label_in(self, language: str | None) -> str:
        field = "label_" + (language or "en").replace("-", "_").lower()
        return getattr(self, field, None) or self.label_en

    @property
    def label(self) -> str:
        return self.label_in(get_language())
