"""A widget's or tracker's script URL built in code (`f"https://embed.tawk.to/{site}/{widget}"`, handed to a
template that loads it) is a use of that service, as the literal `//embed.tawk.to/...` already was (issue 3:
heldout14's tawk.to template tag)."""

from __future__ import annotations


def test_a_script_url_built_as_an_f_string_is_a_use(scan_snippet) -> None:
    result = scan_snippet(
        """
        def chat_widget(context, site_id, widget_id):
            return {"url": f"https://embed.tawk.to/{site_id}/{widget_id}", "user": context["request"].user}
        """
    )
    assert {(u.service, u.signal) for u in result.services} == {("tawk_to", "script")}


def test_an_unknown_host_built_as_an_f_string_is_none(scan_snippet) -> None:
    result = scan_snippet(
        """
        def chat_widget(context, site_id):
            return {"url": f"https://embed.example-chat.io/{site_id}"}
        """
    )
    assert result.services == []
