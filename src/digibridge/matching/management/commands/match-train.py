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
        learned, examples, report = fusion_weights_train(min_examples=min_examples)
        for name, accuracy in report.items():
            if accuracy is not None:
                self.stdout.write(f"  cross-validated pairwise accuracy, {name}: {accuracy:.3f}")
        if learned == before:
            self.stdout.write(
                f"{examples} feedback examples: the weights in use stay (too little feedback, "
                "or nothing learned from it ranks the judged pairs better)."
            )
            return
        self.stdout.write(f"Learned from {examples} feedback examples:")
        for name, value in learned.to_json().items():
            self.stdout.write(f"  {name:<13} {before.to_json()[name]:7.3f} → {value:7.3f}")
