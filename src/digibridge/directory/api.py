"""Directory endpoints: organisations, people, sectors, networks."""

from typing import Literal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from digibridge.common.api import READ_AUTH, WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import NotFoundError

from . import selectors, services
from .models import Network, Organisation, Person, Sector

router = Router(tags=["directory"])

OrgType = Literal["enterprise", "government", "association", "city", "research", "service_provider"]
Size = Literal["micro", "small", "medium", "large", ""]
ContentLanguage = Literal["en", "zh-hans", "es", "ca", ""]


class SectorOut(Schema):
    slug: str
    parent: str | None = Field(None, alias="parent.slug")
    label_en: str
    label_zh_hans: str
    label_es: str
    label_ca: str


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    names: dict[str, str]
    type: str
    country: str
    city: str
    website: str
    description: str
    description_language: str
    sectors: list[str]
    size: str
    languages: list[str]
    verified: bool
    status: str

    @staticmethod
    def resolve_country(obj: Organisation) -> str:
        return obj.country.code or ""

    @staticmethod
    def resolve_sectors(obj: Organisation) -> list[str]:
        return [s.slug for s in obj.sectors.all()]


class OrganisationIn(Schema):
    name: str = Field(..., min_length=2, max_length=200)
    names: dict[str, str] = {}
    type: OrgType = "enterprise"
    country: str = Field(..., min_length=2, max_length=2, description="ISO 3166 alpha-2")
    city: str = Field("", max_length=100)
    website: str = Field("", max_length=200)
    description: str = Field("", max_length=10000)
    description_language: ContentLanguage = ""
    sectors: list[str] = []
    size: Size = ""
    languages: list[str] = []


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=2, max_length=200)
    names: dict[str, str] | None = None
    type: OrgType | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    city: str | None = Field(None, max_length=100)
    website: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10000)
    description_language: ContentLanguage | None = None
    sectors: list[str] | None = None
    size: Size | None = None
    languages: list[str] | None = None


class OrganisationFilters(Schema):
    q: str = ""
    type: OrgType | Literal[""] = ""
    country: str = ""
    sector: str = ""
    network: str = ""


class PersonOut(Schema):
    """Contact details are null unless the caller may see them (see person_contact_visible)."""

    id: int
    organisation: int
    first_name: str
    last_name: str
    title: str
    languages: list[str]
    email: str | None = None
    phone: str | None = None

    @staticmethod
    def resolve_organisation(obj: Person) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_email(obj: Person, context) -> str | None:
        return obj.email if _contact_visible(obj, context) else None

    @staticmethod
    def resolve_phone(obj: Person, context) -> str | None:
        return obj.phone if _contact_visible(obj, context) else None


def _contact_visible(person: Person, context) -> bool:
    return selectors.person_contact_visible(person=person, viewer=actor(context["request"]))


class PersonIn(Schema):
    first_name: str = Field(..., min_length=1, max_length=100)
    last_name: str = Field(..., min_length=1, max_length=100)
    title: str = Field("", max_length=150)
    languages: list[str] = []
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    is_executive: bool = False


class PersonPatch(Schema):
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    title: str | None = Field(None, max_length=150)
    languages: list[str] | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    is_executive: bool | None = None


class NetworkMemberOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    organisation_name: str = Field(..., alias="organisation.name")
    role: str
    joined_on: str | None = None

    @staticmethod
    def resolve_joined_on(obj) -> str | None:
        return obj.joined_on.isoformat() if obj.joined_on else None


class NetworkOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    description: str
    member_count: int = 0


class NetworkDetailOut(NetworkOut):
    members: list[NetworkMemberOut]

    @staticmethod
    def resolve_members(obj: Network):
        return list(selectors.network_members(network=obj))


def _organisation(request, org_id: int) -> Organisation:
    org = selectors.organisations_visible_to(actor(request)).filter(pk=org_id).first()
    if org is None:
        raise NotFoundError("Organisation not found.")
    return org


@router.get("/sectors", response=list[SectorOut], auth=READ_AUTH)
def sector_list(request):
    """The whole sector taxonomy, parents before children."""
    return list(Sector.objects.select_related("parent").order_by("parent_id", "position"))


@router.get("/organisations", response=list[OrganisationOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    return selectors.organisation_search(user=actor(request), **filters.dict())


@router.get("/organisations/{org_id}", response=OrganisationOut, auth=READ_AUTH)
def organisation_detail(request, org_id: int):
    return _organisation(request, org_id)


@router.post("/organisations", response={201: OrganisationOut}, auth=WRITE_AUTH)
def organisation_create(request, payload: OrganisationIn):
    data = payload.dict()
    sectors = data.pop("sectors")
    data["country"] = data["country"].upper()
    return Status(201, services.organisation_create(by=actor(request), data=data, sectors=sectors))


@router.patch("/organisations/{org_id}", response=OrganisationOut, auth=WRITE_AUTH)
def organisation_update(request, org_id: int, payload: OrganisationPatch):
    org = _organisation(request, org_id)
    data = payload.dict(exclude_unset=True)
    sectors = data.pop("sectors", None)
    if data.get("country"):
        data["country"] = data["country"].upper()
    return services.organisation_update(
        organisation=org, by=actor(request), data=data, sectors=sectors
    )


@router.get("/organisations/{org_id}/people", response=list[PersonOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def organisation_people(request, org_id: int):
    from digibridge.privacy.consent import listed_for  # who withdrew consent is not listed

    return listed_for(_organisation(request, org_id).people.all(), viewer=actor(request))


@router.get("/people", response=list[PersonOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def person_list(request, q: str = ""):
    viewer = actor(request)
    orgs = selectors.organisations_visible_to(viewer)
    people = Person.objects.filter(organisation__in=orgs)
    q = q.strip()[:100]
    if q:
        people = people.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q))
    from digibridge.privacy.consent import listed_for  # who withdrew consent is not listed

    return listed_for(people, viewer=viewer).order_by("last_name", "first_name", "id")


@router.get("/people/{person_id}", response=PersonOut, auth=READ_AUTH)
def person_detail(request, person_id: int):
    viewer = actor(request)
    person = get_object_or_404(
        Person, pk=person_id, organisation__in=selectors.organisations_visible_to(viewer)
    )
    return person


@router.post("/organisations/{org_id}/people", response={201: PersonOut}, auth=WRITE_AUTH)
def person_create(request, org_id: int, payload: PersonIn):
    org = _organisation(request, org_id)
    return Status(
        201, services.person_create(organisation=org, by=actor(request), data=payload.dict())
    )


@router.patch("/people/{person_id}", response=PersonOut, auth=WRITE_AUTH)
def person_update(request, person_id: int, payload: PersonPatch):
    viewer = actor(request)
    person = get_object_or_404(
        Person, pk=person_id, organisation__in=selectors.organisations_visible_to(viewer)
    )
    return services.person_update(person=person, by=viewer, data=payload.dict(exclude_unset=True))


@router.get("/networks", response=list[NetworkOut], auth=READ_AUTH)
@paginate(LimitOffsetPagination)
def network_list(request):
    return selectors.networks_list()


@router.get("/networks/{slug}", response=NetworkDetailOut, auth=READ_AUTH)
def network_detail(request, slug: str):
    return get_object_or_404(selectors.networks_list(), slug=slug)
