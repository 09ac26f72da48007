from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MeetingOutcome, Registration
from .selectors import slot_key


class RegistrationForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"), choices=[])
    participant_type = forms.ChoiceField(
        label=_("Participant type"), choices=Registration.ParticipantType.choices
    )
    takes_meetings = forms.BooleanField(
        label=_("I take part in 1:1 meetings"), required=False, initial=True
    )
    consent_listed = forms.BooleanField(
        label=_("List me in the participant list (other approved participants see my name)"),
        required=False,
        initial=True,
    )
    available_slots = forms.MultipleChoiceField(
        label=_("Meeting slots I can attend"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if you can attend every slot."),
    )

    def __init__(self, *args, organisations=(), event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
        choices = []
        if event is not None:
            for block in event.blocks.all():
                for index, start, end in block.slots():
                    start = timezone.localtime(start, event.tz)
                    end = timezone.localtime(end, event.tz)
                    label = f"{block.name} {start:%H:%M}–{end:%H:%M}"
                    choices.append((slot_key(block.pk, index), label))
        self.fields["available_slots"].choices = choices
        if not choices:
            del self.fields["available_slots"]


class RegistrationEditForm(RegistrationForm):
    """What participants change themselves: slots, 1:1 participation, listing consent."""

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        del self.fields["organisation"]
        del self.fields["participant_type"]


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("What would you like to talk about?"),
    )
    opportunity = forms.ChoiceField(label=_("About the opportunity"), required=False, choices=[])

    def __init__(self, *args, opportunities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", "—")] + [
            (str(o.pk), f"{o.owner.name}: {o.title}") for o in opportunities
        ]


class OutcomeForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("Did the meeting take place?"), choices=MeetingOutcome.Attendance.choices
    )
    interest = forms.ChoiceField(label=_("Interest"), choices=MeetingOutcome.Interest.choices)
    next_step = forms.ChoiceField(
        label=_("Next step"), choices=MeetingOutcome.NextStep.choices, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
