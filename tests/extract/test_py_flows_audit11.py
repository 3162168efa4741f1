"""Audit 11's flow findings: a client class picked into a local, the business's own SMPP login, an LLM tool's
name, a thread's target, Twisted's HTTP clients."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_an_smtp_class_picked_into_a_local_sends(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib

        def notify(cfg, user, msg):
            smtp = smtplib.SMTP_SSL if cfg.ssl else smtplib.SMTP
            with smtp(cfg.host, cfg.port) as s:
                s.sendmail("noreply@example.org", [user.email], msg)
        """
    )
    assert ("user.contact.email", "smtp_server", 7) in flows(result)


def test_a_local_picking_between_unrelated_classes_is_no_client(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smtplib
        from app.mail import Outbox

        def notify(cfg, user, msg):
            smtp = smtplib.SMTP if cfg.ssl else Outbox
            with smtp(cfg.host, cfg.port) as s:
                s.sendmail("noreply@example.org", [user.email], msg)
        """
    )
    assert flows(result) == set()


def test_an_smpp_bind_is_the_business_login_not_a_persons_password(scan_snippet) -> None:
    result = scan_snippet(
        """
        from smpplib.client import Client

        def send_sms(config, user, text):
            password = config["PASSWORD"]
            client = Client(config["HOST"], config["PORT"])
            client.bind_transmitter(system_id=config["LOGIN"], password=password)
            client.send_message(destination_addr=user.phone_number, short_message=text)
        """
    )
    assert not any(category.startswith(("user.authorization", "user.account")) for category, _, _ in flows(result))
    assert ("user.contact.phone_number", "smpp_gateway", 8) in flows(result)


def test_a_password_sent_in_an_smpp_message_still_flows(scan_snippet) -> None:
    result = scan_snippet(
        """
        import smpplib.client

        def send_sms(config, user):
            client = smpplib.client.Client(config["HOST"], config["PORT"])
            client.send_message(destination_addr=config["TO"], short_message=user.password)
        """
    )
    assert ("user.authorization.password", "smpp_gateway", 6) in flows(result)


def test_an_llm_tools_name_is_no_persons_name(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        client = OpenAI()

        def convert(message):
            calls = []
            for item in message["content"]:
                calls.append({"id": item.get("id"), "type": "function",
                              "function": {"name": item.get("name"), "arguments": "{}"}})
            return {"role": "assistant", "tool_calls": calls}

        def ask(messages, message):
            client.chat.completions.create(
                model="gpt-4o",
                messages=[convert(m) for m in messages],
                tools=[{"type": "function", "function": {"name": message["name"], "parameters": {}}}],
                tool_choice={"type": "function", "function": {"name": message["name"]}},
            )
            client.chat.completions.create(model="claude", messages=[],
                                           tools=[{"name": message["name"], "input_schema": {}}])
        """
    )
    assert not any(category.startswith("user.name") for category, _, _ in flows(result))


def test_a_persons_name_beside_an_llm_message_still_flows(scan_snippet) -> None:
    result = scan_snippet(
        """
        from openai import OpenAI

        client = OpenAI()

        def ask(user, question):
            client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "user", "name": user.name, "content": question}],
            )
        """
    )
    assert any(category.startswith("user.name") for category, _, _ in flows(result))


def test_a_thread_or_executor_running_an_sdk_function_calls_it(scan_snippet) -> None:
    result = scan_snippet(
        """
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor
        from django.conf import settings
        from django.core.mail import send_mail

        def notify(user):
            threading.Thread(target=send_mail, args=("Hi", "body", settings.DEFAULT_FROM_EMAIL, [user.email])).start()

        def notify_kwargs(user):
            threading.Thread(target=send_mail, kwargs={"subject": "Hi", "message": "body",
                                                       "from_email": None, "recipient_list": [user.email]}).start()

        def notify_pool(user, pool: ThreadPoolExecutor):
            pool.submit(send_mail, "Hi", "body", None, [user.email])

        async def notify_async(user):
            await asyncio.to_thread(send_mail, "Hi", "body", None, [user.email])
        """
    )
    assert {line for category, _, line in flows(result) if category == "user.contact.email"} == {9, 12, 16, 19}


def test_a_thread_running_an_sdk_function_on_no_persons_data_sends_nothing(scan_snippet) -> None:
    result = scan_snippet(
        """
        import threading
        from django.core.mail import send_mail

        def notify_admins(report):
            threading.Thread(target=send_mail, args=("Report", "done", None, ["ops@example.org"])).start()
            threading.Thread(target=print, args=("Report",)).start()
        """
    )
    assert flows(result) == set()


def test_twisted_agent_and_treq_post_to_a_public_host(scan_snippet) -> None:
    result = scan_snippet(
        """
        import json
        from io import BytesIO

        import treq
        from twisted.web.client import Agent, FileBodyProducer

        URL = "https://sms.example-gateway.com/v4/mt"

        def send(reactor, user):
            agent = Agent(reactor)
            body = FileBodyProducer(BytesIO(json.dumps({"address": user.phone_number}).encode("utf8")))
            return agent.request(b"POST", URL.encode("utf8"), None, body)

        async def send_treq(user):
            await treq.post("https://sms.example-gateway.com/v4/mt", json={"address": user.phone_number})
        """
    )
    assert {(c, line) for c, _, line in flows(result)} == {("user.contact.phone_number", 13),
                                                         ("user.contact.phone_number", 16)}


def test_a_twisted_get_of_a_public_page_sends_nobodys_data(scan_snippet) -> None:
    result = scan_snippet(
        """
        import treq
        from twisted.web.client import Agent

        def fetch(reactor, user):
            Agent(reactor).request(b"GET", b"https://status.example-gateway.com/health")
            return treq.get("https://status.example-gateway.com/health")
        """
    )
    assert flows(result) == set()
