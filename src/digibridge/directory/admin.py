from django.contrib import admin

from .models import (
    Network,
    NetworkMembership,
    Organisation,
    OrganisationMember,
    Person,
    Sector,
    ServiceCentre,
)


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["slug", "label_en", "label_zh_hans", "label_es", "label_ca", "parent"]


class MemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country", "centre", "status", "verified"]
    list_filter = ["type", "status", "verified", "centre", "country"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    inlines = [MemberInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "title", "organisation"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["organisation", "user"]


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    inlines = [NetworkMembershipInline]
