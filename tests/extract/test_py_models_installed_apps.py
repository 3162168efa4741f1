"""Installed Django apps' own tables, from rules/django_apps.yaml (audit12 #22: sessions, the admin log,
django-registration, django-oauth-toolkit, allauth, axes and django-otp were missing; only auth's User and DRF's
Token were known)."""

from __future__ import annotations

from scanner.ruleset import RuleSet

SETTINGS = """
    INSTALLED_APPS = [
        'django.contrib.sessions',
        'django.contrib.admin',
        'registration',
        'oauth2_provider',
        'allauth.account',
        'allauth.socialaccount',
        'axes.apps.AppConfig',
        'django_otp.plugins.otp_totp',
    ]
    """


def _rows(results: list, path: str) -> set[tuple[str, str, str, int]]:
    return {(f.container, f.name, f.category, f.location.line) for r in results if r.path == path for f in r.fields}


def test_installed_apps_tables_are_reported_at_the_settings_line(scan_project) -> None:
    got = _rows(scan_project({"site/settings.py": SETTINGS}), "site/settings.py")
    assert {("Session", "session_data", "user.unique_id", 3), ("Session", "session_key", "user.device.cookie_id", 3),
            ("LogEntry", "user", "user.unique_id", 4),
            ("RegistrationProfile", "activation_key", "user.authorization.credentials", 5),
            ("AccessToken", "token", "user.authorization.credentials", 6),
            ("RefreshToken", "token", "user.authorization.credentials", 6),
            ("EmailAddress", "email", "user.contact.email", 7),
            ("SocialAccount", "extra_data", "user.social", 8),
            ("SocialToken", "token", "user.authorization.credentials", 8),
            ("AccessAttempt", "ip_address", "user.device.ip_address", 9),
            ("AccessAttempt", "username", "user.account.username", 9),
            ("TOTPDevice", "key", "user.authorization.credentials", 10)} <= got


def test_an_app_whose_models_are_scanned_reports_its_own_tables(scan_project) -> None:
    # the project's own `registration` app (or allauth's source scanned with the project): its models speak
    results = scan_project({
        "site/settings.py": "INSTALLED_APPS = ['registration', 'allauth.account']\n",
        "registration/__init__.py": "",
        "registration/models.py": """
            from django.db import models

            class Signup(models.Model):
                email = models.EmailField()
            """,
        "vendor/allauth/account/models.py": """
            from django.db import models

            class EmailAddress(models.Model):
                email = models.EmailField()
            """,
    })
    assert _rows(results, "site/settings.py") == set()
    assert {(c, n) for c, n, *_ in _rows(results, "vendor/allauth/account/models.py")} == {("EmailAddress", "email")}


def test_a_list_that_is_no_app_list_and_unknown_apps_say_nothing(scan_project) -> None:
    results = scan_project({"site/settings.py": "DOCS = ['axes']\nINSTALLED_APPS = ['myshop', 'axes_extra']\n"})
    assert _rows(results, "site/settings.py") == set()


def test_the_app_data_is_well_formed(rules: RuleSet) -> None:
    from scanner.extract.py_frameworks import installed_app, installed_app_tables

    tables = installed_app_tables()
    assert installed_app("axes.apps.AppConfig") == "axes" and installed_app("axes.apps") is None
    pinned = {c.category for models in tables.values() for columns in models.values() for c in columns if c.category}
    assert pinned and pinned <= set(rules.taxonomy.categories.terms)
