from django.core.serializers.json import DjangoJSONEncoder


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Store non-ASCII text as itself, so that text search inside JSON values (names in
    Chinese) works on SQLite as it does on PostgreSQL."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)
