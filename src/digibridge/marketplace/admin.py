from django.contrib import admin

from .models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "kind", "category", "status", "visibility", "typical"]
    list_filter = ["kind", "category", "status", "visibility", "typical", "language"]
    search_fields = ["title", "description"]
    raw_id_fields = ["owner", "created_by"]
    filter_horizontal = ["sectors"]
