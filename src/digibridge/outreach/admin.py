from django.contrib import admin

from .models import AbuseReport, Delegation, DelegationMember, Invitation


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    raw_id_fields = ["person"]
    extra = 1


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "leader", "event", "travel_from", "travel_to"]
    raw_id_fields = ["leader", "event", "created_by"]
    inlines = [DelegationMemberInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "event", "network", "status", "language", "reminder_count"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    raw_id_fields = ["event", "network", "organisation", "person", "registration", "invited_by"]
    readonly_fields = ["token"]


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    # Reports only: the conversation itself is read through the audited page.
    list_display = ["conversation", "reporter", "created_at", "resolved_at"]
    raw_id_fields = ["conversation", "reporter", "resolved_by"]
    readonly_fields = ["reason"]
