"""An SDK's module imported by its name at run time (`importlib.import_module(...)`) is used by that module."""

from __future__ import annotations


def test_sdk_modules_a_loader_names_are_imports(scan_snippet) -> None:
    result = scan_snippet(
        """
        import importlib

        PROVIDERS = {
            "openai": {"module": "langchain_openai", "cls": "ChatOpenAI"},
            "anthropic": {"module": "langchain_anthropic", "cls": "ChatAnthropic"},
        }

        def llm_class(provider):
            if provider == "openai":
                pass
            config = PROVIDERS[provider]
            return getattr(importlib.import_module(config["module"]), config["cls"])
        """
    )
    assert {(u.service, u.signal, u.location.line) for u in result.services} == {
        ("openai", "import", 5), ("anthropic", "import", 6)}


def test_sdk_names_in_a_module_that_imports_nothing_by_name_are_text(scan_snippet) -> None:
    result = scan_snippet(
        """
        PROVIDERS = {"openai": {"module": "langchain_openai"}, "anthropic": {"module": "langchain_anthropic"}}
        """
    )
    assert result.services == []


def test_django_configurations_mixins_hold_settings(scan_snippet) -> None:
    result = scan_snippet(
        """
        from configurations import Configuration, values

        class AmazonS3(object):
            DEFAULT_FILE_STORAGE = values.Value("storages.backends.s3boto.S3BotoStorage")
            AWS_STORAGE_BUCKET_NAME = values.Value("")

        class Production(AmazonS3, Configuration):
            DEBUG = False
        """
    )
    assert {(u.service, u.signal, u.location.line) for u in result.services} == {
        ("aws_s3", "setting_value", 5), ("aws_s3", "setting", 6)}


def test_an_upper_case_attribute_of_an_ordinary_class_is_no_setting(scan_snippet) -> None:
    result = scan_snippet(
        """
        class Upload(object):
            AWS_STORAGE_BUCKET_NAME = "exports"
        """
    )
    assert result.services == []


def test_a_fedora_messaging_publish_is_a_broker_flow(scan_snippet) -> None:
    result = scan_snippet(
        """
        from fedora_messaging import api
        from fedora_messaging.message import Message

        def user_created(user):
            api.publish(Message(topic="noggin.user.create", body={"user": user.username}))
        """
    )
    assert ("user.account.username", "message_broker") in {(f.category, f.service) for f in result.flows}


def test_messenger_and_archive_sdks_are_known(scan_snippet) -> None:
    result = scan_snippet(
        """
        from fbmessenger import MessengerClient
        from internetarchive import upload
        """
    )
    assert {u.service for u in result.services} == {"facebook_graph", "internet_archive"}
