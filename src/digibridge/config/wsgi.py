import os

from digibridge.config.math_threads import one_thread_per_request

one_thread_per_request()  # before Django loads the apps, and numpy with them

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
application = get_wsgi_application()
