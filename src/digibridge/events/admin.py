from django.contrib import admin

from .models import (
    AgendaSession,
    Event,
    Meeting,
    MeetingBlock,
    MeetingRequest,
    Registration,
    TableHost,
)


class AgendaSessionInline(admin.TabularInline):
    model = AgendaSession
    extra = 0
    fields = ["kind", "title", "room", "start", "end", "capacity"]


class MeetingBlockInline(admin.TabularInline):
    model = MeetingBlock
    extra = 0
    fields = ["name", "start", "end", "slot_minutes", "tables", "self_booking"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "city", "status"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["host"]
    filter_horizontal = ["co_hosts"]
    inlines = [AgendaSessionInline, MeetingBlockInline]


@admin.register(AgendaSession)
class AgendaSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "kind", "start", "room"]
    list_filter = ["kind"]
    raw_id_fields = ["event"]
    filter_horizontal = ["speakers", "organisations"]


@admin.register(MeetingBlock)
class MeetingBlockAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "start", "end", "slot_minutes", "tables", "published_at"]


@admin.register(TableHost)
class TableHostAdmin(admin.ModelAdmin):
    list_display = ["block", "table", "registration"]
    raw_id_fields = ["registration"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "event", "participant_type", "status"]
    list_filter = ["status", "participant_type"]
    search_fields = ["person__first_name", "person__last_name", "organisation__name"]
    raw_id_fields = ["person", "organisation", "event", "created_by"]
    exclude = ["checkin_token", "feed_token"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "event", "status", "expires_at"]
    list_filter = ["status"]
    raw_id_fields = ["sender", "recipient", "event", "opportunity"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["block", "slot", "table", "status", "locked", "brokered"]
    list_filter = ["status", "locked", "brokered"]
    readonly_fields = ["block", "slot", "table", "request"]  # seats follow the services' rules
