"""FaaturaCloud: quotes, cost estimates and invoices for small businesses."""

import sentry_sdk
from flask import Flask, g
from sentry_sdk.integrations.flask import FlaskIntegration
from werkzeug.middleware.proxy_fix import ProxyFix

from .db import init_db
from .settings import Config


def create_app(config: type[Config] = Config) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    # Behind the load balancer: trust one hop of X-Forwarded-For / X-Forwarded-Proto.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

    if app.config["SENTRY_DSN"]:
        sentry_sdk.init(
            dsn=app.config["SENTRY_DSN"],
            integrations=[FlaskIntegration()],
            environment=app.config["ENV"],
            traces_sample_rate=0.1,
            send_default_pii=True,
            max_request_body_size="never",
        )

    init_db(app)

    from .views import auth, billing, clients, invoices, quotes

    for module in (auth, clients, quotes, invoices, billing):
        app.register_blueprint(module.bp)

    # Registered after auth's before_app_request hook, so g.account is already loaded.
    @app.before_request
    def tag_error_reports() -> None:
        if (account := g.get("account")) is not None:
            sentry_sdk.set_user({"id": str(account.id), "email": account.email})

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app
