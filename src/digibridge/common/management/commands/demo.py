"""``digibridge demo [--reset]``: load the Barcelona forum demo and print its logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demo programme: the 2025 Barcelona International Cooperation Forum with "
        "its organisations, partner cities, executives and opportunities."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo data first, then load it afresh"
        )

    def handle(self, *args, reset: bool, **options):
        from digibridge.demo import content
        from digibridge.demo.loader import load_demo

        counts = load_demo(reset=reset, progress=lambda message: self.stdout.write(message))
        if counts:
            self.stdout.write(
                self.style.SUCCESS(
                    "Loaded " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "."
                )
            )
        if counts:
            self._index_for_matching()
            from digibridge.cooperation.demo import load_cooperation_demo
            from digibridge.events.demo import load_event_demo
            from digibridge.marketplace.demo_orders import load_orders_demo
            from digibridge.outreach.demo import load_outreach_demo

            say = self.stdout.write
            events = load_event_demo(progress=say)
            cooperation = load_cooperation_demo(progress=say)
            orders = load_orders_demo(progress=say)
            outreach = load_outreach_demo(progress=say)
            self.stdout.write(
                self.style.SUCCESS(
                    "Loaded "
                    + ", ".join(
                        f"{n} {what}"
                        for what, n in {**events, **cooperation, **orders, **outreach}.items()
                    )
                    + "."
                )
            )
        self.stdout.write("Demo logins (e-mail / password):")
        for user in content.DEMO_USERS:
            self.stdout.write(f"  {user['role']:<10} {user['email']} / {user['password']}")

    def _index_for_matching(self) -> None:
        from digibridge.matching import engine
        from digibridge.matching.services import opportunity_vectors_refresh

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\rEmbedding opportunities for matching: {done}/{total}", ending="")

        try:
            opportunity_vectors_refresh(progress=progress)
        except engine.EngineError as exc:
            self.stdout.write(f"\nMatching unavailable ({exc}); the rest of the demo is loaded.")
            return
        self.stdout.write("")
