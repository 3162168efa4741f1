"""Field rules and classification context: YAML in, validated values out.

Bundled rules live in `rules/fields/*.yaml`; a project adds or overrides rules
(same `id` replaces) in `.datamap/rules/*.yaml` or `[tool.datamap] rules`.
Every problem is reported as `file:line: message`, never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.classify_tokens import phrase, plural, singular
from scanner.inventory import Confidence
from scanner.taxonomy import Taxonomy
from scanner.yamlschema import Bool, Key, List, Map, SchemaError, Str, YamlInvalid, load, load_partial

# the parser behind `re` (Python 3.11+, which we require); used only to vet user regexes
import re._parser as _sre  # type: ignore[import-not-found]

LEVELS = ("low", "medium", "high")
NOT_PERSONAL = "none"  # a rule with this category says "this name is not personal data"
_MAX_REGEX = 200
ROWS = ("", "payment", "authentication", "person", "health", "address", "employment", "poster", "contract", "mailing",
        "account", "usage", "attachment", "request", "addressed", "published", "threepid", "consumption", "workout", "reported",
        "answered", "card")  # the row kinds a rule can be bound to


@dataclass(frozen=True)
class FieldRule:
    id: str
    category: str  # taxonomy key, or "none" for a rule that clears a name
    phrases: tuple[tuple[str, ...], ...]
    person_phrases: tuple[tuple[str, ...], ...]  # personal only when a person owns them (`name`)
    types: frozenset[str]
    context: str  # "any"; "not_thing": never on things (`Product.gender`); "person": only on a person's own row;
    # "everywhere": even on a business's row (a first name is a natural person's wherever it is stored)
    containers: frozenset[str]  # when set, only on these containers (`number` on a Card)
    confidence: Confidence
    flag: bool  # a boolean can itself be the datum (is_smoker), so no boolean veto
    timestamp: bool  # a date or time can be the datum (birth_date, last_login), so no timestamp veto
    row: str  # "", "payment", "authentication", "person", "health", "address" (a city and a postcode among the
    # neighbours), "employment" (a person's own row beside their employer or department) or "poster" (a forum poster's
    # profile, beside the count of their posts or threads) or "contract" (one worker's employment contract: a
    # contract's row beside an employee, a salary or a supervisor) or "mailing" (a person's subscription to mail: a
    # subscription's or subscriber's row beside a newsletter, a topic or a list, and no plan) or "account" (a person's
    # login account: a user's own row, an account at a login provider, a row beside a password or a last login) or
    # "usage" (a log of one person's use of the product: a page view, a search, a login attempt, a session, tied to
    # the person or their device) or "attachment" (a file attached to correspondence: a message's, a ticket's, a
    # note's or a CRM record's attachment row) or "addressed" (a log of mail or messages sent, with one recipient
    # stored on the row) or "published" (what a person published as an ActivityStreams actor: a media entry, a
    # collection, an object beside its `actor`) or "threepid" (a Matrix third-party identifier's row: a table named for
    # one, or an address beside its `medium`) or "workout" (one person's recorded workout, whatever its name: a row
    # beside a link to its person and two of a workout's measures, Strava's `Activity`) or "reported" (an issue or a bug
    # report a person filed: a row named for one, tied to them by a link) or "answered" (one respondent's answer: a row
    # linking a question and the response, submission or respondent it belongs to): also on a row of that kind
    regex: tuple[str, ...]  # user rules only: patterns over the snake_case name
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    source: str
    line: int = 0
    user: bool = False  # from a project's own rule files: wins ties against bundled rules
    text: bool = False  # the datum is a string (a session key): an integer column so named is a row id
    qualified: bool = False  # free text stays free text after a qualifying word (`admin_remarks`, `review_notes`)
    written: bool = False  # the datum is written text: a bounded string column so named holds a choice (a reason code)


@dataclass(frozen=True)
class Context:
    person: frozenset[str]  # natural people: their primary key is a personal identifier
    person_records: frozenset[str]  # rows about one person (session, address, profile)
    person_roles: frozenset[str]  # a link named so points at a person (owner, author, assignee)
    person_hints: frozenset[str]
    organization: frozenset[str]
    non_person: frozenset[str]
    weak_person: frozenset[str]  # contact, admin: too vague to claim a datum on a business's row
    owned_heads: frozenset[str]  # setting, preference: belong to the person word before them
    owner_links: frozenset[str]  # a neighbour named so makes the row about that person
    organization_fields: frozenset[str]  # a neighbour named so makes the row a business's
    software_fields: frozenset[str]  # a neighbour named so makes the row registered software (an OAuth client), whatever else
    person_data_tables: frozenset[str]  # a relation to one of these links to a person
    container_noise: frozenset[str]  # Abstract, Base, Model, Entity: not the head noun
    infrastructure: frozenset[str]  # server, proxy, host: an IP or name about machines
    veto_after: frozenset[str]
    veto_before: frozenset[str]
    boolean_types: frozenset[str]
    timestamp_types: frozenset[str]
    relation_types: frozenset[str]
    strong_types: frozenset[str]  # types that say what the value is whatever the name (EmailField, inet)
    text_types: frozenset[str]
    file_types: frozenset[str]  # a file's column (FileField): its value is a path, text as much as a CharField's
    id_tokens: frozenset[str]  # id, pk, uuid: the identifier of what precedes them
    payment_rows: frozenset[str]  # a table named with one of these holds payments
    auth_rows: frozenset[str]  # a table named with one of these holds a user's authentication
    transaction_rows: frozenset[str]  # orders, bookings, tickets: things a person does with the business
    payer_ties: frozenset[str]  # neighbours that tie a payment row to its payer
    ledger_rows: frozenset[str]  # payment words a business's books use too: such a row needs a payer tie
    health_records: frozenset[str]  # a table named with one of these is a patient's health record (VisitNote)
    health_rows: frozenset[str]  # clinical words a catalogue uses too (Medication): a health record when tied to a patient
    health_ties: frozenset[str]  # neighbours that tie a clinical row to its patient
    direction_ties: frozenset[str]  # a message row's field saying which way it went: both its sides are people's
    care_providers: frozenset[str]  # provider, prov: on a patient's clinical row, a link naming the clinician
    clinical_subjects: frozenset[str]  # before a record noun, a patient's record of it (MedicationRecord), tied or not
    clinical_record_nouns: frozenset[str]  # record, entry, report, statement: after a clinical word, one patient's record
    clinical_codes: frozenset[str]  # icd, snomed, loinc: a neighbour so named makes a clinical word's record a patient's
    employment_ties: frozenset[str]  # neighbours that say a person's row records their employment (company, department)
    business_qualifiers: frozenset[str]  # before a person word, the person is a business (EnterpriseCustomer)
    key_rows: frozenset[str]  # auth rows a business keeps too (APIKey): a person's only when tied to one
    steward_roles: frozenset[str]  # `author_email` on a thing's row is its author's, and leaves the thing a thing
    software_roles: frozenset[str]  # driver, worker, agent: software on a machine's row, not a person
    software_qualifiers: frozenset[str]  # before a person word, the "person" is a program (HttpClient, ApiUser)
    software_applications: frozenset[str]  # before `Application` only, it is software (ClientApplication)
    program_roles: frozenset[str]  # after a thing word, a program (DatasetConsumer, EventListener): not a person
    collectives: frozenset[str]  # group, community: before a person's table (profile), the collective's own row
    business_parties: frozenset[str]  # person words that name a business party as often (a plain-text `customer`)
    poster_ties: frozenset[str]  # neighbours that count a person's forum posts or threads: their row is a poster's profile
    workout_measures: frozenset[str]  # neighbours that measure a recorded workout (moving_time, average_heartrate)
    numeric_user_ids: frozenset[str]  # uid: a user's id wherever it is an integer (a UUID so named is the row's own)
    reported_rows: frozenset[str]  # issue, bugreport: beside a link to the person who filed it, what they wrote
    answer_units: frozenset[str]  # response, usersurvey: beside a `question`, the row is one respondent's answer
    generic_pointers: frozenset[str]  # reference, object: `<word>_id` beside `<word>_type` points at a row of any type
    credential_purposes: frozenset[str]  # before a bare key or token, what it opens (access_key, reset_token): a credential
    employment_contracts: frozenset[str]  # a contract's row (Contract, ContractProposal): an employment one beside a worker
    contract_ties: frozenset[str]  # neighbours that make a contract's row one worker's employment (employee, salary)
    mail_subscriptions: frozenset[str]  # a subscription's or a subscriber's row: to mail beside a newsletter or a list
    mail_rows: frozenset[str]  # a row named for a subscription to mail itself (NewsletterSubscriber): needs no mailing tie
    mailing_ties: frozenset[str]  # neighbours that make a subscription one to mail (newsletter, topic, mailing_list)
    mail_logs: frozenset[str]  # a log of mail or messages sent (EmailLog, SmsLog): each row one mail
    card_ties: frozenset[str]  # a neighbour so named makes the row a stored payment card's (a gateway's card token row)
    interaction_fields: frozenset[str]  # words of a person word's own row that make it an interaction (a call's channel)
    program_fields: frozenset[str]  # words of a person word's own row that make it a program (an LLM agent's prompt)
    recipient_ties: frozenset[str]  # neighbours that store a mail's one recipient (to, to_email, recipient, user)
    inbound_logs: frozenset[str]  # a message received (IncomingSMS, InboundEmail): beside its sender, what they wrote
    sender_ties: frozenset[str]  # neighbours that store who sent it (from_number, sender)
    notice_rows: frozenset[str]  # a row headed so is a notification: beside one recipient, that person's correspondence
    broadcast_ties: frozenset[str]  # neighbours that make it a mail to many (recipients, members, campaign, newsletter)
    billing_ties: frozenset[str]  # neighbours that make a subscription a paid plan's (plan, price): no mailing one
    account_heads: frozenset[str]  # a person's row headed so is their login account (User, Utilisateur)
    account_rows: frozenset[str]  # a person's account at a login provider (SocialAccount, UserSocialAuth)
    account_ties: frozenset[str]  # neighbours only a login account holds (password_hash, last_login)
    usage_logs: frozenset[str]  # a row named so logs a person's use of the product (PageView, LoginAttempt, SearchQuery)
    consumption_rows: frozenset[str]  # a row named so records what one person read, downloaded, watched (ReadBook)
    usage_words: frozenset[str]  # words such a log shares with other rows (Session, Visit, Request, Event): need a device tie
    device_ties: frozenset[str]  # neighbours that tie a row to the device a person used (ip, user_agent, session_key)
    scheduled_rows: frozenset[str]  # after a thing word, a scheduled sitting of it (EventSession), not a login session
    role_flags: frozenset[str]  # on a person's own row, a bare role word (admin, moderator) is their role, no link
    attachment_rows: frozenset[str]  # a row named so holds an attached file (Attachment, MailAttachment, CommentFile)
    attachment_ties: frozenset[str]  # neighbours that attach it to correspondence (message, ticket, note, object_id)
    other_cards: frozenset[str]  # before `card`, a card that pays for nothing at a bank (gift, loyalty, membership)
    shared_rows: frozenset[str]  # things many people act on (a topic, a thread): their last activity is no one person's
    personal_requests: frozenset[str]  # a person's own request, absence or incident: its description is what was written
    crypto_ties: frozenset[str]  # a hash, digest or key beside a `signature`: a cryptographic signature, not written text
    audit_rows: frozenset[str]  # an audit trail's or a ledger's row: its `signature` is a cryptographic one
    name_qualifiers: frozenset[str]  # before `name`, a kind of a person's own name (familiar, preferred, maiden)
    program_rows: frozenset[str]  # a task's, a job's or a queue's row: a worker or an agent on it is a process
    software_attributes: frozenset[str]  # version, secret: after a software role (`client_version`) it is a program
    process_ties: frozenset[str]  # pid, heartbeat: beside them a worker or an agent is a process
    threepid_rows: frozenset[str]  # a table named with one holds Matrix third-party identifiers (threepid, 3pid)
    program_types: frozenset[str]  # a type named with one at its end is a program object (EmailValidator): no datum
    connection_types: frozenset[str]  # the same after a word that is no person's (ClientSession, not UserSession)
    threepid_ties: frozenset[str]  # beside one (`medium`: "email", "msisdn"), an `address` is a 3PID's


_RULE = Map(
    {
        "id": Key(Str(), required=True),
        "category": Key(Str(located=True), required=True),  # (category, line): an unknown one is shown at its line
        "names": Key(List(Str())),
        "names_on_person": Key(List(Str())),
        "regex": Key(List(Str(located=True), scalar_ok=True)),  # (pattern, line): a refused one is shown at its line
        "types": Key(List(Str())),
        "context": Key(Str()),
        "containers": Key(List(Str())),
        "confidence": Key(Str()),
        "flag": Key(Bool()),
        "timestamp": Key(Bool()),
        "text": Key(Bool()),
        "qualified": Key(Bool()),
        "written": Key(Bool()),
        "row": Key(Str()),
        "examples": Key(Map({"match": Key(List(Str())), "no_match": Key(List(Str()))})),
    }
)
_RULES_FILE = Map({"rules": Key(List(_RULE), required=True)})
_CONTEXT_KEYS = tuple(Context.__dataclass_fields__)
_CONTEXT_FILE = Map({k: Key(List(Str()), required=True) for k in _CONTEXT_KEYS})


def phrases(names: list[str]) -> tuple[tuple[str, ...], ...]:
    out: set[tuple[str, ...]] = set()
    for n in names:
        tokens = phrase(n)
        if not tokens:
            continue
        out.add(tokens)
        # plural forms come for free: `emails`, `addresses`, `phones`
        last = tokens[-1]
        if not last.isdigit() and len(last) > 2:
            out.add(tokens[:-1] + (plural(last),))
    return tuple(sorted(out))


def regex_problem(pattern: str) -> str:
    """Why a user's pattern is refused ("" when it is fine).

    Names are short, but a pattern with a quantified group that itself holds a
    quantifier or an alternation (`(a+)+`, `(a|aa)*`) can still backtrack
    exponentially, so such patterns are refused outright rather than time-boxed.
    """
    if len(pattern) > _MAX_REGEX:
        return f"regex longer than {_MAX_REGEX} characters"
    try:
        parsed = _sre.parse(pattern)
    except re.error as exc:
        return f"invalid regex {pattern!r}: {exc}"
    problem = _walk(parsed, in_repeat=False)
    return f"regex {pattern!r} {problem}" if problem else ""


def _walk(items: object, in_repeat: bool) -> str:
    repeats = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
    for op, av in items:  # type: ignore[attr-defined]
        if op in repeats:
            _low, high, sub = av
            many = high > 1
            if many and in_repeat:
                return "nests one quantifier inside another (catastrophic backtracking); rewrite it without the nesting"
            problem = _walk(sub, in_repeat or many)
            if problem:
                return problem
        elif op is _sre.SUBPATTERN:
            problem = _walk(av[-1], in_repeat)
            if problem:
                return problem
        elif op is _sre.BRANCH:
            if in_repeat:
                return "repeats an alternation (catastrophic backtracking); use a character class or separate patterns"
            for branch in av[1]:
                problem = _walk(branch, in_repeat)
                if problem:
                    return problem
        elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return "uses a backreference; field-name rules do not need them"
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            problem = _walk(av[1], in_repeat)
            if problem:
                return problem
    return ""


def load_rules(files: list[Path], taxonomy: Taxonomy, display_root: Path | None = None,
               user_files: frozenset[Path] = frozenset()) -> list[FieldRule]:
    """Load field rules; later files override earlier rules with the same id.

    Files in `user_files` are a project's own: their rules may use `regex` and
    `category: none`, and win ties against bundled rules.
    """
    by_id: dict[str, FieldRule] = {}
    errors: list[SchemaError] = []
    for file in files:
        shown = str(file.relative_to(display_root)) if display_root and file.is_relative_to(display_root) else str(file)
        try:
            # the schema's problems and the rules' own (an unknown category, a refused regex) in one run, not in
            # rounds as each is fixed (audit12 #19); a rule whose id or category failed is reported and left out
            raw, problems = load_partial(file, _RULES_FILE, shown, "rule file")
        except YamlInvalid as exc:
            errors.extend(exc.errors)
            continue
        errors.extend(problems)
        for r in (raw or {}).get("rules") or ():
            if not isinstance(r, dict) or r.get("id") is None or r.get("category") is None:
                continue
            rule = _rule(r, shown, taxonomy, file in user_files, errors)
            if rule is not None:
                by_id[rule.id] = rule
    if errors:
        # "invalid YAML" only heads a file that is not YAML; its syntax error keeps that on its own line
        raise YamlInvalid(errors, "invalid rule file")
    return sorted(by_id.values(), key=lambda r: r.id)


def _rule(r: dict[str, Any], shown: str, taxonomy: Taxonomy, user: bool, errors: list[SchemaError]) -> FieldRule | None:
    line, rid = r["_line"], r["id"]

    def fail(message: str, at: int = 0) -> None:
        errors.append(SchemaError(shown, at or line, f"rule {rid}: {message}"))

    category, category_line = r["category"]
    if category.strip().lower() != NOT_PERSONAL:
        try:
            category = taxonomy.categories.resolve(category)
        except ValueError as exc:
            fail(str(exc), category_line)
            return None
        if "." not in category:
            # the taxonomy's root covers every category: a field filed under it would be declared as `- category: user`,
            # which the data map refuses, and would say nothing of what the field holds (audit15 #01)
            fail(f"category {category!r} is the taxonomy's root and covers every category: name a category under it",
                 category_line)
            return None
    else:
        category = NOT_PERSONAL
    confidence = r.get("confidence") or "medium"
    context = r.get("context") or "any"
    if confidence not in LEVELS:
        fail(f"confidence must be one of {', '.join(LEVELS)}, not {confidence!r}")
        return None
    if context not in ("any", "not_thing", "person", "everywhere"):
        fail(f"context must be 'any', 'not_thing', 'person' or 'everywhere', not {context!r}")
        return None
    row = r.get("row") or ""
    if row not in ROWS:
        fail(f"row must be one of {', '.join(ROWS)}, not {row!r}")
        return None
    located: list[tuple[str, int]] = r.get("regex") or []
    patterns = tuple(p for p, _ in located)
    bad = [(problem, at) for p, at in located if (problem := regex_problem(p))]
    if bad:
        for problem, at in bad:
            fail(problem, at)
        return None
    names, on_person = r.get("names") or [], r.get("names_on_person") or []
    if not (names or on_person or patterns or r.get("types")):
        fail("needs at least one of names, names_on_person, regex or types")
        return None
    examples = r.get("examples") or {}
    return FieldRule(
        id=rid,
        category=category,
        phrases=phrases(names),
        person_phrases=phrases(on_person),
        types=frozenset(t.lower() for t in r.get("types") or ()),
        context=context,
        containers=frozenset(singular(c.lower()) for c in r.get("containers") or ()),
        confidence=confidence,  # type: ignore[arg-type]
        flag=bool(r.get("flag")),
        timestamp=bool(r.get("timestamp")),
        text=bool(r.get("text")),
        qualified=bool(r.get("qualified")),
        written=bool(r.get("written")),
        row=row,
        regex=patterns,
        match=tuple(examples.get("match") or ()),
        no_match=tuple(examples.get("no_match") or ()),
        source=shown,
        line=line,
        user=user,
    )


def load_context(file: Path) -> Context:
    raw = load(file, _CONTEXT_FILE)
    return Context(**{k: frozenset(singular(v.lower()) if k in _SINGULAR else v.lower() for v in raw[k])
                      for k in _CONTEXT_KEYS})


# container words are compared after singularising, so the lists are too
_SINGULAR = {"person", "person_records", "person_roles", "organization", "non_person", "container_noise", "owned_heads",
             "weak_person", "owner_links", "person_data_tables", "payment_rows", "auth_rows", "transaction_rows", "ledger_rows",
             "health_records", "health_rows", "health_ties", "clinical_subjects", "clinical_record_nouns", "business_qualifiers", "key_rows",
             "software_qualifiers", "software_applications", "business_parties", "program_roles",
             "collectives", "employment_contracts", "mail_subscriptions", "mail_rows", "mail_logs", "notice_rows", "inbound_logs", "account_heads", "account_rows",
             "usage_logs", "usage_words", "consumption_rows", "attachment_rows", "scheduled_rows", "shared_rows",
             "personal_requests", "audit_rows", "program_rows", "threepid_rows", "reported_rows",
             "answer_units", "interaction_fields", "program_fields"}


def parse_example(example: str) -> tuple[str, str, str]:
    """`Customer.name:varchar` -> (name, container, type)."""
    ref, _, type_hint = example.partition(":")
    container, _, name = ref.rpartition(".")
    return name.strip(), container.strip(), type_hint.strip()
