"""``digibridge match-train``: learn the fusion weights from users' match feedback."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Learn the matching engine's fusion weights from feedback (interested / not relevant)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-examples", type=int, default=20, help="least feedback needed (default 20)"
        )

    def handle(self, *args, min_examples: int, **options):
        from digibridge.matching.index_store import current_weights
        from digibridge.matching.services import fusion_weights_train

        before = current_weights()
        learned, examples = fusion_weights_train(min_examples=min_examples)
        if learned == before:
            self.stdout.write(
                f"{examples} feedback examples: not enough (or one-sided) to change the weights."
            )
            return
        self.stdout.write(f"Learned from {examples} feedback examples:")
        for name, value in learned.to_json().items():
            self.stdout.write(f"  {name:<13} {before.to_json()[name]:7.3f} → {value:7.3f}")
