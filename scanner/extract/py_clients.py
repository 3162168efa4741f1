"""What makes a client: an SDK's constructor, a boto3 client or resource named by its literal service, an
HTTP client bound to a base URL; and the functions and methods that return one (factories).

Both the scope pass (which binds names ahead of their use) and the services pass (which reads calls) ask
here, so that a factory or a client an attribute holds is recognised the same way wherever it is written.
"""

from __future__ import annotations

import libcst as cst

from scanner.extract.py_common import Context, arg, literal_value, string
from scanner.extract.urls import external_host, url_service

# google-auth's AuthorizedSession is a requests.Session that adds the service account's token
# The standard library's connections, made for one host: their `request(method, path, body)` calls go there
CONNECTIONS = ("http.client.HTTPSConnection", "http.client.HTTPConnection", "httplib.HTTPSConnection",
               "httplib.HTTPConnection")
HTTP_CLIENTS = ("requests", "httpx", "aiohttp", "urllib.request", "urllib2", "urllib3", "tornado.httpclient",
                "google.auth.transport.requests.AuthorizedSession", *CONNECTIONS,
                # Twisted's: `Agent(reactor).request(b"POST", url, headers, body)` and treq, its requests
                "twisted.web.client", "treq")
# The session and pool classes of the HTTP clients: a function annotated to return one makes a client
HTTP_SESSIONS = frozenset({"Session", "ClientSession", "Client", "AsyncClient", "PoolManager", "AuthorizedSession",
                           "AsyncHTTPClient", "HTTPClient", "HTTPSConnection", "HTTPConnection", "Agent"})
# HTTP clients built with a base URL: every call through them goes to that host. -> the base URL's position
BASE_URL_CLIENTS = {"httpx.Client": 99, "httpx.AsyncClient": 99, "aiohttp.ClientSession": 0,
                    "requests_toolbelt.sessions.BaseUrlSession": 0, "requests_toolbelt.BaseUrlSession": 0}
# SDKs that other providers' APIs speak (DeepSeek, Groq, xAI, Together, Mistral... serve the OpenAI API): the
# keyword that points a client elsewhere. A literal URL of a catalogue domain names the recipient.
_COMPATIBLE_SDKS: dict[str, tuple[str, ...]] = {
    "openai.OpenAI": ("base_url",), "openai.AsyncOpenAI": ("base_url",),
    "langchain_openai.ChatOpenAI": ("base_url", "openai_api_base"),
    "langchain_openai.OpenAI": ("base_url", "openai_api_base"),
    "anthropic.Anthropic": ("base_url",), "anthropic.AsyncAnthropic": ("base_url",),
}
# An agent framework's model named as "provider:model" (pydantic-ai's `Agent("anthropic:claude-sonnet-4-0")`):
# the provider, by its prefix, is where the agent's runs send the prompt.
_AGENTS = {"pydantic_ai.Agent", "pydantic_ai.agent.Agent"}
_MODEL_PREFIXES = {"openai": "openai", "anthropic": "anthropic", "google-gla": "google_gemini",
                   "gemini": "google_gemini", "google-vertex": "google_vertex_ai", "groq": "groq", "mistral": "mistral",
                   "cohere": "cohere", "bedrock": "aws_bedrock", "deepseek": "deepseek", "grok": "xai",
                   "openrouter": "openrouter", "azure": "azure_openai", "together": "together_ai",
                   "fireworks": "fireworks_ai", "cerebras": "cerebras", "huggingface": "huggingface_inference"}
# LiteLLM's calls, which reach the provider their model string names: "anthropic/claude-3-5-sonnet" by its
# prefix, a bare OpenAI or Anthropic model by its name; "ollama/llama3" runs on the business's own machine.
_LITELLM = frozenset({f"litellm.{f}" for f in ("completion", "acompletion", "text_completion", "atext_completion",
                                               "embedding", "aembedding", "image_generation", "aimage_generation",
                                               "transcription", "atranscription", "speech", "aspeech", "responses",
                                               "aresponses", "batch_completion")})
_LITELLM_PREFIXES = {**_MODEL_PREFIXES, "gemini": "google_gemini", "vertex_ai": "google_vertex_ai",
                     "vertex_ai_beta": "google_vertex_ai", "together_ai": "together_ai", "xai": "xai",
                     "fireworks_ai": "fireworks_ai", "azure_ai": "azure_ai_foundry", "perplexity": "perplexity",
                     "replicate": "replicate", "voyage": "voyage_ai", "deepgram": "deepgram", "elevenlabs": "elevenlabs"}
_LITELLM_LOCAL = frozenset({"ollama", "ollama_chat", "lm_studio", "vllm", "hosted_vllm", "llamafile", "xinference"})
_LITELLM_BARE = (("gpt-", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4-", "openai"),
                 ("text-embedding-", "openai"), ("whisper-", "openai"), ("dall-e", "openai"), ("tts-", "openai"),
                 ("claude-", "anthropic"), ("command", "cohere"))
# Spellings of a catalogue call reached through a session or resource object.
_CALL_ALIASES = {"boto3.Session.client": "boto3.client", "boto3.session.Session.client": "boto3.client",
                 "boto3.resource": "boto3.client", "boto3.Session.resource": "boto3.client",
                 # aioboto3, boto3's asyncio twin: `async with aioboto3.Session().client("bedrock-runtime") as c:`
                 "aioboto3.Session.client": "boto3.client", "aioboto3.session.Session.client": "boto3.client",
                 "aioboto3.Session.resource": "boto3.client", "aioboto3.session.Session.resource": "boto3.client"}
# Classes that make SDK clients by name (`boto3.Session(...).client("ses")`): a function returning one is a factory
SESSIONS = frozenset({"boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session"})


def bytes_text(node: cst.BaseExpression | None) -> str | None:
    """A bytes literal's text (Twisted's Agent takes its method and URL as bytes: `b"POST"`, `b"https://..."`)."""
    value = literal_value(node) if isinstance(node, cst.SimpleString) else None
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else None


def literal_service(ctx: Context, node: cst.BaseExpression) -> str | None:
    """The service a call makes a client for by a literal: `boto3.client("ses")`, `httpx.Client(base_url=...)`."""
    if not isinstance(node, cst.Call) or not node.args:
        return None
    q = ctx.qualify(node.func) or ""
    q = _CALL_ALIASES.get(q, q)
    if q in BASE_URL_CLIENTS:  # httpx.Client(base_url="https://api.hubapi.com"): its calls go there
        base = arg(node, BASE_URL_CLIENTS[q], "base_url")
        text = ctx.constant(base) if base is not None else None
        return url_service(text, ctx.catalogue) if text else None
    if q in _AGENTS:
        return _agent_model(ctx, node)
    compatible = redirected(ctx, node)
    if compatible:  # OpenAI(base_url="https://api.deepseek.com"): DeepSeek's API, the openai package's client
        return compatible
    if q not in ctx.catalogue.call_functions:
        return None
    given = arg(node, 0, "service_name")
    for a in node.args if given is None else ():  # boto3.client(**kwargs), kwargs = {"service_name": "ses", ...}
        if a.star == "**" and isinstance(a.value, cst.Name):
            given = dict(ctx.lookup("spreads", a.value.value) or ()).get("service_name", given)
    # boto3.client("sesv2" if v2 else "ses"): both branches name one service
    choices = [given.body, given.orelse] if isinstance(given, cst.IfExp) else [given]
    found = {ctx.catalogue.by_call(q, literal) if (literal := string(c)) else None for c in choices}
    return found.pop() if len(found) == 1 else None


def _agent_model(ctx: Context, node: cst.Call) -> str | None:
    """The provider of the model an agent is given: `"openai:gpt-4o"`, or a provider's model class
    (`model = AnthropicModel(...)`, `Agent(model)`)."""
    model = arg(node, 0, "model")
    text = ctx.constant(model) if model is not None else None
    if text is not None:
        service = _MODEL_PREFIXES.get(text.partition(":")[0].lower()) if ":" in text else None
        return service if service in ctx.catalogue.services else None
    if isinstance(model, cst.Call):
        model = model.func
    q = ctx.qualify(model) if isinstance(model, (cst.Name, cst.Attribute)) else None
    service = ctx.sdk(q) if q and "." in q else None
    return service if service and service != ctx.sdk("pydantic_ai") else None


def redirected(ctx: Context, node: cst.Call) -> str | None:
    """Where a client of an SDK other providers' APIs speak is pointed by a literal base URL: the catalogued
    service its host names (`OpenAI(base_url="https://api.deepseek.com")`), "" for a server on this machine or
    the business's network (Ollama at `http://localhost:11434/v1`: no third party), None when it is not
    pointed elsewhere (then it is the SDK's own service)."""
    q = ctx.qualify(node.func) or ""
    if q in _LITELLM:
        return _litellm(ctx, node)
    if q not in _COMPATIBLE_SDKS:
        return None
    base = next((b for k in _COMPATIBLE_SDKS[q] if (b := arg(node, 99, k)) is not None), None)
    text = ctx.constant(base) if base is not None else None
    if not text:
        return None
    compatible = url_service(text, ctx.catalogue)
    if compatible:
        return compatible
    local = text.startswith(("http://", "https://")) and "{" not in text and external_host(text) is None
    return "" if local else None


def _litellm(ctx: Context, node: cst.Call) -> str | None:
    """The provider a LiteLLM call's model names, "" for a model served locally, None when the model (or a
    base URL) is configuration: then the call is LiteLLM's catalogue entry."""
    base = arg(node, 99, "api_base") or arg(node, 99, "base_url")
    text = ctx.constant(base) if base is not None else None
    if text is not None:
        if text.startswith(("http://", "https://")) and "{" not in text and external_host(text) is None:
            return ""  # api_base="http://localhost:4000": a proxy or a model on the business's own machine
        return url_service(text, ctx.catalogue)
    model = arg(node, 0, "model")
    name = (ctx.constant(model) if model is not None else None) or ""
    prefix, slash, rest = name.partition("/")
    if slash and prefix.lower() in _LITELLM_LOCAL:
        return ""
    service = _LITELLM_PREFIXES.get(prefix.lower()) if slash else next(
        (s for start, s in _LITELLM_BARE if name.lower().startswith(start)), None)
    return service if service in ctx.catalogue.services else None


def made_client(ctx: Context, value: cst.BaseExpression) -> tuple[str, str | None] | None:
    """(qualified name, literal service) when a value makes a client: an SDK's object, a boto3 session or
    client, an HTTP client. `render(...)` or `json.dumps(...)` is data, not a client."""
    if not isinstance(value, cst.Call):
        return None
    q = ctx.qualify(value.func)
    if not q or "." not in q:
        return None
    service = literal_service(ctx, value)
    # an HTTP client's session or pool (`requests.Session()`, `httpx.AsyncClient()`), not its answer (`requests.get`)
    http = q.startswith(HTTP_CLIENTS) and q.rpartition(".")[2][:1].isupper()
    if service or ctx.sdk(q) or q in SESSIONS or http or q.startswith(("boto3.", "aioboto3.")):
        return q, service
    return None
