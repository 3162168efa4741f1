"""Calls through the project's own client of a provider, defined in another module (heldout17): a class named for
the provider (`StravaApi(athlete).get_gear(...)`), an object named for it (`jira = create_connection()`), and a
catalogued setting imported from the project's settings module (`from djoptimizely.settings import
OPTIMIZELY_DATAFILE_URL`). Each uses the provider in the calling file, with or without a person's data."""

from __future__ import annotations

API = """
from stravalib import Client

class StravaApi:
    def __init__(self, athlete=None):
        self.client = Client(access_token=athlete.access_token)

    def get_gear(self, gear_id):
        return self.client.get_gear(gear_id)
"""


def test_a_project_class_named_for_a_provider_is_its_client(scan_project) -> None:
    _, sync = scan_project({
        "kit/api.py": API,
        "kit/sync.py": """
            from kit.api import StravaApi

            def gear_fetch(gear):
                return StravaApi(gear.athlete).get_gear(gear.id)

            def gear_ensure(gear_id, athlete):
                api = StravaApi(athlete)
                return api.get_gear(gear_id)
            """,
    })
    assert {(u.service, u.signal, u.location.line) for u in sync.services} == {("strava", "call", 5),
                                                                               ("strava", "call", 9)}


def test_a_project_class_named_by_a_providers_leading_word_is_the_projects_own(scan_project) -> None:
    # `StravaActivity` is as often the project's row about the provider's data as its client
    _, sync = scan_project({
        "kit/api.py": API,
        "kit/sync.py": """
            from kit.models import StravaActivity

            def refresh(activity):
                StravaActivity.refresh_from_json(activity.json)
            """,
    })
    assert sync.services == []


def test_an_object_named_for_a_product_is_its_vendors_client(scan_project) -> None:
    _, handler = scan_project({
        "dj/tasks.py": """
            import os
            from jira import JIRA

            class JiraTask(JIRA):
                def create_bug_report(self, summary, description):
                    return self.create_issue(fields={"summary": summary, "description": description})

            def create_connection():
                return JiraTask(os.environ.get("SERVER"))
            """,
        "dj/handler.py": """
            from dj.tasks import create_connection

            def handler(exc, context):
                jira = create_connection()
                jira.create_bug_report("Error", str(exc))
                tracker = create_connection()
                tracker.create_bug_report("Error", str(exc))
            """,
    })
    # `jira` is Atlassian's product; the same client named `tracker` says nothing in this file
    assert {(u.service, u.location.line) for u in handler.services} == {("atlassian", 6)}


def test_a_catalogued_setting_imported_from_the_projects_settings_module(scan_project) -> None:
    _, datafile = scan_project({
        "djo/settings.py": """
            from django.conf import settings
            OPTIMIZELY_DATAFILE_URL = getattr(settings, "OPTIMIZELY_DATAFILE_URL")
            OPTIMIZELY_ENVIRONMENT = getattr(settings, "OPTIMIZELY_ENVIRONMENT")
            """,
        "djo/datafile.py": """
            import requests
            from djo.settings import OPTIMIZELY_DATAFILE_URL, OPTIMIZELY_ENVIRONMENT

            def update():
                return requests.get(OPTIMIZELY_DATAFILE_URL)
            """,
    })
    assert {(u.service, u.signal, u.evidence) for u in datafile.services} == {
        ("optimizely", "setting", "OPTIMIZELY_DATAFILE_URL")}  # (the environment's name is no catalogued setting)


def test_a_project_function_named_for_a_provider_is_its_sender(scan_project) -> None:
    # django-slack's log handler: `slack_message(...)` from the package's own api module
    results = scan_project({
        "ds/__init__.py": "from .api import slack_message\n",
        "ds/app_settings.py": """
            class AppSettings(object):
                DEFAULT_ENDPOINT_URL = "https://slack.com/api/chat.postMessage"
            """,
        "ds/api.py": """
            from .app_settings import AppSettings

            def slack_message(template, context=None, **kwargs):
                return backend.send(kwargs.pop("endpoint_url", AppSettings.DEFAULT_ENDPOINT_URL), {"text": template})
            """,
        "ds/log.py": """
            import logging
            from . import slack_message
            from .helpers import format_record

            class SlackExceptionHandler(logging.Handler):
                def emit(self, record):
                    format_record(record)
                    slack_message("django_slack/exception.slack", {"subject": record.getMessage()})
            """,
    })
    log = results[-1]
    assert {(u.service, u.location.line) for u in log.services} == {("slack", 9)}
    assert log.flows == []  # (what it sends is the function's to say)
