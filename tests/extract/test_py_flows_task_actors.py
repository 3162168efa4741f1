"""dramatiq's `actor.send(...)` runs the actor with those arguments; an SDK class a property picks is its client."""

from __future__ import annotations

from pathlib import Path

from tests.extract.test_python_resolution import project

TASKS = """
    import smtplib
    import dramatiq


    @dramatiq.actor(queue_name="emails")
    def send_email(recipient, body):
        with smtplib.SMTP("mail.example.org") as smtp:
            smtp.sendmail("noreply@example.org", recipient, body)


    class Outbox:
        def send(self, note):
            return note


    outbox = Outbox()
"""


def test_a_dramatiq_send_of_an_imported_actor_is_a_call_of_it(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/__init__.py": "", "app/tasks.py": TASKS, "app/views.py": """
        from app.tasks import outbox, send_email


        def confirm(user):
            send_email.send(user.email, "hi")
            send_email.send_with_options(args=(user.email, "hi"), delay=10)
            outbox.send(user.email)
    """})
    assert {(f.category, f.location.line) for f in results["app/views.py"].flows} == {
        ("user.contact.email", 6), ("user.contact.email", 7)}


def test_a_dramatiq_send_in_the_actors_module_is_a_call_of_it(scan_snippet) -> None:
    result = scan_snippet(TASKS + """

    def confirm(user, message):
        send_email.send(user.email, "hi")
        message.send(user.email)
    """)
    assert ("user.contact.email", 21) in {(f.category, f.location.line) for f in result.flows}
    assert 22 not in {f.location.line for f in result.flows}


def test_an_sdk_class_a_property_picks_is_a_client(scan_snippet) -> None:
    result = scan_snippet("""
        import smtplib

        class EmailService:
            @property
            def smtp(self):
                return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

            @property
            def options(self):
                return smtplib.SMTP if self.use_ssl else dict

            def send(self, recipient, text):
                with self.smtp("mail.example.org", 25) as smtp:
                    smtp.sendmail("noreply@example.org", recipient, text)

            def other(self, recipient):
                with self.options("mail.example.org") as box:
                    box.sendmail("noreply@example.org", recipient, "hi")
    """)
    assert {u.location.line for u in result.services if u.signal == "call"} == {14, 15}


SENDER = """
    import httpx

    URL = "https://api.telegram.org/bot{token}/sendMessage"


    def notify(message):
        httpx.post(URL, data={"text": message})
"""


def test_threads_executors_and_background_tasks_call_their_function(tmp_path: Path, rules) -> None:
    results = project(tmp_path, rules, {"app/__init__.py": "", "app/client.py": SENDER, "app/gateway.py": """
        import httpx


        class Gateway:
            def submit(self, payload):
                httpx.post("https://api.telegram.org/bot/sendMessage", json=payload)
    """, "app/views.py": """
        import asyncio
        import threading
        from concurrent.futures import ThreadPoolExecutor

        from app.client import notify


        def _report(text):
            notify(text)


        async def view(user, background_tasks, redis):
            threading.Thread(target=_report, kwargs={"text": user.email}, daemon=True).start()
            background_tasks.add_task(notify, user.phone)
            ThreadPoolExecutor().submit(_report, user.first_name)
            await asyncio.get_running_loop().run_in_executor(None, notify, user.last_name)
            await redis.enqueue_job("notify", user.username)


        def pay(gateway, user, worker):
            gateway.submit(user.email)
            threading.Thread(target=worker, args=(user.phone,)).start()
    """})
    # the project's own `submit` still sends its argument; a thread on a callable nobody defines is no path
    assert {(f.category, f.location.line) for f in results["app/views.py"].flows} == {
        ("user.contact.email", 14), ("user.contact.phone_number", 15), ("user.name.first", 16),
        ("user.name.last", 17), ("user.account.username", 18), ("user.contact.email", 22)}
