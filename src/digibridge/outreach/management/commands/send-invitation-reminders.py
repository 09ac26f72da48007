from django.core.management.base import BaseCommand

from digibridge.outreach.services import invitations_remind


class Command(BaseCommand):
    help = "Remind invitees who have not answered (at most once every few days, three times)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after-days", type=int, default=3, help="days since the last e-mail before reminding"
        )

    def handle(self, *args, **options):
        count = invitations_remind(after_days=options["after_days"])
        self.stdout.write(f"{count} reminder(s) queued")
