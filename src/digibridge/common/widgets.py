"""Select widgets for long choice lists (countries, sectors), rendered in Python.

Django's ``Select`` renders ``select.html``, which includes ``select_option.html`` and
``attrs.html`` once per option: with ~250 countries and the sector taxonomy that is several
hundred ``{% include %}`` and ``{% for %}`` renders per page, most of the Python CPU of the
directory's search page. These widgets build the same context (``get_context``, so the
options, their values, the selected state, the empty choice, optgroups and the ``required``,
``multiple`` and ``id`` attributes come from Django's own code) and write the markup of
Django's stock templates directly, byte for byte, escaping every value as the templates do.

A subclass that sets its own ``template_name`` or ``option_template_name`` gets the template
rendering back. The project's form renderer is Django's default, so the stock widget templates
are the ones in use; if a project-wide override of ``django/forms/widgets/select.html`` is ever
added, these widgets will not follow it.
"""

from __future__ import annotations

import html

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _escape(value) -> str:
    """``conditional_escape``, with a shortcut for plain strings (most labels and values).

    For an exact ``str`` both are ``html.escape``; the shortcut skips ``keep_lazy``'s
    argument checks, which cost more than the escaping itself on a list of 250 options.
    """
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


def _attrs_html(attrs: dict) -> str:
    """The output of ``django/forms/widgets/attrs.html``: insertion order, ``True`` as a bare
    name, ``False`` left out, anything else (``None`` included) as ``name="value"``.

    ``str()`` stands for the templates' ``stringformat:'s'``: it keeps a safe string safe.
    """
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_escape(name)}")
        else:
            parts.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(parts)


def _label_html(label) -> str:
    # ``{{ label }}`` in a template: localised (numbers, dates), then escaped unless safe.
    return _escape(label if type(label) is str else localize(label))


def render_select(widget: dict) -> SafeString:
    """The markup of Django's ``select.html`` for a ``Select`` widget context (``widget``)."""
    parts = [f'<select name="{_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_label_html(group_name)}">')
        for option in group_choices:
            value = _escape(str(option["value"]))
            attrs = _attrs_html(option["attrs"]) if option["attrs"] else ""
            parts.append(
                f'\n  <option value="{value}"{attrs}>{_label_html(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value in it is escaped above)


class _PythonRenderedSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        if (
            self.template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        return render_select(self.get_context(name, value, attrs)["widget"])


class LargeSelect(_PythonRenderedSelectMixin, forms.Select):
    """``forms.Select`` with the same markup, for long choice lists."""


class LargeSelectMultiple(_PythonRenderedSelectMixin, forms.SelectMultiple):
    """``forms.SelectMultiple`` with the same markup, for long choice lists."""
