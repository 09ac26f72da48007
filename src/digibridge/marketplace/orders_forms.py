from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibridge.directory.models import Network, Organisation

from .models import Opportunity, Rfq, RfqQuestion, RfqResponse

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def deadline_field(help_text) -> forms.DateTimeField:
    """A deadline typed in the viewer's time zone (a browser date-and-time picker)."""
    return forms.DateTimeField(
        label=_("Response deadline"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=help_text,
    )


class RfqOpenForm(forms.Form):
    response_deadline = deadline_field(_("In your time zone, shown at the bottom of the page."))
    sealed = forms.BooleanField(
        label=_("Sealed responses (you see them only after the deadline)"), required=False
    )
    budget_visible = forms.BooleanField(label=_("Show the budget to suppliers"), required=False)
    eligibility = forms.ChoiceField(label=_("Who may respond"), choices=Rfq.Eligibility.choices)
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.order_by("name"), required=False
    )
    invited = forms.ModelMultipleChoiceField(
        label=_("Invited organisations"),
        queryset=Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name"),
        required=False,
    )
    max_responses = forms.IntegerField(label=_("Cap on responses"), min_value=1, required=False)


class RfqRulesForm(forms.Form):
    """What may change after opening: all in the suppliers' favour (see
    ``orders_services.rfq_change_rules``)."""

    response_deadline = deadline_field(
        _("In your time zone, shown at the bottom of the page. Only later.")
    )
    max_responses = forms.IntegerField(
        label=_("Cap on responses"),
        min_value=1,
        required=False,
        help_text=_("Only higher; leave empty for no cap."),
    )
    budget_visible = forms.BooleanField(label=_("Show the budget to suppliers"), required=False)

    @staticmethod
    def initial_for(rfq: Rfq) -> dict:
        from django.utils import timezone

        return {
            "response_deadline": timezone.localtime(rfq.response_deadline).replace(
                second=0, microsecond=0
            ),
            "max_responses": rfq.max_responses,
            "budget_visible": rfq.budget_visible,
        }


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Answer type"), choices=RfqQuestion.Kind.choices)
    choices = forms.CharField(label=_("Choices (comma-separated)"), max_length=2000, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


QuestionFormSet = forms.formset_factory(QuestionForm, extra=3, max_num=30)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ResponseForm(forms.Form):
    """The fixed fields of a response plus one ``answer_<id>`` field per question."""

    kind = forms.ChoiceField(label=_("Kind"), choices=RfqResponse.Kind.choices)
    message = forms.CharField(
        label=_("Your response"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
        help_text=_("In English, Chinese, Spanish or Catalan."),
    )
    price = forms.DecimalField(
        label=_("Price"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Opportunity.Currency.choices)
    terms = forms.CharField(
        label=_("Terms"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0, required=False)
    offer = forms.ChoiceField(label=_("Your offer it answers with"), choices=[], required=False)
    documents = MultipleFileField(label=_("Documents"), required=False)

    def __init__(self, *args, rfq: Rfq, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(rfq.questions.all())
        self.fields["offer"].choices = [("", "—"), *[(str(o.pk), o.title) for o in offers]]
        for question in self.questions:
            name = f"answer_{question.pk}"
            label = question.text
            kind = question.kind
            if kind == RfqQuestion.Kind.NUMBER:
                field = forms.DecimalField(label=label, required=False)
            elif kind == RfqQuestion.Kind.YES_NO:
                field = forms.ChoiceField(
                    label=label,
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                    required=False,
                )
            elif kind == RfqQuestion.Kind.CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[("", "—"), *[(c, c) for c in question.choices]],
                    required=False,
                )
            elif kind == RfqQuestion.Kind.FILE:
                field = forms.FileField(label=label, required=False)
            else:
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 2}), required=False
                )
            # Required answers are checked by the service: an expression of interest needs none.
            field.widget.attrs["data-required"] = "1" if question.required else "0"
            self.fields[name] = field

    def answer_fields(self):
        return [self[f"answer_{q.pk}"] for q in self.questions]

    def service_input(self) -> tuple[dict, dict, dict, list]:
        data = self.cleaned_data
        fixed = {k: data.get(k) for k in ("kind", "message", "price", "currency", "terms")}
        fixed["lead_time_days"] = data.get("lead_time_days")
        answers, files = {}, {}
        for question in self.questions:
            value = data.get(f"answer_{question.pk}")
            if question.kind == RfqQuestion.Kind.FILE:
                if value:
                    files[question.pk] = value
            else:
                answers[question.pk] = value
        return fixed, answers, files, list(data.get("documents") or [])

    @staticmethod
    def initial_for(response: RfqResponse) -> dict:
        initial = {
            "kind": response.kind,
            "message": response.message,
            "price": response.price,
            "currency": response.currency,
            "terms": response.terms,
            "lead_time_days": response.lead_time_days,
            "offer": str(response.offer_id or ""),
        }
        for answer in response.answers.all():
            name = f"answer_{answer.question_id}"
            if answer.number is not None:
                initial[name] = answer.number
            elif answer.yes is not None:
                initial[name] = "yes" if answer.yes else "no"
            else:
                initial[name] = answer.text
        return initial


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason, for the supplier"), max_length=500)


class AwardForm(forms.Form):
    signed = forms.BooleanField(label=_("The order is already signed"), required=False)
    signed_on = forms.DateField(
        label=_("Signing date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ClarificationForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ClarificationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ExchangeRateForm(forms.Form):
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[c for c in Opportunity.Currency.choices if c[0] != "EUR"]
    )
    rate_to_eur = forms.DecimalField(
        label=_("Value of one unit in EUR"), max_digits=16, decimal_places=8, min_value=0
    )
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
