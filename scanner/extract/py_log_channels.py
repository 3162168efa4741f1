"""Logs as a channel to a third party (audit16 #18): a logging call is a sink when the project ships its records to a
vendor, and what it formats into the record is a flow there.

- `sentry_sdk.init(...)` keeps its default integrations, logging among them: a record at error level or above (the
  LoggingIntegration's `event_level`, ERROR unless given) becomes an event with its formatted message. Not with
  `default_integrations=False` and no LoggingIntegration in `integrations=`, nor with `event_level=None`. Records
  below the event level are breadcrumbs, attached to a later event only: not read as flows.
- A handler of a catalogued log vendor (its class among the catalogue's `setting_values`: `rollbar.logger.
  RollbarHandler`, `logtail.LogtailHandler`), added in code or named by a `LOGGING` dict's `class`, and a
  `SysLogHandler(address=(host, port))` to a catalogued host (`logs3.papertrailapp.com`): records at the handler's
  `level`, or from WARNING (Python's default level) when none is given. A handler added to a named logger takes
  its own module's records; on the root logger, in `basicConfig` or `LOGGING`, every module's.
- Where a sink is set up says whose records it takes (`_reach`): a project's settings or top-level module
  configures the process every app runs in; a package's own module (a reusable app's `AppConfig.ready`) its own.

The file pass records the sinks and the logging calls (LOG_SINKS_KEY, LOG_CALLS_KEY); `settle_logs` joins them
across the project, since Sentry is set up once (settings, app factory) and logged to everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from scanner.catalogue import Catalogue
from scanner.extract.py_common import Context, arg, code, dotted, last, string
from scanner.extract.py_flows import landed, sources
from scanner.inventory import FileResult, Flow, Location, ServiceUse

LOG_SINKS_KEY = "py_log_sinks"  # (service, lowest level it receives, only this module's records)
LOG_CALLS_KEY = "py_log_calls"  # LogCall

_LEVELS = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50,
           "fatal": 50, "notset": 0}
_LOGGERS = frozenset({"log", "logger", "_log", "_logger", "logging", "log_", "applog", "app_logger"})
_SYSLOG = frozenset({"logging.handlers.SysLogHandler", "logging.SysLogHandler"})
_SENTRY_LOGGING = frozenset({"sentry_sdk.integrations.logging.LoggingIntegration"})
_SETTINGS_MODULES = frozenset({"settings.py", "conf.py", "config.py", "local_settings.py", "production.py", "prod.py",
                               "wsgi.py", "asgi.py", "manage.py"})


@dataclass(frozen=True)
class LogCall:
    """A logging call at `level` and the person's data it formats into its record."""

    level: int
    found: tuple[tuple[str, tuple[str, ...]], ...]
    q: str
    location: Location
    evidence: str


def level_of(ctx: Context, node: cst.BaseExpression | None, default: int | None) -> int | None:
    """`logging.ERROR`, `"ERROR"`, `40`; None for `None` (a level switched off); `default` when unreadable."""
    if node is None:
        return default
    if isinstance(node, cst.Name) and node.value == "None":
        return None
    if isinstance(node, cst.Integer):
        return int(node.value)
    text = string(node) if isinstance(node, cst.SimpleString) else last(ctx.qualify(node) or dotted(node) or "")
    return _LEVELS.get((text or "").lower(), default)


def sentry_init(ctx: Context, node: cst.Call, options: dict[str, cst.BaseExpression]) -> None:
    """`sentry_sdk.init(...)`: the level from which log records become Sentry events, if they do."""
    integrations = options.get("integrations")
    configured = [e.value for e in integrations.elements] if isinstance(integrations, (cst.List, cst.Tuple)) else []
    logging = next((c for c in configured if isinstance(c, cst.Call) and ctx.qualify(c.func) in _SENTRY_LOGGING), None)
    default = options.get("default_integrations")
    if logging is None and isinstance(default, cst.Name) and default.value == "False":
        return  # no integration reads the logs
    level = level_of(ctx, arg(logging, 99, "event_level"), 40) if logging is not None else 40
    if level is not None:
        ctx.defer(LOG_SINKS_KEY, ("sentry", level, False))


def _vendor(ctx: Context, node: cst.BaseExpression) -> str | None:
    """The vendor a log handler built here ships to: its class, or syslog to its host (a use of it here)."""
    if not isinstance(node, cst.Call):
        return None
    q = ctx.qualify(node.func) or ""
    if q in _SYSLOG:
        address = arg(node, 0, "address")
        host = string(address.elements[0].value) if isinstance(address, cst.Tuple) and address.elements else None
        service = ctx.catalogue.by_host(host.lower()) if host else None
        if service is not None:
            ctx.use(service, "domain", node, "high")
        return service
    return ctx.catalogue.by_setting_value(q) if last(q).endswith("Handler") else None


def added_handlers(ctx: Context, node: cst.Call, q: str, held: dict[str, cst.BaseExpression]) -> None:
    """`log.addHandler(SysLogHandler(address=("logs3.papertrailapp.com", 12345)))`, `logging.basicConfig(handlers=
    [...])`: a vendor's handler on the root logger takes every module's records; on a named logger, this module's
    (`held`: what the module's and function's names hold, `handler = RollbarHandler(); log.addHandler(handler)`)."""
    if q == "logging.basicConfig":
        given = arg(node, 99, "handlers")
        handlers = [e.value for e in given.elements] if isinstance(given, (cst.List, cst.Tuple)) else []
        everywhere = True
    else:
        handlers = [node.args[0].value] if node.args else []
        owner = node.func.value if isinstance(node.func, cst.Attribute) else None
        everywhere = isinstance(owner, cst.Call) and not owner.args or (dotted(owner) or "") in ("logging.root", "root")
    for built in handlers:
        if isinstance(built, cst.Name):
            built = held.get(built.value, built)
        service = _vendor(ctx, built)
        level = level_of(ctx, arg(built, 99, "level"), 30) if isinstance(built, cst.Call) else None
        if service is not None and level is not None:
            ctx.defer(LOG_SINKS_KEY, (service, level, not everywhere))


def configured_handler(ctx: Context, node: cst.Dict) -> None:
    """A `LOGGING` dict's handler `{"class": "rollbar.logger.RollbarHandler", "level": "ERROR"}`."""
    pairs = {string(e.key): e.value for e in node.elements if isinstance(e, cst.DictElement)}
    klass = string(pairs["class"]) if "class" in pairs else None
    if not klass or not last(klass).endswith("Handler"):
        return
    service = ctx.catalogue.by_setting_value(klass)
    level = level_of(ctx, pairs.get("level"), 30)
    if service is not None and level is not None:
        ctx.defer(LOG_SINKS_KEY, (service, level, False))


def log_call(ctx: Context, node: cst.Call, q: str | None) -> None:
    """`logger.error("refund requested by %s", user.email)`: what a logging call formats into its record."""
    func = node.func
    if not isinstance(func, cst.Attribute) or not ctx.in_function:
        return
    method = func.attr.value
    owner = q.rpartition(".")[0] if q else ""
    if not (owner == "logging" or owner.startswith("logging.getLogger") or owner.endswith(".logger")
            or last(dotted(func.value) or "").lower() in _LOGGERS):
        return
    args = [a for a in node.args if a.keyword is None and not a.star]
    if method == "log" and args:
        level, args = level_of(ctx, args[0].value, None), args[1:]
    else:
        level = _LEVELS.get(method)
    if level is None or level < 30:
        return  # (debug and info records reach no vendor below: their handlers and Sentry's events start higher)
    values = [a.value for a in args] + [a.value for a in node.args if a.keyword and a.keyword.value == "extra"]
    found = tuple(dict.fromkeys(t for v in values for t in sources(ctx, v) if not t[0].startswith("@")))
    if found:
        ctx.defer(LOG_CALLS_KEY, LogCall(level, found, q or code(func), ctx.loc(node), code(node)))


def _reach(path: str) -> str:
    """Whose records a sink set up in `path` takes: its top-level package's (`dj_sentry/apps.py`, a reusable app's own
    set-up), or every module's ("") when set up in a settings module or at the project's top (`settings.py`,
    `mysite/settings/prod.py`, `main.py`), where a project configures the process all its apps run in."""
    parts = path.split("/")
    if len(parts) == 1 or parts[-1] in _SETTINGS_MODULES or any(p in ("settings", "conf", "config") for p in parts[:-1]):
        return ""
    return parts[0] + "/"


def settle_logs(results: list[FileResult], catalogue: Catalogue) -> None:
    """The logging calls' flows to every vendor the project ships records to, at the levels each receives."""
    sinks: list[tuple[str, int, str]] = []  # (service, lowest level, the paths whose records it takes: a prefix)
    calls: list[tuple[FileResult, LogCall]] = []
    for result in results:
        for service, level, local in result.deferred.pop(LOG_SINKS_KEY, ()):
            sinks.append((service, level, result.path if local else _reach(result.path)))
        calls.extend((result, call) for call in result.deferred.pop(LOG_CALLS_KEY, ()))
    for result, call in calls:
        seen = {(f.category, f.service, f.location.line) for f in result.flows}
        for service in sorted({s for s, level, reach in sinks if call.level >= level and result.path.startswith(reach)}):
            added = False
            for category, path in call.found:
                category = landed(catalogue, category, service, call.q, path) or ""
                if category and (category, service, call.location.line) not in seen:
                    seen.add((category, service, call.location.line))
                    result.flows.append(Flow(category, service, call.location, (*path, call.q), call.evidence))
                    added = True
            if added:
                result.services.append(ServiceUse(service, "call", call.evidence, call.location, "medium"))
