"""Select lists written out in Python (``recruitment.renderers``) are exactly what Django's
own templates write, for every kind of select the forms use."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from recruitment.named_choices import NamedSelect
from recruitment.renderers import FormRenderer


class Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "Chi bộ 1"), ("b", "Chi bộ 2")])
    grouped = forms.ChoiceField(
        choices=[
            ("Phường Phủ Lý", [("1", "Chi bộ Tổ dân phố số 3"), ("2", 'Chi bộ "Quang Trung"')]),
            ("Xã Kim Bảng", [("3", "Chi bộ <Thôn 1> & 2")]),
            ("4", "Không thuộc nhóm"),
        ]
    )
    many = forms.MultipleChoiceField(choices=[(1, "Một"), (2, "Hai"), (3, "Ba")])
    flag = forms.NullBooleanField()
    attributed = forms.ChoiceField(
        choices=[("x", "X")],
        widget=forms.Select(attrs={"class": "form-select", "disabled": True, "data-a": 'q"1'}),
    )


@pytest.mark.parametrize("value", [None, {"plain": "b", "grouped": "3", "many": ["1", "3"]}])
def test_select_lists_are_what_djangos_templates_give(value):
    ours = Choices(value, renderer=FormRenderer())
    django = Choices(value, renderer=DjangoTemplates())
    for name in Choices.base_fields:
        assert str(ours[name]) == str(django[name]), name
    assert 'label="Xã Kim Bảng"' in str(ours["grouped"])
    assert "Chi bộ &lt;Thôn 1&gt; &amp; 2" in str(ours["grouped"])
    assert 'value="2">Chi bộ &quot;Quang Trung&quot;</option>' in str(ours["grouped"])


def test_the_settings_use_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "recruitment.renderers.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)


class Named(forms.Form):
    """As the filter forms offer organisations and cells: (id, name) pairs after an empty
    choice, some names with characters HTML escapes."""

    CHOICES = [("", "---------"), (5, "Chi bộ 1"), (12, 'Chi bộ "Quang Trung"'), (7, "A <&> B")]
    ours = forms.ChoiceField(choices=CHOICES, required=False, widget=NamedSelect)
    django = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.Select)
    ours_styled = forms.ChoiceField(
        choices=CHOICES, widget=NamedSelect(attrs={"class": "select form-select", "data-x": "1"})
    )
    django_styled = forms.ChoiceField(
        choices=CHOICES, widget=forms.Select(attrs={"class": "select form-select", "data-x": "1"})
    )


@pytest.mark.parametrize("chosen", [None, "", "12", "7", "99", "abc"])
def test_a_named_select_writes_what_djangos_select_writes(chosen):
    data = None if chosen is None else dict.fromkeys(Named.base_fields, chosen)
    form = Named(data, renderer=DjangoTemplates())
    assert str(form["ours"]).replace("ours", "NAME") == str(form["django"]).replace(
        "django", "NAME"
    )
    assert str(form["ours_styled"]).replace("ours_styled", "NAME") == str(
        form["django_styled"]
    ).replace("django_styled", "NAME")
    if chosen == "12":
        assert '<option value="12" selected>Chi bộ &quot;Quang Trung&quot;</option>' in str(
            form["ours"]
        )
