"""Tracker and widget tags in templates and static JS; prose and links are not sharing."""

from __future__ import annotations

import textwrap

import pytest

from scanner.discover import kind_of, skip_by_name, skip_by_text
from scanner.extract.templates import MARKER_CLASSES, SNIPPETS
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet


@pytest.fixture
def scan_template(scan_snippet):
    def run(text: str, name: str = "templates/base.html") -> FileResult:
        assert kind_of(name) == "template"
        return scan_snippet(textwrap.dedent(text).lstrip("\n"), name)

    return run


def uses(result: FileResult) -> set[tuple[str, int]]:
    assert all(u.signal == "script" for u in result.services)
    return {(u.service, u.location.line) for u in result.services}


CASES = [
    pytest.param(
        """
        <head>
          <script async src="https://www.googletagmanager.com/gtag/js?id={{ GA_ID }}"></script>
          <script>
            window.dataLayer = window.dataLayer || [];
            function gtag(){dataLayer.push(arguments);}
            gtag('js', new Date());
            gtag('config', 'G-ABC123');
          </script>
        </head>
        """,
        {("google_analytics", 2), ("google_analytics", 7)},
        id="google-analytics-gtag",
    ),
    pytest.param(
        """
        <!-- Google Tag Manager -->
        <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
        new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
        j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
        'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
        })(window,document,'script','dataLayer','GTM-XXXX');</script>
        <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXX"
        height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
        """,
        {("google_tag_manager", 5), ("google_tag_manager", 7)},
        id="google-tag-manager-snippet-and-noscript-iframe",
    ),
    pytest.param(
        """
        <script>
        !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
        n.callMethod.apply(n,arguments):n.queue.push(arguments)};
        t=b.createElement(e);t.async=!0;
        t.src=v;s=b.getElementsByTagName(e)[0];
        s.parentNode.insertBefore(t,s)}(window, document,'script',
        'https://connect.facebook.net/en_US/fbevents.js');
        fbq('init', '{{ pixel_id }}');
        fbq('track', 'PageView');
        </script>
        <noscript><img height="1" width="1" style="display:none"
        src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1"/></noscript>
        """,
        {("facebook_marketing", 7), ("facebook_marketing", 8), ("facebook_marketing", 11)},
        id="meta-pixel",
    ),
    pytest.param(
        """
        <script>
            (function(h,o,t,j,a,r){
                h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
                h._hjSettings={hjid:{{ HOTJAR_ID }},hjsv:6};
                a=o.getElementsByTagName('head')[0];
                r=o.createElement('script');r.async=1;
                r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
                a.appendChild(r);
            })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
        </script>
        """,
        {("hotjar", 4), ("hotjar", 9)},
        id="hotjar",
    ),
    pytest.param(
        """
        <script>
          window.intercomSettings = {api_base: "https://api-iam.intercom.io", app_id: "abc",
                                     email: "{{ user.email }}"};
          (function(){var w=window;var ic=w.Intercom;var d=document;
           var s=d.createElement('script');s.src='https://widget.intercom.io/widget/abc';})();
        </script>
        """,
        {("intercom", 2), ("intercom", 5)},
        id="intercom-widget",
    ),
    pytest.param(
        """
        <script src="https://js.stripe.com/v3/"></script>
        <form action="/pay" method="post">
          <div class="g-recaptcha" data-sitekey="6Lc"></div>
        </form>
        <script src="https://www.google.com/recaptcha/api.js" async defer></script>
        <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">
        """,
        {("stripe", 1), ("google_recaptcha", 3), ("google_recaptcha", 5), ("google_fonts", 6)},
        id="stripe-js-recaptcha-fonts",
    ),
    pytest.param(
        """
        <p>We use <a href="https://stripe.com">Stripe</a> and https://www.google-analytics.com for stats.</p>
        <a href="https://js.stripe.com/v3/">the script</a>
        <!-- <script src="https://static.hotjar.com/c/hotjar-1.js"></script> -->
        <link rel="canonical" href="https://www.facebook.com/tr">
        <img src="/static/logo.png">
        <script src="{% static 'js/app.js' %}"></script>
        """,
        set(),
        id="prose-links-comments-are-not-trackers",
    ),
    pytest.param(
        """
        <form action="https://formspree.io/f/abcd" method="POST">
          <input name="email">
        </form>
        """,
        {("formspree", 1)},
        id="form-posting-to-a-third-party",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_html(scan_template, text: str, expected: set[tuple[str, int]]) -> None:
    assert uses(scan_template(text)) == expected


JS_CASES = [
    pytest.param(
        """
        // Segment: see https://segment.com/docs and https://cdn.segment.com/analytics.js
        !function(){var analytics=window.analytics=window.analytics||[];
        analytics.SNIPPET_VERSION="4.15.3";
        analytics.load("{{ key }}");
        var t=document.createElement("script");
        t.src="https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js";
        }();
        """,
        {("segment", 3), ("segment", 4), ("segment", 6)},
        id="segment-snippet-comment-ignored",
    ),
    pytest.param(
        """
        const ga = document.createElement('script');
        ga.src = ('https:' == document.location.protocol ? 'https://ssl' : 'http://www') + '.google-analytics.com/ga.js';
        fetch("https://api.mixpanel.com/track", {method: "POST"});
        window.open("https://sentry.io/welcome/");
        const docs = "see https://stripe.com/docs";
        """,
        {("google_analytics", 2), ("mixpanel", 3)},
        id="legacy-split-host-api-endpoint-homepage-link",
    ),
    pytest.param(
        """
        const stripe = Stripe('pk_live_123');
        posthog.init('phc_x', {api_host: '/ingest'});
        Sentry.init({dsn: DSN});
        """,
        {("stripe", 1), ("posthog", 2), ("sentry", 3)},
        id="init-calls",
    ),
]


@pytest.mark.parametrize(("text", "expected"), JS_CASES)
def test_static_js(scan_template, text: str, expected: set[tuple[str, int]]) -> None:
    assert uses(scan_template(text, "static/js/site.js")) == expected


def test_minified_bundles_are_skipped_by_name_or_text() -> None:
    # skipped at scan time and reported (test_cli.test_bundled_scripts_are_skipped_and_reported)
    assert skip_by_name("static/vendor/jquery.min.js") == "minified script"
    assert skip_by_name("static/jquery-3.6.4-min.js") == "minified script"
    assert skip_by_name("static/CACHE/js/output.0be49db896d3.js").startswith("build output")
    for own in ("static/app.js", "static/admin.js", "static/minimap.js", "templates/base.min.html"):
        assert skip_by_name(own) == "", own
    assert skip_by_text("static/app.js", "fbq('init', '1');\n" * 200) == ""
    assert skip_by_text("static/app.js", "var a=1;" * 300).startswith("minified script (a line of 2,400")
    assert skip_by_text("templates/one_line.html", "<p>x</p>" * 1000) == ""  # templates are always read
    assert kind_of("templates/base.jinja2") == "template"


def test_script_tag_is_high_confidence_and_code_medium(scan_template) -> None:
    result = scan_template("""
        <script src="https://cdn.segment.com/analytics.js/v1/k/analytics.min.js"></script>
        <script>mixpanel.init("t");</script>
    """)
    assert {(u.service, u.confidence) for u in result.services} == {("segment", "high"), ("mixpanel", "medium")}
    assert result.services[0].evidence.startswith("<script src=")


def test_snippet_services_exist_in_catalogue(rules: RuleSet) -> None:
    for _, service in SNIPPETS:
        assert service in rules.catalogue.services
    for service in MARKER_CLASSES.values():
        assert service in rules.catalogue.services


def test_broken_html_is_not_a_traceback(scan_template) -> None:
    result = scan_template("<![if <script src='https://js.stripe.com/v3/'> <div <<>>\n<p>")
    assert result.lines == 2


def test_template_variables_rendered_into_a_tracker_snippet_are_flows(scan_template) -> None:
    # django-intercom: the page fills intercomSettings with the signed-in user's data
    result = scan_template("""
        <script>
          window.intercomSettings = {
            app_id: "{{ INTERCOM_APP_ID }}",
            email: "{{ request.user.email|escapejs }}",
            user_id: "{{ user.pk }}",
            plan: "{{ plan_name }}"
          };
          Intercom('boot', intercomSettings);
        </script>
        <script>var mail = "{{ user.email }}";</script>
        <p>{{ user.email }}</p>
    """)
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "intercom", 4), ("user.unique_id", "intercom", 5)}
    assert next(f for f in result.flows if f.location.line == 4).path == ("request.user.email", "intercom snippet")


def test_an_npm_cdn_url_names_the_package_whatever_its_version(rules: RuleSet) -> None:
    """`cdn.jsdelivr.net/npm/algoliasearch@4/...` is the catalogue's `cdn.jsdelivr.net/npm/algoliasearch` (lead's
    request from audit14); a package the catalogue does not name stays the CDN's."""
    from scanner.extract.templates import script_service

    catalogue = rules.catalogue
    assert script_service("https://cdn.jsdelivr.net/npm/algoliasearch@4/dist/algoliasearch-lite.umd.js",
                          catalogue) == "algolia"
    assert script_service("https://cdn.jsdelivr.net/npm/redoc@next/bundles/redoc.standalone.js", catalogue) == "jsdelivr"


def test_a_loaded_service_librarys_tag_given_a_persons_datum_is_a_flow(scan_template) -> None:
    # audit15 #05: django-gravatar2's `{% gravatar_url user.email 40 %}`, and a project's own library proxying it
    result = scan_template("""
        {% load static p_gravatar %}
        <div class="user">{% gravatar user.email 40 user.email %} {{ user.username }}</div>
        {% load gravatar_url from gravatar %}
        <img src="{% gravatar_url request.user.email 40 %}">
    """)
    assert {(f.category, f.service, f.location.line) for f in result.flows} == {
        ("user.contact.email", "gravatar", 2), ("user.contact.email", "gravatar", 4)}
    assert ("gravatar", 4) in uses(result)


def test_other_libraries_tags_and_literals_are_no_flow(scan_template) -> None:
    result = scan_template("""
        {% load static i18n gravatar %}
        <p>{% blocktrans with email=user.email %}Hi {{ email }}{% endblocktrans %}</p>
        <img src="{% gravatar_url "support@example.com" 40 %}">
        <img src="{% static user.avatar %}">
    """)
    assert result.flows == []


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


@pytest.mark.parametrize("name, text", [
    ("templates/page.html",
     '<iframe src="https://calendly.com/acme/intro?email={{ user.email|urlencode }}&name={{ user.name }}"></iframe>'),
    ("templates/page.mak", '<iframe src="https://calendly.com/acme/intro?email=${user.email}&name=${user.name | u}">'),
    ("templates/page.mako", '<iframe src="https://calendly.com/acme/intro?email=${user.email}&name=${user.name}">'),
    ("templates/mako_page.html", '<iframe src="https://calendly.com/acme/intro?email=${request.identity.email}'
                                 '&name=${request.identity.name}"></iframe>'),
])
def test_template_variables_in_a_vendor_url_a_tag_loads_are_flows(scan_template, name: str, text: str) -> None:
    # audit16 #16: the browser sends what the page writes into the URL; Mako's `${...}` as Jinja's `{{ ... }}`
    result = scan_template("<html><body>\n" + text + "\n</body></html>\n", name)
    assert flows(result) == {("user.contact.email", "calendly", 2), ("user.name", "calendly", 2)}


def test_template_variables_in_links_or_other_urls_are_no_flow(scan_template) -> None:
    result = scan_template("""
        <a href="https://calendly.com/acme/intro?email={{ user.email }}">book</a>
        <script src="https://cdn.jsdelivr.net/npm/algoliasearch@{{ version }}/dist/algoliasearch.js"></script>
        <img src="/avatars/{{ user.email }}.png">
        <iframe src="https://calendly.com/acme/intro?plan={{ plan.slug }}"></iframe>
    """)
    assert result.flows == []


def test_a_script_hands_a_vendor_the_keys_of_its_objects(scan_template) -> None:
    # audit16 #21: a plain front-end script carries the flows its template twin does
    result = scan_template("""
        function subscribe(user) {
          fetch("https://api.typeform.com/contacts", {
            method: "POST",
            body: JSON.stringify({ email: user.email, "phone": phoneInput }),
          });
        }
        window.intercomSettings = { app_id: "abc", email: currentUser.email, name: currentUser.name, user_id: currentUser.id };
        analytics.identify(currentUser.id, { plan: "pro" });
        Sentry.setUser({ email });
    """, "static/app.js")
    found = flows(result)
    assert {("user.contact.email", "typeform", 2), ("user.contact.phone_number", "typeform", 2),
            ("user.contact.email", "intercom", 7), ("user.name", "intercom", 7), ("user.unique_id", "intercom", 7),
            ("user.unique_id", "segment", 8), ("user.contact.email", "sentry", 9)} <= found
    assert not {f for f in found if f[1] == "typeform" and f[0] == "user.name"}
    assert ("sentry", 9) in uses(result) and ("segment", 8) in uses(result)


def test_a_scripts_data_not_handed_to_a_vendor_is_no_flow(scan_template) -> None:
    result = scan_template("""
        const payload = { email: user.email, name: user.name };
        saveLocally(payload);
        fetch("/api/profile", { method: "POST", body: JSON.stringify({ email: user.email }) });
        fetch("https://api.typeform.com/forms", { method: "GET", headers: { Accept: "application/json" } });
        window.intercomSettings = { app_id: "abc", name: "Support", custom_launcher_selector: "#help" };
        const tpl = `<p>${user.email}</p>`;
    """, "static/app.js")
    assert result.flows == []
    assert ("typeform", 4) in uses(result) and ("intercom", 5) in uses(result)


def test_each_snippet_alternative_begins_with_the_name_its_prefilter_looks_for() -> None:
    """templates.js skips a snippet whose names (`\\b<name>` at each alternative's start) the script lacks: that is
    exact only if every top-level alternative begins so."""
    from scanner.extract.templates import _SNIPPET_NAMES, _SNIPPETS

    for (pattern, _), names in zip(_SNIPPETS, _SNIPPET_NAMES):
        depth, start, alternatives = 0, 0, []
        for i, char in enumerate(pattern):
            if char == "(" and pattern[i - 1 : i] != "\\":
                depth += 1
            elif char == ")" and pattern[i - 1 : i] != "\\":
                depth -= 1
            elif char == "|" and depth == 0:
                alternatives.append(pattern[start:i])
                start = i + 1
        alternatives.append(pattern[start:])
        for alternative in alternatives:
            assert alternative.startswith("\\b") and any(alternative[2:].startswith(n) for n in names), pattern
