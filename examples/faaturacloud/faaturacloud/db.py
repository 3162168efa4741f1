"""Engine and one SQLAlchemy session per request."""

from flask import Flask, g
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

SessionFactory = sessionmaker(expire_on_commit=False)


def init_db(app: Flask) -> None:
    SessionFactory.configure(bind=create_engine(app.config["DATABASE_URL"], pool_pre_ping=True))
    app.teardown_appcontext(_close_session)


def get_session() -> Session:
    if "db" not in g:
        g.db = SessionFactory()
    return g.db


def _close_session(exc: BaseException | None) -> None:
    session = g.pop("db", None)
    if session is not None:
        if exc is not None:
            session.rollback()
        session.close()
