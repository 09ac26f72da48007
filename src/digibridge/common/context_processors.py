from django.conf import settings


def platform(request):
    return {
        "PLATFORM_NAME": "DigiBridge",
        "PLATFORM_TIME_ZONES": settings.PLATFORM_TIME_ZONES,
    }
