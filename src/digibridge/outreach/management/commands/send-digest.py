from django.core.management.base import BaseCommand

from digibridge.outreach.services import digest_send_all


class Command(BaseCommand):
    help = "E-mail each user the new matches of their organisations' open opportunities."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="count matches published in the last N days"
        )

    def handle(self, *args, **options):
        count = digest_send_all(days=options["days"])
        self.stdout.write(f"{count} digest(s) queued")
