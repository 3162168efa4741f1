"""`self.cleaned_data["x"]` in a form's own clean_x() is the form's field, not a second one named by the method
(audit17 #04)."""

from __future__ import annotations

MODELS = """
    from django.db import models

    class PublicAuthority(models.Model):
        name = models.CharField(max_length=255)
        fax = models.CharField(max_length=50, blank=True)
"""
FORMS = """
    from django import forms

    from .models import PublicAuthority

    class AuthorityProposalForm(forms.ModelForm):
        class Meta:
            model = PublicAuthority
            fields = ("name", "fax")

        def clean_name(self):
            return self.cleaned_data["name"].strip()

        def clean_fax(self):
            fax = self.cleaned_data.get("fax")
            return fax.replace(" ", "")

    class SignupForm(forms.Form):
        first_name = forms.CharField()

        def clean_first_name(self):
            return self.cleaned_data["first_name"].strip()

        def clean(self):
            phone = self.cleaned_data.get("mobile_phone")
            return self.cleaned_data

        def clean_first_name_again(self):
            return self.cleaned_data.get("mobile_phone")
"""


def _rows(results) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.container, f.name, f.category) for r in results for f in r.fields}


def test_a_forms_own_cleaned_data_is_its_field_not_the_methods(scan_project) -> None:
    rows = _rows(scan_project({"directory/models.py": MODELS, "directory/forms.py": FORMS}))
    assert not {r for r in rows if r[0].startswith("clean")}  # no clean_name.name, clean_fax.fax, clean_first_name
    assert ("SignupForm", "first_name", "user.name.first") in rows
    assert not {r for r in rows if r[0] in ("PublicAuthority", "AuthorityProposalForm")}  # an authority's


def test_a_key_the_form_does_not_declare_stays_a_read_in_the_forms_name(scan_project) -> None:
    results = scan_project({"directory/models.py": MODELS, "directory/forms.py": FORMS})
    assert ("SignupForm", "mobile_phone", "user.contact.phone_number") in _rows(results)
    assert len([f for r in results for f in r.fields if f.name == "mobile_phone"]) == 1  # once per form


def test_a_views_form_cleaned_data_is_unchanged(scan_snippet) -> None:
    result = scan_snippet("""
        def signup(request):
            form = SignupForm(request.POST)
            if form.is_valid():
                email = form.cleaned_data["email"]
    """, "app/views.py")
    assert {(f.container, f.name) for f in result.fields} == {("signup", "email")}
