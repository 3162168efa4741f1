"""Tracker snippets kept as module constants and filled in with a person's data (django-analytical's tags)."""

from __future__ import annotations


def flows(result) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_trackers_snippet_filled_with_a_persons_data_is_a_flow_to_the_tracker(scan_snippet) -> None:
    source = '''
        from django.conf import settings

        TRACKING_CODE = """<script src="https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js"></script>
        <script>mixpanel.init('%(token)s'); %(commands)s</script>"""
        IDENTIFY_CODE = "mixpanel.identify('%s');"
        EMAIL_CODE = "mixpanel.people.set({{'$email': '{0}'}});"
        EMAIL_KEY = "mixpanel_email"
        GREETING = "Hello %s, welcome back"

        def render(context, user):
            commands = [IDENTIFY_CODE % user.username, EMAIL_CODE.format(context[EMAIL_KEY])]
            greeting = GREETING % user.first_name
            return TRACKING_CODE % {"token": settings.MIXPANEL_TOKEN, "commands": " ".join(commands)}
        '''
    found = flows(scan_snippet(source))
    # the identify and e-mail snippets where they are filled, and the whole snippet where it is put together;
    # the greeting is prose, no script
    assert found == {("user.account.username", "mixpanel", 12), ("user.contact.email", "mixpanel", 12),
                     ("user.account.username", "mixpanel", 14), ("user.contact.email", "mixpanel", 14)}


def test_a_snippet_whose_tracker_cannot_be_told_is_no_flow(scan_snippet) -> None:
    source = '''
        A = '<script src="https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js"></script>'
        B = '<script src="https://static.hotjar.com/c/hotjar-1.js"></script>'
        IDENTIFY_CODE = "identify('%s');"

        def render(user):
            return IDENTIFY_CODE % user.email
        '''
    assert {f for f in flows(scan_snippet(source))} == set()


def test_a_url_a_page_loads_formatted_with_a_persons_data_is_a_flow(scan_snippet) -> None:
    source = '''
        import hashlib
        import requests

        def gravatar_url(email, size=32):
            digest = hashlib.md5(email.lower().encode("utf-8")).hexdigest()
            return "//www.gravatar.com/avatar/%s?s=%s&d=identicon" % (digest, size)

        def avatar(user):
            return f"https://secure.gravatar.com/avatar/{hashlib.md5(user.email.encode()).hexdigest()}"

        def profile(user):
            return "https://api.gravatar.com/v3/profiles/%s" % user.email
        '''
    # an avatar the browser loads carries the e-mail's digest; an API URL is reached by a call, if any
    assert flows(scan_snippet(source)) == {("user.contact.email", "gravatar", 7),
                                           ("user.contact.email", "gravatar", 10)}
