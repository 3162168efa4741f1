"""A getter returning the module's client (`def get_posthog(): return _posthog`, skyvern's telemetry) or annotated
to return an SDK's class (`-> Posthog`) is a factory of that client: what is sent through it flows (audit17 #12)."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_getter_of_a_module_client_or_annotated_with_an_sdk_class_binds_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI
        from posthog import Posthog

        _posthog = Posthog("phc_key", host="https://us.i.posthog.com")


        def get_posthog():
            return _posthog


        def cached_openai() -> OpenAI:
            return _CACHE["openai"]


        def track_signup(user) -> None:
            client = get_posthog()
            client.capture(distinct_id="x", event="signup", properties={"email": user.email})


        def summarise(user, text: str) -> str:
            r = cached_openai().chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
            return r.choices[0].message.content
        """
    )
    assert flows(result) == {("user.contact.email", "posthog", 18), ("user.content.private", "openai", 22)}


def test_a_getter_of_plain_data_or_a_local_model_binds_nothing(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        _local = OpenAI(base_url="http://localhost:11434/v1")
        _settings = dict(host="x")


        def get_local():
            return _local


        def get_settings() -> dict:
            return _settings


        def summarise(user, text: str) -> str:
            r = get_local().chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
            get_settings().post("https://api.example-unknown.test/x", json={"email": user.email})
            return r.choices[0].message.content
        """
    )
    assert not any(f.service == "openai" for f in result.flows)
