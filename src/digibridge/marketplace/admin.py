from django.contrib import admin

from .models import ExchangeRate, Opportunity, Rfq, RfqResponse


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "kind", "category", "status", "visibility", "typical"]
    list_filter = ["kind", "category", "status", "visibility", "typical", "language"]
    search_fields = ["title", "description"]
    raw_id_fields = ["owner", "created_by"]
    filter_horizontal = ["sectors"]


@admin.register(Rfq)
class RfqAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "response_deadline", "status", "sealed", "eligibility"]
    list_filter = ["status", "sealed", "eligibility"]
    raw_id_fields = ["opportunity", "opened_by", "network"]
    filter_horizontal = ["invited"]


@admin.register(RfqResponse)
class RfqResponseAdmin(admin.ModelAdmin):
    list_display = ["rfq", "supplier", "kind", "price", "currency", "status"]
    list_filter = ["status", "kind", "currency"]
    raw_id_fields = ["rfq", "supplier", "offer", "submitted_by", "agreement", "follow_up"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "rate_to_eur", "valid_from", "set_by"]
    list_filter = ["currency"]
    raw_id_fields = ["set_by"]
