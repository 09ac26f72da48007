"""Privacy endpoints: your consent, your data export, the audit log for operators."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from digibridge.accounts.services import audit
from digibridge.common.api import WRITE_AUTH, LimitOffsetPagination, actor
from digibridge.common.errors import PermissionDeniedError
from digibridge.directory.selectors import is_operator, operator_centre

from . import selectors, services
from .export import personal_data
from .models import ConsentRecord

router = Router(tags=["privacy"])


class ConsentOut(Schema):
    purpose: str
    granted: bool
    decided: bool = Field(..., description="false: never decided, the platform's default applies")
    changed_at: dt.datetime | None


class ConsentIn(Schema):
    listed: bool | None = None
    share_contacts: bool | None = None
    email: bool | None = None


class AuditEntryOut(Schema):
    id: int
    created_at: dt.datetime
    actor: int | None = Field(None, alias="actor_id")
    action: str
    object_type: str
    object_id: str
    detail: dict


def _consents(user) -> list[dict]:
    return [
        {
            "purpose": item["purpose"],
            "granted": item["granted"],
            "decided": item["record"] is not None,
            "changed_at": item["record"].created_at if item["record"] else None,
        }
        for item in selectors.consent_overview(user=user)
    ]


@router.get("/privacy/consents", response=list[ConsentOut], auth=WRITE_AUTH)
def consent_list(request):
    return _consents(actor(request))


@router.patch("/privacy/consents", response=list[ConsentOut], auth=WRITE_AUTH)
def consent_update(request, payload: ConsentIn):
    user = actor(request)
    choices = {k: v for k, v in payload.dict().items() if v is not None}
    services.consents_set(user=user, by=user, choices=choices, source=ConsentRecord.Source.API)
    return _consents(user)


@router.get("/privacy/export", response=dict, auth=WRITE_AUTH)
def export(request):
    """Everything the platform holds about you (the same JSON as the privacy page's download)."""
    user = actor(request)
    data = personal_data(user=user)
    audit(actor=user, action="privacy.export", obj=user)
    return data


@router.get("/audit", response=list[AuditEntryOut], auth=WRITE_AUTH)
@paginate(LimitOffsetPagination)
def audit_list(
    request,
    who: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """The audit log, newest first (operators only). ``who``: an e-mail address, a name or a
    user id; ``action``: an action or its prefix ("agreement")."""
    if not is_operator(actor(request)):
        raise PermissionDeniedError(_("Only operators read the audit log."))
    return selectors.audit_search(
        actor=who,
        action=action,
        object_type=object_type,
        object_id=object_id,
        date_from=date_from,
        date_to=date_to,
        centre=operator_centre(actor(request)),
    )
