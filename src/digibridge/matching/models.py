from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from digibridge.marketplace.models import Opportunity


class OpportunityVector(models.Model):
    """The stored embedding of an opportunity's text, so that every app server and worker
    builds its in-memory index from the database instead of re-embedding."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    vector = models.BinaryField()  # float32, little-endian, 512 values
    text_hash = models.CharField(max_length=64)
    language = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vector of {self.opportunity_id}"


class IndexEvent(models.Model):
    """An append-only log of index changes. Each process applies the events after the last
    one it has seen, so several app servers stay in step without sharing memory."""

    class Action(models.TextChoices):
        UPSERT = "upsert", "upsert"
        REMOVE = "remove", "remove"
        REBUILD = "rebuild", "rebuild"
        WEIGHTS = "weights", "weights"

    opportunity_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action} {self.opportunity_id}"


class MatchFeedback(models.Model):
    """A user's verdict on one suggested counterpart for one of their opportunities."""

    class Verdict(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        NOT_RELEVANT = "not_relevant", _("Not relevant")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_feedback"
    )
    source = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=20, choices=Verdict)
    features = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source", "target"], name="unique_match_feedback"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id}→{self.target_id}: {self.verdict}"


class MatchOverride(models.Model):
    """An operator's decision on a pair, for everyone: pin it to the top or hide it."""

    class Action(models.TextChoices):
        PIN = "pin", _("Pinned")
        HIDE = "hide", _("Hidden")

    source = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_match_override")
        ]

    def __str__(self) -> str:
        return f"{self.source_id}→{self.target_id}: {self.action}"


class FusionWeights(models.Model):
    """Fusion weights learned from feedback (``digibridge match-train``); the newest is used."""

    weights = models.JSONField()
    examples = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"weights of {self.created_at:%Y-%m-%d %H:%M} ({self.examples} examples)"
