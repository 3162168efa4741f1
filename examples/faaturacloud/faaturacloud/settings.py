"""Runtime configuration, read from the environment."""

import os


class Config:
    ENV = os.environ.get("FAATURA_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    DATABASE_URL = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg://faatura:faatura@localhost:5432/faaturacloud"
    )
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:5000")
    SESSION_COOKIE_SECURE = ENV == "production"
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "/var/lib/faaturacloud/uploads")

    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
    POSTMARK_SERVER_TOKEN = os.environ.get("POSTMARK_SERVER_TOKEN", "")
    MAIL_FROM_ADDRESS = os.environ.get("MAIL_FROM_ADDRESS", "billing@faaturacloud.com")
    SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
    MIXPANEL_TOKEN = os.environ.get("MIXPANEL_TOKEN", "")
    META_PIXEL_ID = os.environ.get("META_PIXEL_ID", "")
    META_CAPI_ACCESS_TOKEN = os.environ.get("META_CAPI_ACCESS_TOKEN", "")
