from django.core.management.base import BaseCommand

from digibridge.events.services import meeting_requests_expire_due


class Command(BaseCommand):
    help = "Mark unanswered meeting requests past their deadline as expired (run it hourly)."

    def handle(self, *args, **options):
        count = meeting_requests_expire_due()
        self.stdout.write(f"{count} meeting request(s) expired")
