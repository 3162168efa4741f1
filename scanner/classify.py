"""Field name + container + type (+ neighbours) -> personal-data category, with the reason.

Names are split into tokens (`customerEmail`, `billing_email`, `EMAIL-2` all
give `email`), then matched against phrase rules through a first-token index:
one dict lookup per token, never a loop of regexes over every rule. What the
tokens mean is then checked against the context (`rules/context.yaml`): the
container (a `name` on a Customer is a person's, on a Product it is not), the
neighbouring fields (a row with `employee` and `iban` is about that employee),
the words around the datum (`email_verified_at` is about the email, not the
email) and the type (a boolean or a timestamp is not the datum; a ForeignKey
to a person is a link to that person).

Rule loading lives in `classify_rules.py`, tokenising in `classify_tokens.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from operator import itemgetter
from typing import NamedTuple, TypeVar

from scanner.classify_senses import Senses, in_sense, word_senses
from scanner.classify_rules import NOT_PERSONAL, ROWS, Context, FieldRule, load_context, load_rules, parse_example, regex_problem
from scanner.classify_tokens import Splitter, held_class, singular, tokenize, type_name, type_target
from scanner.inventory import CONFIDENCE_RANK, Classification, Confidence, Field, RawField
from scanner.taxonomy import Taxonomy, covers

__all__ = ["Classifier", "Context", "FieldRule", "at_least", "classify_fields", "classify_labelled", "load_context", "load_rules",
           "parse_example", "regex_problem", "tokenize"]

_LINK_RULE = "identifier.person_link"
_OBJECT_RULE = "identifier.person_object"
_PK_RULE = "identifier.person_key"
# fields whose presence says "this row is about one person" (two of them are needed)
_EVIDENCE = frozenset({"contact.email", "contact.phone", "name.first", "name.last", "demographic.dob", "name.full", "device.ip"})
# `nome` beside `cognome` is the first name, `nom` beside `prenom` the last
_INTEGER_TYPES = frozenset({"int", "integer", "biginteger", "smallinteger", "bigint", "smallint", "serial",
                            "bigserial", "integerfield", "bigintegerfield", "positiveintegerfield",
                            "positivebigintegerfield", "smallintegerfield", "positivesmallintegerfield", "int4", "int8"})
# numbers and durations: never a text-only datum (`line_price_gross` as a DecimalField is no street)
_NUMERIC_TYPES = _INTEGER_TYPES | frozenset({"decimal", "decimalfield", "numeric", "float", "floatfield", "double",
                                             "real", "money", "moneyfield", "durationfield", "duration", "interval",
                                             "timedelta", "number", "conint", "confloat", "condecimal"})
# a business's quantities on a line, a card or a cart: a price, a tax, a fee
_QUANTITIES = frozenset({"price", "prices", "gross", "net", "tax", "taxes", "fee", "fees", "amount", "cost", "total",
                         "subtotal", "discount", "vat", "quantity", "qty", "rate"})
_PAYMENT_CARD, _CREDENTIALS, _KEY = "user.financial.credit_card", "user.authorization.credentials", ("key",)
_IDENTIFIERS = ("user.government_id", "user.unique_id")
_TEXT_ONLY = ("user.contact.address.street", "user.name", "user.account.username", "user.contact.email")
# an enumeration's or a choice's column holds one of fixed values: never a link to a person's row
_CHOICE_TYPES = frozenset({"enum", "enumfield", "sqlenum", "pgenum", "enumtype", "choicefield", "typedchoicefield",
                           "multiplechoicefield", "typedmultiplechoicefield", "selectfield", "radiofield",
                           "selectmultiplefield", "literal", "intenum", "strenum", "textchoices", "integerchoices",
                           "enumchoicefield", "enumintegerfield", "enumcharfield"})
# Veto reasons without their words, for the hot path (`classify` without `explain`): only
# whether a veto is about metadata or ownership matters there.
_VETO, _VETO_METADATA, _VETO_OWNER = "vetoed", "metadata", "belongs to"
_BESIDE_BUSINESS = "beside the business field "
_SALUTATION = frozenset({("title",), ("name", "title"), ("title", "name"), ("name", "prefix")})
_SALUTATION_RULE = "demographic.salutation"
_GENERIC_NAME = frozenset({"name", "nom", "nome", "nombre", "naam", "nimi", "navn", "names"})
# Beside one of these, a person's plain `name` is the account's name (CKAN's User: `name` and `fullname`).
_FULL_NAME = frozenset({"full_name", "fullname", "display_name", "displayname", "real_name", "realname", "legal_name"})
# evidence only a natural person has: a business has an e-mail and a phone too, not a first name or a birth date
_PERSON_ONLY = frozenset({"name.first", "name.last", "demographic.dob", "name.full"})
# a name beside a latitude and a longitude, with no person on the row, is a place (a pick-up point, a clinic)
_LATITUDE = frozenset({"latitude", "lat", "geo_lat", "gps_lat", "location_lat"})
_LONGITUDE = frozenset({"longitude", "lng", "lon", "long", "geo_lng", "geo_lon", "gps_lng", "gps_lon", "location_lng"})
_PLACE_ADDRESS = frozenset({"address", "street_address", "full_address", "location_address"})
_UNSEEN = object()
# what a person's row can hold as a link to a lookup table (Country, Municipality, Language, EducationLevel,
# BloodGroup, a diagnosis code's Mkb)
_LOOKUP_CATEGORIES = ("user.contact.address.", "user.demographic", "user.job_title", "user.health_and_medical")
# what an integer `<datum>_id` column on a person's row can link to: a lookup of one named attribute (Sex,
# Country, Nationality, Position), not a looser one (`school_id` is the school's row, not an education level)
_LOOKUP_IDS = ("user.contact.address.", "user.demographic.", "user.job_title")
_HEALTH = ("user.health_and_medical",)
_PATIENT_WORDS = frozenset({"patient", "inpatient", "outpatient"})
# what a clinician writes about a patient: a `Note`, a `Report`, a `Summary` beside `patient_id` is a clinical one (a
# `VisitRequest`, a `FamilyMemberHistory` beside the patient holds what the patient asked, a relative's name)
_CLINICAL_WRITINGS = frozenset({"note", "report", "summary"})
# neighbours that make a row hold a postal address: a city beside a postcode or a street line
_CITY = frozenset({"city", "town", "ciudad", "ville", "stadt", "cidade", "citta",
                   # LDAP's, vCard's and schema.org's name for it (canaille's User: street, postal_code, locality, region)
                   "locality", "address_locality", "address_city", "city_name", "suburb", "ort", "wohnort"})
_POSTAL = frozenset({"zip", "zip_code", "zipcode", "postal_code", "postcode", "post_code", "postalcode", "plz",
                     "cep", "street", "street_address", "address", "address1", "address_1", "address_line1",
                     "address_line_1", "line1"})
_new_match = tuple.__new__
_DIGIT = re.compile(r"\d")
_ORDER = itemgetter(0)
# token bits (Classifier._flags)
_VETO_AFTER, _VETO_BEFORE, _HINT, _NOT_OWNER, _STRONG_PERSON = 1, 2, 4, 8, 16
_LINKLESS = 32  # a last word no link to a person ends in (see `_person_link`)
_MACHINE = "is a machine or service"  # the reason a container's kind gives when it is infrastructure
_PRIMARY_KEY = "the primary key of a person table"
_PERSON_DATA = ", a table of a person's data"  # the reason a link to an address or contact table gives
# `relation_to_resident`, `relationship_to_patient`: the kind of a tie to someone, not a link to them
_RELATION_WORDS = frozenset({"relation", "relationship", "relations", "relationships"})
_TO_WHOM = frozenset({"assigned", "reports", "delegated", "escalated", "allocated"})  # `assigned_to`: a person
_DEVICE_RECORD = "'device' is a record about a person"  # the reason a Device table's name gives
_RECORD_WHY = " is a record about a person"  # the reason a record's table name gives (a Chat, a Credential, a Message)
# the head of a settings table: on a business's or a system's one, a field named for a datum configures it
_ACTIVITY_LOGS = frozenset({"activity", "action", "log", "event", "audit", "history"})  # an actor's log: what they did
_ISSUERS = frozenset({"provider", "source", "backend", "idp", "issuer", "realm", "system"})  # who gave a person a `uid`
_MERCHANT_ROLES = frozenset({"receiver"})  # who receives a payment: the business being paid
# what a gateway's API calls a payer's pending payment (PayPal's orders and authorizations, a hosted checkout): a
# payment row when it carries a payment's own id beside the person it is for
_GATEWAY_OBJECTS = frozenset({"order", "authorization", "checkout"})
# the payment rows' common nouns, as against the gateways' names among them (paypal, stripe)
_PAYMENT_WORDS = frozenset({"payment", "payin", "charge", "refund", "transaction", "txn", "donation", "payout",
                            "remittance", "tip", "chargeback", "dispute", "purchase", "checkout", "invoicepayment",
                            "subscriptionpayment", "reservation", "booking", "contribution", "receipt", "fee",
                            "commission", "repayment", "installment", "instalment", "capture", "topup"})
_CONFIG_HEADS = frozenset({"setting", "config", "configuration"})
# a mail row's recipients, and the words that end a moment: such a row with no moment was never sent (a template)
_PRIVATE_CONTENT = "user.content.private"
_MAIL_RULES = frozenset({"content.mail_in_context", "contact.email_recipients", "contact.address_of_email_row"})
_MAIL_ADDRESSEES = frozenset({"to", "cc", "bcc", "recipient", "recipients"})
_MOMENT_ENDS = frozenset({"at", "on", "date", "time", "datetime", "timestamp", "sent", "created", "modified", "updated",
                          "when", "ts"})
_EMPLOYMENT_CONTRACT = "its employee, salary or supervisor makes it one worker's employment contract"
_WEAK_TIE = "may name a business, and nothing else on the row is a person's"  # a plain `customer` alone on a row
# names a thing has as often as a person: on a thing a person owns (a Shelf, a Wallet, a UserMacro), its own
_THING_NAMES = frozenset({("name",), ("names",), ("nom",), ("nome",), ("nombre",), ("naam",), ("display", "name"),
                          ("displayname",), ("family",)})
# words that name a model's attribute as code (`email_field`, `phone_column`): after a datum of a type that says what
# the value is (an EmailField), they say nothing about it
_CODE_WORDS = frozenset({"field", "column", "col", "attr", "attribute", "input", "value"})
_MESSAGE_PHONE = "contact.phone_on_message"  # a text message's from or to number: the person's side only
_SENDING = frozenset({"from", "sender"})
_FORM_SUFFIXES = frozenset({"form", "forms", "modelform", "formset"})
_OUTBOUND = frozenset(singular(w) for w in ("outgoingsms", "outboundsms", "sentsms", "outgoingmessage", "outboundmessage"))
_BARE_KEYS = frozenset({"key", "token", "secret"})  # a key's own word: what comes before it says what it is for
# what a person's datum beside a field says about the row: it describes that person (not a link, a usage, a text)
# what a person holds with the business (a wallet's or an account's balance) is theirs, but says nothing of who they
# are: beside it, a `wallet_name` is still the name of the wallet they own
_CORRESPONDENCE = frozenset({"mail", "email", "message", "comment", "ticket", "followup", "reply"})  # an attachment's
_ORG_MODIFIER = "before a head noun of no known kind is a business or system"
_ORG_HEAD = " is a business or system"
# what a payment row holds of its payer beyond the amounts: their memo, their bank account
_PAYER_HELD = ("user.content", "user.financial.bank_account")
# person words that, after a business word, are still one person in it (`OrganizationUser`, `CompanyEmployee`)
_MEMBERS = frozenset({"user", "member", "employee", "staff", "worker", "admin", "administrator", "learner", "student",
                      "participant", "attendee", "trainee", "teacher", "volunteer", "candidate", "applicant", "driver"})
# (people in a business: an `EnterpriseLearner`, a `CompanyStudent`; an `EnterpriseCustomer` is a business)
_AMOUNTS = frozenset({"amount", "total", "gross"})  # a neighbour with one of these records an amount paid
_HOLDINGS = frozenset({"financial.balance_of_person"})
_DESCRIBING = ("user.contact", "user.name", "user.demographic", "user.government_id", "user.financial",
               "user.health_and_medical", "user.job_title", "user.workplace", "user.biometric", "user.location")


def _base(end: int, n: int) -> int:
    """A match's sort key before its rule's rank (below 8): the rightmost end first, then the longest."""
    return -(end * 256 + n) * 8


def _words(tokens: tuple[str, ...], m: _Match) -> str:
    return " ".join(tokens[m.start : m.end])
_ANSWERS = 1 << 18
_POSITIONS = 12  # one-word matches are built once for this many positions (names longer than that are rare)
# FHIR-style primitive types: a field of one of these can be an identifier; any other `...Type` is a structure
# an annotation's words: the typing wrappers around the classes it holds, and the classes that hold a plain value
_TYPE_WORD = re.compile(r"[A-Za-z_][\w.]*")
_TYPING_WRAPPERS = frozenset({"Optional", "Union", "List", "list", "Sequence", "Iterable", "Set", "set", "FrozenSet",
                              "frozenset", "Tuple", "tuple", "None", "typing", "Annotated", "ClassVar", "Final",
                              "Unset", "UnsetType", "NotRequired", "Required"})
_VALUE_CLASSES = frozenset({"uuid", "uuid4", "objectid", "pydanticobjectid", "snowflake", "decimal", "any", "object",
                            "secretstr", "json", "jsonvalue", "namedemail", "literal", "enum", "strenum", "intenum"})
_SCALAR_TYPES = frozenset({"referencetype", "stringtype", "idtype", "uuidtype", "identifiertype", "codetype", "uritype",
                           "urltype", "integertype", "positiveinttype", "unsignedinttype", "oidtype"})
# a person's switch over their own datum (`show_country`, `email_is_confidential`): their privacy choice
_SHOW_WORDS = frozenset({"show", "hide", "publish", "share", "display"})
_HIDDEN_WORDS = frozenset({"hidden", "confidential", "private", "public", "visible", "shown", "published"})
_NEGATIONS = frozenset({"no", "not", "non", "without"})
_PRIVACY = "user.privacy_preferences"
_USAGE = "user.behavior"
_CONTENT = "user.content"
_PROFILE = "user.demographic.profile"
_DEVICE_ID = "user.device.device_id"
_CLIENT_SECRETS = frozenset({"secret", "key", "client", "shared", "api"})  # `secret_key`, `client_secret`, `api_key`
_URL_TYPES = frozenset({"urlfield", "url", "httpurl", "anyurl", "anyhttpurl", "urltype", "uritype"})
_CODED = frozenset({("code",), ("key",)})
_SUBJECT_REFS = frozenset({"ref", "reference", "id", "uuid"})
# data no list of fixed values can hold: a person's own address, name, e-mail, phone or username
_FREE_VALUES = ("user.contact.email", "user.contact.phone_number", "user.contact.fax", "user.contact.address.street",
                "user.contact.url", "user.name", "user.account.username")  # (a country or a state from a list is one)
# before `profile`, things a schema profiles (gramps' PlaceProfile, EventProfile): not a forum's or a board's profile of
# its member (ForumProfile, BoardProfile)
_PROFILED_THINGS = frozenset({"place", "location", "event", "repository", "source", "citation", "product", "item",
                              "dataset", "asset", "document", "media"})
_LOGIN_NAMES = frozenset({"email", "username", "user_name", "login", "email_address"})
_SWITCH_RULE = "privacy.visibility_switch"
# a small row that wraps one datum of a person's profile (`Religion(value, visible)`, an API's per-attribute object):
# its value slot holds the datum its class is named for, its visibility switch is the person's choice over it
_WRAPPER_RULE = "profile.attribute_wrapper"
_VALUE_SLOTS = frozenset({("value",), ("values",)})
_VISIBILITY = frozenset({("visible",), ("is", "visible"), ("hidden",), ("is", "hidden"), ("public",), ("is", "public")})
_WRAPPED = ("user.demographic", "user.health_and_medical", "user.job_title", "user.workplace", "user.location",
            "user.contact.address.")
# bounded string columns: a `reason` kept in one is mostly a choice among fixed reasons, not written text
_BOUNDED_TEXT = frozenset({"charfield", "varchar", "char", "string", "nullcharfield", "i18ncharfield", "encryptedcharfield",
                           "nvarchar", "nchar"})
_COUNTING = frozenset({"number", "of", "total", "count", "num", "nb", "qty", "quantity"})
_USER_MODELS = frozenset({"auth_user_model", "user_model", "user_model_name", "get_user_model", "abstractbaseuser",
                          "abstractuser", "settings"})


class _Match(NamedTuple):  # built for every candidate with tuple.__new__ (no Python-level __new__)
    order: int  # sort key: the rightmost, then the longest, then a project's rule, then a container-bound one
    start: int
    end: int
    rule: FieldRule
    on_person: bool


@dataclass(frozen=True)
class _Kind:
    kind: str  # person, record, organization, thing, unknown
    why: str


_UNKNOWN = _Kind("unknown", "")  # (frozen: one object serves every relation that names no kind)


class _Place(NamedTuple):
    """A container and a type hint, worked out once for the fields that have no neighbours."""
    kind: _Kind
    tname: str
    key: str  # the same for pairs that no name can tell apart: the answer cache keys on this
    relation: str | None  # why a relation to a named model points at a person ("" when not); None: the name decides
    settled: bool  # the answer is `answer` whatever the name (a relation decided by what it points at)
    answer: Classification | None
    held: str  # the person's class the type holds whole ("" when none): see `_person_object`
    plain: bool  # no type rule, relation or nested person here: see `_surely_none`
    placed: dict[str, bool]  # rule id -> whether the rule is in place here by the container alone (`_placed`)
    switch: bool  # a boolean on a person's row: it may be their privacy choice (`_privacy_switch`)


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """A cache that stops growing at its limit: the classifier lives for a whole scan, and code
    repeats names, containers and rows, so early answers are the ones worth keeping."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: _K, value: _V) -> None:
        if len(self) < self.limit:
            super().__setitem__(key, value)


class _TokenBits(dict[str, int]):
    """What a token is to the context lists, as bits: one dict probe instead of a dozen set tests.
    A miss works them out (`__missing__`), so a probe is `bits[token]`, with no Python-level call."""

    def __init__(self, context: Context, limit: int) -> None:
        super().__init__()
        self.context, self.limit = context, limit

    def __missing__(self, token: str) -> int:
        c, s = self.context, singular(token)
        found = ((_VETO_AFTER if token in c.veto_after else 0)
                 | (_VETO_BEFORE if token in c.veto_before else 0)
                 | (_HINT if token in c.person_hints else 0)
                 | (_NOT_OWNER if s in c.organization or s in c.non_person or s in c.infrastructure else 0)
                 | (_STRONG_PERSON if (s in c.person or token in c.person_roles) and token not in c.weak_person else 0)
                 | (_LINKLESS if not (token.isdigit() or token in c.id_tokens or s in c.person or s in c.person_roles
                                      or s in ("to", "by", "user")) else 0))
        if len(self) < self.limit:
            self[token] = found
        return found


_LoneToken = tuple[bool, bool, tuple[FieldRule, ...], tuple[int, ...], frozenset[str], bool]
_INERT: _LoneToken = (False, False, (), (), frozenset(), False)  # a token that is nothing to `_surely_none`: one object


class _LoneTokens(dict[str, _LoneToken]):
    """What a token is to `_surely_none`, worked out on its first probe: (a metadata word after a datum, a one-word
    candidate of a rule bound to no place, those of rules bound to one, the longer phrases it starts: their lengths
    and second words, and whether a rule is bound to it as a container word), from the index of the rules that hold
    without neighbours."""

    def __init__(self, classifier: Classifier) -> None:
        super().__init__()
        self.classifier = classifier

    def __missing__(self, token: str) -> _LoneToken:
        c = self.classifier
        va = bool(c._flags(token) & _VETO_AFTER)
        owner = singular(token) in c._rule_containers
        entry = c._bare_starts.get(token)
        if entry is None:
            found: _LoneToken = _INERT if not (va or owner) else (va, False, (), (), frozenset(), owner)
        else:
            lengths, seconds, singles, _ = entry
            personal = [rule for rule, _, _ in singles if rule.category != NOT_PERSONAL]
            found = (va, any(not (r.containers or r.row) for r in personal),
                     tuple(r for r in personal if r.containers or r.row), lengths, seconds, owner)
            if found == _INERT:
                found = _INERT
        if len(self) < 200_000:
            self[token] = found
        return found


class Classifier:
    def __init__(self, rules: list[FieldRule], context: Context, taxonomy: Taxonomy | None = None) -> None:
        self.rules = rules
        self.context = context
        self.taxonomy = taxonomy
        self._program_ends = tuple(context.program_types | context.connection_types)  # one str.endswith per field
        self._programs: dict[str, bool] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], FieldRule, bool]]] = {}
        self._by_type: dict[str, FieldRule] = {}
        vocabulary: set[str] = set()
        for rule in rules:
            for p in rule.phrases:
                self._by_first.setdefault(p[0], []).append((p, rule, False))
                vocabulary.update(p)
            for p in rule.person_phrases:
                self._by_first.setdefault(p[0], []).append((p, rule, True))
                vocabulary.update(p)
            for t in rule.types:
                if t not in self._by_type or rule.user:
                    self._by_type[t] = rule
        for entries in self._by_first.values():
            entries.sort(key=lambda e: (-len(e[0]), not e[1].user))
        self._starts, self._by_phrase = self._index(lambda rule: True)
        # without neighbours, the rules that need them to hold (a usage log's, a subscription's, a worker's contract,
        # a payer's memo) never hold: a name classified alone is matched against the others only
        self._bare_starts, self._bare_by_phrase = self._index(lambda rule: not _needs_neighbours(rule))
        for words in (context.person, context.person_records, context.person_roles, context.organization,
                      context.non_person, context.infrastructure, context.id_tokens, context.veto_after,
                      context.veto_before, context.person_hints):
            vocabulary.update(w for w in words if w.isalpha())
        vocabulary.update(context.id_tokens)
        pairs = {(p[0], p[1]) for entries in self._by_first.values() for p, _, _ in entries if len(p) >= 2}
        pairs.update((w, i) for w in context.person | context.person_roles for i in context.id_tokens)
        # a person word or a hint run into a one-word datum (SCREAMING `CUSTOMEREMAIL`, `BILLINGPHONE`, `USERPHONE`)
        data = {p[0] for rule in rules if rule.category != NOT_PERSONAL for p in rule.phrases if len(p) == 1 and len(p[0]) >= 3}
        people = {w for w in context.person | context.person_roles | context.person_hints if len(w) >= 3 and w.isalpha()}
        # (as a product, not ~360k pairs: building those cost a third of every run's start, pre-commit's included)
        self._splitter = Splitter({w for w in vocabulary if len(w) >= 2}, pairs, people, frozenset(data))
        regex_rules = [r for r in rules if r.regex]
        self._regex_rules = regex_rules
        self._regex = (
            re.compile("|".join(f"(?P<r{i}>{'|'.join(f'(?:{p})' for p in r.regex)})" for i, r in enumerate(regex_rules)))
            if regex_rules else None
        )
        self._kinds: _Memo[str, _Kind] = _Memo(50_000)
        self._words: _Memo[str, frozenset[str]] = _Memo(50_000)
        self._all_words: _Memo[str, frozenset[str]] = _Memo(50_000)
        self._ties: _Memo[tuple[str, ...], bool] = _Memo(50_000)
        self._measures: _Memo[tuple[str, ...], int] = _Memo(50_000)
        self._held_objects: _Memo[str, bool] = _Memo(50_000)
        self._workout_words = frozenset(m.replace("_", "") for m in context.workout_measures)
        self._sensitive = frozenset(k for k in taxonomy.categories.terms if taxonomy.is_sensitive(k)) if taxonomy else frozenset()
        self._record_memo: _Memo[tuple[str, ...], tuple[str, str]] = _Memo(50_000)
        self._named_memo: _Memo[tuple[str, ...], bool] = _Memo(50_000)
        self._flags: Callable[[str], int] = _TokenBits(context, 200_000).__getitem__
        self._fits: _Memo[tuple[str, str], bool] = _Memo(50_000)
        self._compounds: _Memo[str, tuple[str, bool]] = _Memo(50_000)
        self._no_link = context.veto_before | _COUNTING
        self._quantities = _QUANTITIES
        # `GiftCard`, `LoyaltyCard`, `SimCard` (a container's words hold its pairs run together): no bank's card
        self._other_cards = frozenset({w + "card" for w in context.other_cards} | {
            w for w in context.other_cards if w.endswith("card")})
        # bounded at _ANSWERS like a _Memo, by `classify` itself: the hot path makes no extra call per new key
        self._token_answers: dict[str, Classification | None] = {}
        self._places: _Memo[tuple[str, str], _Place] = _Memo(50_000)
        self._row_facts: _Memo[str, tuple[_Kind, frozenset[str], tuple[bool, ...], frozenset[str]]] = _Memo(50_000)
        self._place_keys: _Memo[tuple[object, ...], str] = _Memo(50_000)
        self._place_ids = count()
        self._held: _Memo[str, str] = _Memo(50_000)
        self._rule_containers = frozenset().union(*(r.containers for r in rules))
        self._vocabulary = frozenset(vocabulary)
        self._number = next(n for n in ("0" * k for k in count(1)) if n not in vocabulary)  # see `classify`
        self._lone = _LoneTokens(self)
        self._link_heads = context.person | context.person_roles | {"to", "by", "user"}  # see `_person_link`

    def _index(self, keep: Callable[[FieldRule], bool]) -> tuple[
            dict[str, tuple[tuple[int, ...], frozenset[str], list[tuple[FieldRule, bool, int]],
                            tuple[tuple[_Match, ...], ...]]],
            dict[tuple[str, ...], list[tuple[FieldRule, bool, int]]]]:
        """The phrase index of the rules `keep` accepts: (first token -> its probe, phrase -> its rules)."""
        # phrase -> its rules, and for each first token the phrase lengths to try: a name is
        # matched with one dict lookup per (token, length), whatever the number of rules
        # (one-word phrases need no slicing, so they have their own index)
        by_phrase: dict[tuple[str, ...], list[tuple[FieldRule, bool, int]]] = {}
        single: dict[str, list[tuple[FieldRule, bool, int]]] = {}
        longer: dict[str, tuple[int, ...]] = {}
        for first, entries in self._by_first.items():
            kept = [(p, rule, on_person) for p, rule, on_person in entries if keep(rule)]
            for p, rule, on_person in kept:
                # a project's rule first, then a patient's health record (VisitNote.content is health, not
                # just a note), then a rule bound to containers, then a general one
                rank = (0 if rule.user else 4) + (0 if rule.row == "health" else 1 if rule.containers else 2)
                (single.setdefault(first, []) if len(p) == 1 else by_phrase.setdefault(p, [])).append(
                    (rule, on_person, rank))
            lengths = tuple(sorted({len(p) for p, _, _ in kept if len(p) > 1}, reverse=True))
            if lengths:
                longer[first] = lengths
        # one probe per token: (phrase lengths to try, the words that can follow it in one, one-word hits,
        # those hits as matches at each of the first _POSITIONS positions); a token whose next word starts
        # no longer phrase costs no slice, and a one-word hit near the start no new match
        seconds: dict[str, set[str]] = {}
        for p in by_phrase:
            seconds.setdefault(p[0], set()).add(p[1])
        starts: dict[str, tuple[tuple[int, ...], frozenset[str], list[tuple[FieldRule, bool, int]],
                                tuple[tuple[_Match, ...], ...]]] = {}
        for t in {*single, *longer}:
            singles = single.get(t, [])
            at = tuple(tuple(_Match(_base(i + 1, 1) + rank, i, i + 1, rule, on_person)
                             for rule, on_person, rank in singles) for i in range(_POSITIONS)) if singles else ()
            starts[t] = (longer.get(t, ()), frozenset(seconds.get(t, ())), singles, at)
        return starts, by_phrase

    # -- context ---------------------------------------------------------------
    def _container_kind(self, container: str) -> _Kind:
        found = self._kinds.get(container)
        if found is None:
            found = self._head_kind(container)
            self._kinds[container] = found
        return found

    def _head_kind(self, container: str) -> _Kind:
        c = self.context
        tokens = self._splitter.tokens(container)
        if len(tokens) == 2 and tokens[1] in _FORM_SUFFIXES and (singular(tokens[0]) in c.person
                                                                 or singular(tokens[0]) in c.person_records):
            # a `MemberForm`, a `UserForm`, a `SignupForm` takes that person's data: its head is the person (audit15
            # #03); a `FormEntry`, a `SearchForm` and a `Form` alone are the form's own
            tokens = tokens[:1]
        for token in tokens:
            # `UserInDB`, `UserDB` are a user's schema: a suffix that is noise names no machine
            if singular(token) in c.infrastructure and (len(tokens) == 1 or singular(token) not in c.container_noise):
                return _Kind("organization", f"{token!r} {_MACHINE}")
        clinical, sure = self._clinical_compound(container)
        if sure:  # a `MedicationRecord`, a `PathologyReport`: one patient's record, not a drug list or a thing's report
            return _Kind("record", f"{clinical} is a patient's clinical record")
        whole = singular("".join(tokens))  # `HumanName`, `EmailAddress`, `LoginAttempt` as one word
        # The head noun decides: `UserProfile` is about a person, `ProductReview` is not.
        order = (whole, *reversed(tokens)) if len(tokens) > 1 else tokens
        direct = True  # still at the head noun: only a person's own table has a person's primary key
        transaction = False  # a `HotelBooking` is a guest's booking, not the hotel's row
        for i, token in enumerate(order):
            t = singular(token)
            if (t in c.container_noise and len(tokens) > 1) or t.isdigit():
                continue
            if t in c.owned_heads:
                owner = next((singular(o) for o in order[i + 1 :] if singular(o) in c.person), "")
                if owner:
                    return _Kind("record", f"{t!r} of a {owner!r}")
            if t in c.person or t in c.person_records:
                # (a version number is no qualifier: an `OAuth2Client`'s word before `client` is `oauth`; audit18 #08)
                before = next((singular(o) for o in order[i + 1 :] if not o.isdigit()), "")
                if t in c.person and before in c.business_qualifiers and t not in _MEMBERS:
                    # `EnterpriseCustomer` is a company; an `OrganizationUser` is a person in one
                    return _Kind("organization", f"{before!r} {t!r} is a business")
                # a version number splits the qualifier (`OAuth2Client`: o, auth, 2); `OAuthConsumer` is a user's token
                glued = "".join(reversed(order[i + 1 :])) if any(o.isdigit() for o in order[i + 1 :]) else ""
                if t in c.software_roles and (before in c.software_qualifiers or glued in c.software_qualifiers):
                    # `HttpClient`, `OAuth2Client` are programs
                    return _Kind("organization", f"{before!r} {t!r} {_MACHINE}")
                if t in c.program_roles and before in c.non_person:
                    # `DatasetConsumer`, `EventListener`, `JobRunner`: what consumes datasets or handles events is code
                    return _Kind("organization", f"{before!r} {t!r} {_MACHINE}")
                if (t in c.scheduled_rows and any(singular(o) in c.non_person for o in order[i + 1 :])
                        and not any(singular(o) in c.person for o in order[i + 1 :])):
                    # `EventSession`, `CourseSession`, `EventAgendaSession`: a scheduled sitting of the thing named before
                    # it, not a person's login session (a `DriverTripSession` names its person, and stays theirs)
                    return _Kind("thing", f"{order[i + 1]!r} {t!r} is a scheduled sitting of a thing")
                if t in c.health_rows and t not in c.usage_words and before in c.non_person:
                    # `PolicyCondition`, `ProductAllergy`: a clinical word that a thing's word qualifies is that thing's
                    return _Kind("thing", f"{before!r} {t!r} is a thing's {t}")
                if t in c.person_data_tables and (before in c.organization or before in c.collectives) and before not in c.person:
                    # `PartnerAddress`, `CompanyProfile`, `HospitalProfile`: the business's own
                    return _Kind("organization", f"{before!r} {t!r} is a business's")
                if t == "profile" and before in _PROFILED_THINGS:
                    # `PlaceProfile`, `EventProfile`, `RepositoryProfile`: the profile of the thing named before it
                    return _Kind("thing", f"{before!r} {t!r} is a thing's profile")
                if t in c.person:
                    return _Kind("person", f"{'head ' if direct else ''}{t!r} is a person")
                return _Kind("record", f"{t!r} is a record about a person")
            qualifier = singular(order[i + 1]) if i + 1 < len(order) else ""
            if (t in c.organization and t in c.transaction_rows and qualifier and qualifier not in c.software_qualifiers
                    and qualifier not in c.infrastructure and qualifier not in c.organization
                    and not (t == "application" and qualifier in c.software_applications)):
                # a `JobApplication`, a `ScienceApplication` is what a person submits; an `Application` alone, an
                # `OAuthApplication`, a `WebApplication`, a `ClientApplication` is software (audit12 #09)
                return _Kind("record", f"{qualifier!r} {t!r} is a person's submission")
            if t in c.organization and not transaction:
                if not direct:  # `LaboratoryResearch`: a business word before a head noun of no known kind
                    return _Kind("organization", f"{t!r} {_ORG_MODIFIER}")
                return _Kind("organization", f"{t!r}{_ORG_HEAD}")
            if t in c.non_person and not (transaction and i > 0):
                return _Kind("thing", f"{t!r} is a thing")
            transaction = transaction or t in c.transaction_rows
            if i > 0 or len(order) == 1:
                direct = False
        return _Kind("unknown", "no known head noun")

    def _written_by_person(self, neighbours: Sequence[str]) -> bool:
        """Is the row tied to a person: a link to them (`user`, `sender`, `author`), or their own unqualified name and
        e-mail address beside the text (a contact form's `name`, `email`)?"""
        if self._tied_to_person(neighbours):
            return True
        own: set[str] = set()
        for name in neighbours:
            tokens = tuple(t for t in self._splitter.tokens(name) if not t.isdigit())
            own.update(m.rule.category.split(".")[1] for m in self._matches(tokens)
                       if m.start == 0 and m.end == len(tokens) and m.rule.category.startswith(("user.name", "user.contact.email")))
        return {"name", "contact"} <= own

    def _own_name_parts(self, neighbours: Sequence[str]) -> bool:
        """Does the row hold its own unqualified first and last name (`first_name`, not `pi_first_name`)? A bare
        `title` beside a proposal's `pi_first_name` is the proposal's title, no salutation (audit12 #09)."""
        parts: set[str] = set()
        for name in neighbours:
            tokens = tuple(t for t in self._splitter.tokens(name) if not t.isdigit())
            parts.update(m.rule.id for m in self._matches(tokens)
                         if m.start == 0 and m.end == len(tokens) and m.rule.id in ("name.first", "name.last"))
        return len(parts) == 2

    def _named_row(self, neighbours: Sequence[str]) -> bool:
        """`_own_name_parts`, once per row."""
        key = tuple(neighbours)
        found = self._named_memo.get(key)
        if found is None:
            found = self._own_name_parts(key)
            self._named_memo[key] = found
        return found

    def _neighbour_facts(self, neighbours: Sequence[str]) -> tuple[str, str]:
        """(why the row is about one person or "", the name part its neighbours already hold or "")."""
        if not neighbours:
            return "", ""
        key = tuple(neighbours)
        facts = self._record_memo.get(key)
        if facts is None:
            facts = self._neighbour_evidence(key)
            self._record_memo[key] = facts
        return facts

    def _kind(self, container: str, neighbours: Sequence[str]) -> _Kind:
        kind = self._container_kind(container)
        if not neighbours:
            return kind
        if kind.kind == "organization":
            if kind.why.endswith(_ORG_MODIFIER):
                # a laboratory's research order beside the patient's name and birth date is about that patient
                why, part = self._neighbour_facts(neighbours)
                if "describe a person" in why and _BESIDE_BUSINESS not in why and part:  # a name part: a person
                    return _Kind("record", f"{kind.why[:-len(_ORG_MODIFIER)]}names the row's owner, but {why[4:]}")
            elif (kind.why.endswith(_ORG_HEAD) and kind.why.split("'")[1] not in self.context.owned_heads
                  and self._named_row(neighbours)
                  and not self._neighbour_facts(neighbours)[0].startswith("business:")):
                # a dental practice's `Provider`, an agency's `Partner` with their own first and last name: a person
                # the business names by its role, whose e-mail and phone are their own (holdout20's Provider); a
                # `RadiusSettings` row's `first_name` says whether to ask for one
                return _Kind("person", f"head {kind.why.split(' ')[0]} beside its own first and last name is a person")
            return kind
        if (kind.why == _DEVICE_RECORD and not self._row_words(container) & self.context.auth_rows
                and not self._tied_to_person(neighbours)):
            # an IoT sensor, a gateway, a scanner: a device no one on the row owns is equipment, not a person's
            return _Kind("thing", "'device' is equipment: nothing on the row links it to a person")
        why = self._neighbour_facts(neighbours)[0]
        if (kind.kind == "person" and kind.why.endswith(" is a person") and not why
                and singular(kind.why.split("'")[1]) in self.context.software_roles
                and self._about_neighbours("\0process", neighbours, lambda t: "_".join(t) in self.context.process_ties)):
            # litellm's ProxyWorkerHeartbeat beside `pid` and `host`: a worker or an agent with a process's fields, and
            # nothing describing a person, is a program (audit 10, item 5)
            return _Kind("organization", f"{kind.why[:-len(' is a person')]} beside a process's fields {_MACHINE}")
        head = kind.why[1:-len(_RECORD_WHY) - 1] if kind.kind == "record" and kind.why.endswith(_RECORD_WHY) else ""
        if (head and not why and head in self.context.health_rows
                and head not in self.context.usage_words  # (a site's `Visits` log is its visitors')
                and not self._tied_to_patient(neighbours) and not self._tied_to_person(neighbours)
                and not self._clinically_coded(container, neighbours)):
            # rdmo's `Condition` (a questionnaire's logic), a drug catalogue's `Medication`: a clinical word tied to no
            # patient and no person, with nothing beside it describing one, is a thing's row
            return _Kind("thing", f"{kind.why[:-len(_RECORD_WHY)]} is tied to no patient or person: a thing")
        if kind.kind == "thing":
            # A row holding two of a person's own fields (a name and an e-mail, say) is about that
            # person whatever its table is called: a Booking, an order Position, a Registration.
            if "a business's contact" in why:  # a JobListing's `organization` and `contact_email`
                return _Kind("organization", f"{kind.why}, and {why[13:]}")
            if why.startswith("business:"):
                # a mail account's settings item beside its `host` and `port`: the login it holds is the business's
                return _Kind("organization", f"{kind.why}, and {why[9:]}")
            if self._employment_contract(container, neighbours):  # a Contract beside its `employee` or `salary`
                return _Kind("record", f"{kind.why}, but {_EMPLOYMENT_CONTRACT}")
            # A Room with a `capacity` stays a thing even beside a `full_name` and a `telephone` (its own).
            if "describe a person" in why and _BESIDE_BUSINESS not in why:
                return _Kind("record", f"{kind.why}, but {why[4:]}")
            if why.startswith("place:"):  # a store location's page: its phone is the store's, like its address
                return _Kind("organization", f"{kind.why}, and {why[6:]}")
            return kind
        if (why.startswith("business:") and why.endswith(" only a business has") and kind.kind == "person"
                and self._about_neighbours("\0account", neighbours,
                                           lambda tokens: "_".join(tokens) in self.context.account_ties)):
            # pgAdmin's `User` beside its `auth_source`: a row named for a person that holds what only a login
            # account holds (a password, a last login) is that person's account, whatever one business or
            # connection word beside it says (audit12 #10); a `DatabaseConnection` with a password stays the operator's
            return kind
        if why.startswith("business:"):
            return _Kind("organization", why[9:])
        if why.startswith("place:"):  # a place only when its table's name does not say otherwise
            return _Kind("organization", why[6:]) if kind.kind == "unknown" else kind
        if why and kind.kind == "unknown":
            return _Kind("record", why)
        return kind

    def _neighbour_evidence(self, neighbours: tuple[str, ...]) -> tuple[str, str]:
        c = self.context
        evidence: list[str] = []
        strong = ""  # a name part or a birth date: only a natural person has one
        weak_only = True  # every piece of evidence is a `contact_...` field: the contact of something
        functions: set[str] = set()  # the functions those contacts serve (`tech_email`, `sales_phone`)
        kinds: set[str] = set()  # the rules of that evidence
        role = ""  # every piece of evidence is a steward's datum (`author_email`, `maintainer_name`)
        roles_only = True
        link = link_word = ""
        parts: dict[str, str] = {}
        business = ""
        software = ""  # an OAuth client's registration: no name on the row makes it a person's
        org_named = ""  # `organization`, `company_name`: the row names a business
        joined: set[str] = set()
        for name in neighbours:
            tokens = [t for t in self._splitter.tokens(name) if not t.isdigit()]
            if not tokens:
                continue
            joined.add("_".join(tokens))
            if not software and " ".join(tokens) in c.software_fields:
                software = f"business:its field {name!r} only registered software has"
                continue
            if (" ".join(tokens) in c.organization_fields or "".join(tokens) in c.organization_fields
                    or (len(tokens) == 2 and len(tokens[0]) == 1 and tokens[1] in c.organization_fields)):
                # (a one-letter prefix names the table's columns: `c_ogrn`, `q_kpp`)
                business = business or f"business:its field {name!r} only a business has"
                continue
            core = tokens[:-1] if len(tokens) > 1 and tokens[-1] in c.id_tokens else tokens
            # (a plural, `members`, `profiles`, names many people: a group's or a document's, no one person's row)
            if len(core) == 1 and singular(core[0]) == core[0] and core[0] in c.owner_links and not link:
                link = f"its field {name!r} links it to a person"
                link_word = singular(core[0])
            if len(core) <= 2 and singular(core[0]) in c.organization and singular(core[0]) not in c.person:
                org_named = org_named or name
            for m in self._matches(tuple(tokens)):
                if m.end == len(tokens) and m.rule.id in ("name.first", "name.last"):
                    parts.setdefault(m.rule.id[5:], name)
                if m.end == len(tokens) and m.rule.id in _EVIDENCE and not m.on_person:
                    weak = singular(tokens[0]) in c.weak_person  # (the list is singular: `sales` is `sale`)
                    weak_only = weak_only and weak
                    if weak:
                        functions.add(singular(tokens[0]))
                    if m.rule.id in kinds:
                        break  # a second e-mail or IP address (`from_email`, `to_email`; `ipaddr4`, `ipaddr6`) adds no kind: once
                    kinds.add(m.rule.id)
                    evidence.append(name)
                    if m.start > 0 and tokens[0] in c.steward_roles:
                        role = role or tokens[0]
                    else:
                        roles_only = False
                    if m.rule.id in _PERSON_ONLY and not weak:
                        strong = strong or name
                    break
        if link_word in c.software_roles and self._software_role(link_word, neighbours):
            # satnogs' Station: `client_id` beside `client_version` is the station's client software, no customer
            # (audit 9, item 4)
            link = ""
        if link and not (evidence or strong) and self._party_only(neighbours):
            # a plain `customer` is a tenant as often as a person: alone on a row of no one's data it ties the row
            # weakly, enough for its links but not for its loose data (`attributes`, `raw_data`, `history`)
            link = f"its field {link.split(chr(39))[1]!r} {_WEAK_TIE}"
        if software:
            # canaille's Client: its `client_name` names the application, not a person (LABELING.md round 6)
            return software, ""
        if business and not strong:
            # a Salesforce Lead has Industry, but its FirstName makes it a person; an e-mail and a phone
            # beside Industry, opening hours or a refund policy are the business's own
            return business, ""
        if evidence and weak_only and org_named and not (link or parts):
            return f"business:its {org_named!r} beside {evidence[0]!r} makes that a business's contact", ""
        if evidence and weak_only and len(functions) >= 2 and not (link or parts):
            # `tech_email`, `sales_phone`, `policy_email` on a network exchange: a contact for each of several functions
            # is a business's contact sheet; one person is not both its technical and its sales contact
            shown = ", ".join(sorted(functions))
            return f"business:its contacts for several functions ({shown}) are a business's contact points", ""
        if (not (link or parts or strong) and joined & _LATITUDE and joined & _LONGITUDE
                and joined & (_GENERIC_NAME | _PLACE_ADDRESS)):
            # a store's or an office's page: its phone and e-mail are the place's, as its address is
            held = "name" if joined & _GENERIC_NAME else "address"
            return f"place:its {held}, latitude and longitude, and no person on it, make it a place", ""
        # `author_email` and `maintainer_email` on a dataset describe its author and maintainer, not the dataset
        whom = f"its {role}" if roles_only and role else "a person"
        described = f"its fields {evidence[0]!r} and {evidence[1]!r} describe {whom}" if len(evidence) >= 2 else ""
        # a link and two of a person's own fields: an Order beside its `user` that keeps the buyer's name and e-mail
        why = f"{link}, and {described[4:]}" if link and strong and described and _WEAK_TIE not in link else link or described
        if why and business and not (link or parts):
            why += f" {_BESIDE_BUSINESS}{business[9:].split(' only ')[0].removeprefix('its field ')}"
        part = next(f"{k}:{v}" for k, v in parts.items()) if len(parts) == 1 else "both:" if parts else ""
        if not part:
            part = next((f"full:{n}" for n in neighbours if "_".join(self._splitter.tokens(n)) in _FULL_NAME), "")
        return why, part

    # -- matching --------------------------------------------------------------
    def split(self, name: str) -> tuple[str, ...]:
        """The name's tokens, as the classifier reads them."""
        return self._splitter.tokens(name)

    def knows(self, name: str) -> bool:
        """Whether any rule's phrase occurs in the name, vetoed or not (`num_orders_as_billing_address`)."""
        return bool(self._matches(tokenize(name)))

    def _matches(self, tokens: tuple[str, ...], bare: bool = False, cut: int = -1) -> list[_Match]:
        """Every rule phrase in the tokens, best first; `bare`: only the rules that can hold without neighbours;
        `cut`: of the phrases ending at or before it, only the clearing rules' (`_decide` skips the others there)."""
        found: list[_Match] = []
        if bare:
            starts, by_phrase = self._bare_starts, self._bare_by_phrase
        else:
            starts, by_phrase = self._starts, self._by_phrase
        size = len(tokens)
        append = found.append
        for i, token in enumerate(tokens):
            entry = starts.get(token)
            if entry is None:
                continue
            lengths, seconds, singles, at = entry
            if i + 1 < size and tokens[i + 1] in seconds:
                for n in lengths:
                    end = i + n
                    if end <= size:
                        hits = by_phrase.get(tokens[i:end])
                        if hits is not None:
                            base = _base(end, n)
                            for rule, on_person, rank in hits:
                                if end > cut or rule.category == NOT_PERSONAL:
                                    append(_new_match(_Match, (base + rank, i, end, rule, on_person)))
            if singles:
                if i >= cut:
                    if i < _POSITIONS:
                        found.extend(at[i])
                    else:
                        base = _base(i + 1, 1)
                        for rule, on_person, rank in singles:
                            append(_new_match(_Match, (base + rank, i, i + 1, rule, on_person)))
                else:
                    base = _base(i + 1, 1)
                    for rule, on_person, rank in singles:
                        if rule.category == NOT_PERSONAL:
                            append(_new_match(_Match, (base + rank, i, i + 1, rule, on_person)))
        if len(found) > 1:
            # The rightmost phrase first, since compounds put the head last
            # (`address_city` is a city, `comment_author_email` an email); among
            # those ending together the longest (`email_address` is an email, not
            # an address); a project's own rule wins a tie, and a rule tied to
            # containers (`number` on a Card) is more specific than one that is not.
            found.sort(key=_ORDER)
        return found

    def _veto(self, tokens: tuple[str, ...], m: _Match, kind: _Kind, container: str, tname: str,
              neighbours: Sequence[str] = (), explain: bool = True) -> str:
        c, rule, start, end = self.context, m.rule, m.start, m.end
        if rule.row == "health" and not self._row_fits("health", container, kind, neighbours):
            # checked first: clinical words (`name`, `notes`) are common, clinical rows are not
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} means {rule.category} only on a patient's health record"
        if (rule.id == _MESSAGE_PHONE and (tokens[start] in _SENDING) == self._row_words(container).isdisjoint(c.inbound_logs)
                and not (neighbours and self._two_way(container, neighbours))):
            # IncomingSMS.to_number, OutgoingSMS.from_number: the business's own number, on the side that is not the person's
            return _VETO if not explain else f"{_words(tokens, m)!r} is the business's side of the message"
        if (neighbours and rule.row == "authentication" and tokens[start] in _BARE_KEYS
                and self._row_fits("card", container, kind, neighbours)):
            # a gateway's stored card (heldout19's HelcimToken beside `cc_type`): its token is the card's (financial.card_row)
            return _VETO if not explain else f"{_words(tokens, m)!r} beside a card's number or type is the card's token"
        if (not (neighbours or explain or rule.containers) and rule.row and not self._fits.get((rule.row, container), True)
                and tname not in self._by_type):
            # a rule bound to a row kind that this lone name's container is known not to be: vetoed whatever comes
            # first below, and with no type rule for the field the kind of veto changes nothing
            return _VETO
        if tname:
            if tname in c.boolean_types and not rule.flag:
                if not explain:
                    return _VETO
                return f"a {tname} about {_words(tokens, m)!r} is not the datum"
            if tname in c.timestamp_types and not rule.timestamp:
                if not explain:
                    return _VETO
                return f"a {tname} about {_words(tokens, m)!r} is a moment, not the datum"
            if rule.written and tname in _BOUNDED_TEXT:
                if not explain:
                    return _VETO
                return f"a {tname} {_words(tokens, m)!r} is a bounded string, a choice among fixed values, not written text"
            if tname in _CHOICE_TYPES and rule.category.startswith(_FREE_VALUES):
                # `email: Literal["optional", "required"]`, an enum's column: fixed words hold no one's address or name
                # (audit 8, C15)
                if not explain:
                    return _VETO
                return f"a {tname} {_words(tokens, m)!r} takes one of fixed values, and a {rule.category} is not one"
            if tname in _NUMERIC_TYPES and rule.category.startswith(_TEXT_ONLY):
                if not explain:
                    return _VETO
                return f"a {tname} {_words(tokens, m)!r} is a number, and a {rule.category} is text"
            if (rule.category == _CREDENTIALS and tname in _NUMERIC_TYPES and end > start
                    and singular(tokens[end - 1]) != tokens[end - 1]):
                # `prompt_tokens: int`, `num_keys`: a number of tokens or keys counts them, it opens nothing (audit 7)
                if not explain:
                    return _VETO
                return f"a {tname} {_words(tokens, m)!r} is a count of them, not a credential"
            if rule.text and tname in _INTEGER_TYPES:
                if not explain:
                    return _VETO
                return f"an {tname} {_words(tokens, m)!r} is a row's id (a conference session), not a {rule.category}"
        if (tokens == ("uid",) and rule.category == "user.unique_id" and neighbours and kind.kind == "record"
                and self._tied_to_person(neighbours) and not self._about_neighbours(
                    "\0issuer", neighbours, lambda t: singular(t[-1]) in _ISSUERS)):
            # a `uid` beside the link to the person it is about (`Subscription.uid` beside `user`, a membership beside
            # `member`) is the record's own key, as its primary key is; beside a `provider` or a `source` it is the
            # person's id there (`SocialAccount.uid`, `PatientID.uid`)
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} beside a link to its person is the record's own key"
        flags = self._flags
        if (end == len(tokens) - 1 and tokens[end] in c.id_tokens and start == 0
                and "".join(tokens[:end]) in self._container_words(container)):
            # `Allergy.allergy_num`, `Medication.medication_ref`: the table's name before a key is the row's own key
            # (an id token that also vetoes, `id`, `pk`, is caught below)
            if not explain:
                return _VETO_METADATA
            return f"{_words(tokens, m)!r} before {tokens[end]!r} on its own table is the row's own key"
        for t in tokens[end:]:
            if flags(t) & _VETO_AFTER:
                if not explain:
                    return _VETO_METADATA
                return f"{t!r} after {_words(tokens, m)!r} makes it metadata about the datum"
        hinted = False  # `Order.shipping_country` is the buyer's
        for t in tokens[:start]:
            f = flags(t)
            if f & _VETO_BEFORE:
                if not explain:
                    return _VETO_METADATA
                return f"{t!r} before {_words(tokens, m)!r} makes it metadata about the datum"
            hinted = hinted or bool(f & _HINT)
        if (start and flags(tokens[start - 1]) & _NOT_OWNER
                and not (rule.containers and self._in_containers(rule, tokens, start, container)
                         and self._submitted(tokens[start - 1], container))
                and not (kind.kind in ("person", "record") and singular(tokens[start - 1]) in self._container_words(container))
                and not (kind.kind in ("person", "record") and rule.category == _CREDENTIALS and end == start + 1
                         and tokens[start] in _BARE_KEYS and tokens[start - 1] in c.credential_purposes)):
            # (a table's own name before every column, `roles.role_email` on a row of a person's data, owns nothing)
            if not explain:
                return _VETO_OWNER
            return f"{tokens[start - 1]!r} says the {_words(tokens, m)} belongs to a business, a system or a thing"
        person_prefix = False  # `customer_name`, `cc_owner`, `cardholder_name`
        for t in tokens[:end]:
            if flags(t) & _STRONG_PERSON:
                # (a task run's `worker_name` names the process that ran it, not a person)
                person_prefix = not (t in c.software_roles and kind.kind != "person"
                                     and not self._row_words(container).isdisjoint(c.program_rows))
                break
        k = kind.kind
        if rule.category.startswith(_PAYMENT_CARD) and (
                any((tokens[i] in c.other_cards and tokens[i + 1] == "card") or tokens[i] in self._other_cards
                    for i in range(min(end, len(tokens) - 1)))
                or (rule.containers and not self._row_words(container).isdisjoint(self._other_cards))):
            # a gift card's number and expiry, a `GiftCard.number`: a shop's stored value, not a bank's card. A plain
            # veto, as its wording is: it says what kind of card, not whose, so a type rule still decides
            # (`GiftCard.recipient_email = EmailField()`), in `classify` as in `explain`
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} is a gift, loyalty or other card's, and such a card pays for nothing at a bank"
        if ("signature" in tokens and rule.category.startswith(_CONTENT) and "signature" in tokens[start:end]
                and (not self._row_words(container).isdisjoint(c.audit_rows) or (neighbours and self._about_neighbours(
                    "\0crypto", neighbours, lambda t: "_".join(t) in c.crypto_ties)))):
            # an audit entry's or a ledger line's `signature`, or one beside a hash or a key, is a cryptographic signature
            # of the record, made by a program: no one wrote it (LABELING.md round 6)
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} beside a hash, a digest or a key is a cryptographic signature, not written text"
        if (rule.category == _CREDENTIALS and tokens in _CODED and neighbours
                and self._about_neighbours("\0coding", neighbours, lambda t: t[-1] == "system" or t == ["display"])):
            # a FHIR Coding's `code` beside its `code_system` and `display` is a coded value (audit 8, C4)
            if not explain:
                return _VETO
            return f"a {_words(tokens, m)!r} beside a code system or a display text is a coded value, not a credential"
        if (rule.category == _CREDENTIALS and tokens == _KEY and neighbours
                and any(n.lower().startswith("value") for n in neighbours)):
            # privacyIDEA's PolicyCondition.Key beside its Value: the name of an attribute, the key of a key/value pair
            if not explain:
                return _VETO
            return "a 'key' beside a 'value' names an attribute of a key/value row, not a credential"
        if m.on_person and k == "record" and not (person_prefix or hinted) and neighbours:
            lent = self._container_kind(container).kind in ("thing", "unknown")
            if lent and not self._quantities.isdisjoint(tokens) and not rule.category.startswith(_IDENTIFIERS):
                # a CartPosition's `line_price_gross`, `tax_code`: the business's quantities stay the business's (a
                # billing row's `tax_number` names its holder, an identifier, not a quantity)
                if not explain:
                    return _VETO
                return (f"{_words(tokens, m)!r} is among a business's quantities "
                        f"({', '.join(t for t in tokens if t in self._quantities)}), and the row is a person's only by "
                        f"its fields ({kind.why})")
        if (m.on_person and start and not (person_prefix or hinted)
                and rule.category.startswith("user.government_id")):
            if not explain:
                return _VETO_OWNER
            return f"{tokens[start - 1]!r} names what the {_words(tokens, m)} belongs to: no person's government id"
        if (k == "organization" and rule.context == "everywhere" and not m.on_person
                and not self._container_words(container).isdisjoint(_CONFIG_HEADS)):
            # `OrganizationRadiusSettings.first_name`: whether registration asks for a first name, not one
            if not explain:
                return _VETO_METADATA
            return (f"on a business's settings ({kind.why}) a field named {_words(tokens, m)!r} configures that "
                    "datum: metadata about it, not the datum")
        if (k in ("thing", "unknown") and not self._row_words(container).isdisjoint(_CONFIG_HEADS)
                and self._row_words(container).isdisjoint(c.person)  # (`UserSettingsProfileForm` is a user's)
                and not (neighbours and self._about_neighbours("\0whose", neighbours, lambda t: len(self._core(t)) == 1
                                                               and singular(self._core(t)[0]) in c.person))):
            # a site's settings form (onegov's `FeriennetSettingsForm.donation_amounts`, its bank account): what it sets
            # is the business's; a person's own settings are named for them (`UserSettings`, a record) or link them
            # by a plain person word (a `NotificationSetting` beside its `user`; not a `bank_beneficiary`) (audit 9, item 10)
            if not explain:
                return _VETO_METADATA
            return (f"on a settings row ({kind.why}) a field named {_words(tokens, m)!r} configures that datum: "
                    "metadata about it, not a person's")
        if k == "organization" and not (rule.context == "everywhere" and not m.on_person):
            if not explain:
                return _VETO
            return f"the container is a business or system ({kind.why}), so the {_words(tokens, m)} is not a person's"
        if (rule.id in _MAIL_RULES and neighbours and "draft" not in self._row_words(container)
                and self._unsent_mail(neighbours)):  # (a draft is unsent because someone is still writing it)
            if not explain:
                return _VETO
            return (f"a mail row with its recipients but no moment it was sent, queued or written, and no link to a "
                    f"person, is a mail to send "
                    f"from a template (a form's confirmation e-mail), so its {_words(tokens, m)} is the template's")
        if rule.containers or rule.row:
            if not self._in_place(rule, tokens, start, kind, container, neighbours):
                if not explain:
                    return _VETO
                where = ", ".join(sorted(rule.containers)) or "a row"
                return f"{_words(tokens, m)!r} means {rule.category} only on {where}" + (
                    f" or a {rule.row} row" if rule.row else "")
            if rule.row == "health" and any(t == "by" or flags(t) & _STRONG_PERSON for t in tokens[:start]):
                if not explain:
                    return _VETO
                return f"{' '.join(tokens[:end])!r} is about a person on the record, not the record's health data"
            if (rule.row == "address" and (start or end != len(tokens) or (tname and tname not in c.text_types))
                    and not self._in_containers(rule, tokens, start, container)
                    and not (end == len(tokens) and self._address_group(tokens[:start], kind, neighbours))):
                if not explain:
                    return _VETO
                return f"{_words(tokens, m)!r} is an address part only as the whole name and as text"
            if rule.row in ("person", "employment", "request") and ((start and not rule.qualified) or end != len(tokens)
                                         or (tname and tname not in c.text_types and tname not in c.file_types)):
                if not explain:
                    return _VETO
                return f"{_words(tokens, m)!r} is free text only as the whole name and as text"
            if rule.row in ("contract", "mailing", "account", "usage", "attachment") and (start or end != len(tokens)):
                if not explain:
                    return _VETO
                return f"{_words(tokens, m)!r} is a term of the contract only as the whole name"
            if (rule.row == "payment" and rule.category.startswith(_PAYER_HELD)
                    and (start or end != len(tokens) or (tname and tname not in c.text_types)
                         or not self._payment_made(neighbours))):
                # a payment's memo or the payer's account number: only as the whole name, as text, on a payment made (a
                # tip option's or a payment term's description, a business's own payment information, are its own)
                if not explain:
                    return _VETO
                return (f"{_words(tokens, m)!r} is the payer's only as the whole name, as text, on a row that records "
                        "an amount paid by someone")
            if (rule.row == "payment" and neighbours and self._row_words(container) & self.context.payment_rows
                    <= self.context.ledger_rows and not self._tied_to_payer(neighbours)):
                if not explain:
                    return _VETO
                return f"nothing on the row ties {_words(tokens, m)!r} to a payer: a ledger line is the business's"
        if (m.on_person and start and tokens[start:end] in _THING_NAMES and rule.category.startswith("user.name")
                and not (person_prefix or hinted) and tokens[start - 1] not in self._vocabulary
                and tokens[start - 1] not in c.name_qualifiers and kind.kind != "person"):
            # `env_var_name`, `idp_names` on a credential's or a session's row: the word before `name` says what is named,
            # and it is no person's word (a row of a person's own keeps `pet_name` for the person to judge) (audit 7)
            if not explain:
                return _VETO
            return f"{tokens[start - 1]!r} names what the {_words(tokens, m)} is of, and it is no person"
        if (m.on_person and start and end == start + 1 and rule.category.startswith("user.name")
                and flags(tokens[start]) & _VETO_AFTER and not (person_prefix or hinted)
                and self._datum_before(tokens, start)):
            # `framed_ipv6_prefix`: a prefix after an IP address is the address's (a network prefix), not a name's
            if not explain:
                return _VETO_METADATA
            return f"{tokens[start]!r} after {' '.join(tokens[:start])!r} is metadata about that datum or a part of it"
        if (m.on_person and not (person_prefix or hinted) and _WEAK_TIE in kind.why
                and (rule.confidence == "low" or self._structure(tname) or rule.category in self._sensitive)):
            # (a GiftCard's `customer` lends its `conditions` no medical sense, nor its `secret` a login's)
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} is personal only on a person, and {kind.why[10:]}"
        if (m.on_person and not (person_prefix or hinted) and neighbours and tokens[start:end] in _THING_NAMES
                and not (kind.why.endswith(_RECORD_WHY) and end - start > 1) and self._owned_thing(kind, neighbours)):
            # (on a record about a person by its table's name only a bare `name` is the record's: a placeholder
            # participation's `display_name` names the person who takes part)
            # `Shelf.name`, `Wallet.name` beside their `user`, `UserMacros.name`: the name of a thing the person owns
            if not explain:
                return _VETO
            return (f"{_words(tokens, m)!r} names a thing the person owns ({kind.why}), and no field beside it "
                    "describes the person")
        if (m.on_person and start and end == start + 1 and tokens[start] in _BARE_KEYS and not (person_prefix or hinted)
                and rule.category == "user.authorization.credentials" and tokens[start - 1] not in c.credential_purposes):
            # `bookmark_key`, `lock_key`, `consistency_token`: the key of the thing named before it, not what opens a door
            if not explain:
                return _VETO
            return (f"{tokens[start - 1]!r} names what the {tokens[start]} is for, and it opens no account: "
                    "the key of that thing, not a person's credential")
        if m.on_person and not person_prefix and k != "person" and k != "record":
            if not ((k in ("unknown", "thing") and hinted)
                    or (end == start + 1 and tokens[start] in c.numeric_user_ids and tname in _INTEGER_TYPES)):
                if not explain:
                    return _VETO
                return f"{_words(tokens, m)!r} is personal only on a person (container is {k}: {kind.why})"
        if m.on_person and kind.why == _DEVICE_RECORD and rule.category.startswith("user.name") \
                and not (person_prefix or hinted):
            # a device's `family` is its kind (an OS or a model family), not a surname: a device holds its
            # owner's name only under a name that says so (`owner_name`)
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} names a person only on their own row ({kind.why})"
        if (rule.context == "not_thing" and k == "thing" and not (person_prefix or hinted)
                and not ((rule.category == _USAGE and tname in c.timestamp_types
                          or rule.category == _DEVICE_ID and end == len(tokens))
                         and neighbours and self._container_words(container).isdisjoint(c.shared_rows)
                         and self._owned_by_person(neighbours))):
            # (a person's own key's `device_id`, heldout18's YubicoKey beside `user`: the id of their device)
            # (when a person last used their own key, cart or device is their usage: `Cart.last_activity` beside `user`)
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} on a thing ({kind.why}) is not about a person"
        if rule.context == "person" and not (k == "person" and kind.why.startswith("head ")) and not person_prefix:
            if not explain:
                return _VETO
            return f"{_words(tokens, m)!r} is personal only on a person's own row (container is {k}: {kind.why})"
        return ""

    def _veto_cut(self, tokens: tuple[str, ...]) -> int:
        """The position of the last token that makes a datum before it metadata (`_veto`'s `_VETO_AFTER`), -1 when
        none does: every candidate ending at or before it is vetoed."""
        flags = self._flags
        for i in range(len(tokens) - 1, 0, -1):  # (a candidate ends after the first token at the earliest)
            if flags(tokens[i]) & _VETO_AFTER:
                return i
        return -1

    def _in_containers(self, rule: FieldRule, tokens: tuple[str, ...], start: int, container: str) -> bool:
        """Is the container, or a word before the match, one of the rule's `containers:`?"""
        containers = rule.containers
        return bool(containers) and (not self._container_words(container).isdisjoint(containers)
                                     or (start > 0 and any(singular(t) in containers for t in tokens[:start])))

    def _in_place(self, rule: FieldRule, tokens: tuple[str, ...], start: int, kind: _Kind, container: str,
                  neighbours: Sequence[str]) -> bool:
        """Is the container (or a word before the match) one the rule is bound to (`containers:`, `row:`)?"""
        return self._in_containers(rule, tokens, start, container) or bool(
            rule.row and self._row_fits(rule.row, container, kind, neighbours)) or (
            rule.row == "address" and self._address_group(tokens[:start], kind, neighbours))

    def _address_group(self, prefix: tuple[str, ...], kind: _Kind, neighbours: Sequence[str]) -> bool:
        """`contributor_state` beside `contributor_city` and `contributor_zip` on a person's row or a record
        about one: the prefix names whose address the group is."""
        if not prefix or not neighbours or kind.kind not in ("person", "record"):
            return False
        return self._holds_address(neighbours, "_".join(prefix) + "_")

    def _program_type(self, tname: str) -> bool:
        """Is a type so named a program object (EmailValidator, SmtpBackend, aiohttp's ClientSession), not a record
        (UserSession, ChatSession) or a person (Client)? Only called for a name ending with such a word."""
        found = self._programs.get(tname)
        if found is None:
            c = self.context
            word = next(w for w in sorted(c.program_types | c.connection_types, key=len, reverse=True) if tname.endswith(w))
            before = singular(tname[: -len(word)])
            if word in c.program_types:  # a UserService is code; a bare `Sender` is a person
                found = bool(before) or word not in c.person
            else:  # a ClientSession, an HttpClient, not a UserSession, a ChatSession or a bare Client
                found = bool(before) and (before in c.connection_types or before in c.program_types or not (
                    before in c.person or before in c.person_records or before in c.person_roles))
            self._programs[tname] = found
        return found

    def _row_words(self, container: str) -> frozenset[str]:
        """Every word of a container's name, singular, and the whole name: `PayPalStandardBase` ->
        pay, pal, paypal, standard, base, paypalstandardbase."""
        found = self._all_words.get(container)
        if found is None:
            tokens = [singular(t) for t in self._splitter.tokens(container)]
            pairs = {singular(a + b) for a, b in zip(tokens, tokens[1:])}
            found = frozenset({*tokens, *pairs, singular("".join(tokens))})
            self._all_words[container] = found
        return found

    def _row_fits(self, row: str, container: str, kind: _Kind, neighbours: Sequence[str]) -> bool:
        """Is the container a row of this kind (`row:` on a rule)?"""
        if neighbours:
            return self._row_fits_now(row, container, kind, neighbours)
        # without neighbours the kind is the container's own, so the answer is the container's
        found = self._fits.get((row, container))
        if found is None:
            found = self._fits[(row, container)] = self._row_fits_now(row, container, kind, neighbours)
        return found

    def _row_fits_now(self, row: str, container: str, kind: _Kind, neighbours: Sequence[str]) -> bool:
        c = self.context
        words = self._row_words(container)
        if row == "payment":  # `PaymentMethodType`, `ChargePlan` are things, not payments; `OrderPayment` is one
            heads = [singular(t) for t in self._splitter.tokens(container) if singular(t) not in c.container_noise]
            # (a `PaymentToken`, a `SetupToken` keeps a payment method a provider vaults for the payer, not a payment)
            if kind.kind == "organization":
                return False
            return ((bool(words & c.payment_rows)
                     and not (heads and (heads[-1] in c.non_person or heads[-1] in c.auth_rows)
                              and heads[-1] not in c.payment_rows))
                    or (bool(heads) and heads[-1] in _GATEWAY_OBJECTS and bool(neighbours)
                        and self._gateway_payment(neighbours)))
        if row == "authentication":
            found = words & c.auth_rows
            if not found or kind.kind == "organization":
                return False
            # a user's API key, not the merchant's key for its payment provider
            return not found <= c.key_rows or (bool(neighbours) and self._tied_to_person(neighbours))
        if row == "address":  # `Patient.state` beside `city` and `zip_code`, a payer's or an attendee's; a
            # `Location`, a `DeliveryPoint` or a `ReferralSource` is a place or a business, not a person's address
            return ((kind.kind in ("person", "record") or bool(words & (c.payment_rows | c.transaction_rows)))
                    and self._holds_address(neighbours))
        if row == "health":  # a VisitNote always; a Medication only when tied to a patient (else a drug list)
            if kind.kind == "organization":
                return False
            if words & c.health_records or self._clinical_compound(container)[1]:
                return True
            if self._patient_note(container, neighbours):
                return True
            # the clinical word must be the head noun: a `Medication` row, not a `VisitRequest`
            # (an `InpatientAdmission` names its patient as `patient` names it)
            return bool(self._container_words(container) & c.health_rows) and (
                not neighbours or not words.isdisjoint(_PATIENT_WORDS) or self._tied_to_patient(neighbours)
                or self._clinically_coded(container, neighbours))
        if row == "card":  # a gateway's stored card or card payment, beside the card's number or type (heldout19's
            # HelcimToken: `token`, `token_f4l4`, `cc_name`, `cc_expiry` beside `cc_type`): the card's, whatever the row
            ties = c.card_ties
            return (kind.kind not in ("organization", "thing") and bool(neighbours)
                    and self._about_neighbours("\0card", neighbours, lambda tokens: " ".join(tokens) in ties))
        if row == "poster":  # a forum poster's own row or profile, beside the count of their posts or threads
            ties = c.poster_ties
            return (kind.kind in ("person", "record") and bool(neighbours)
                    and self._about_neighbours("\0poster", neighbours, lambda tokens: "_".join(tokens) in ties))
        if row == "reported":  # an issue or a bug report beside a link to the person who filed it
            return (kind.kind != "organization" and bool(neighbours)
                    and not self._container_words(container).isdisjoint(c.reported_rows) and self._tied_to_person(neighbours))
        if row == "answered":  # one respondent's answer: beside its question and its response, submission or person
            return kind.kind != "organization" and len(neighbours) > 2 and self._answered(neighbours)
        if row == "workout":  # one person's recorded workout: beside a link to them and two of a workout's measures
            # (its person may be a word no other row is owned by: Strava's `athlete`)
            return (kind.kind != "organization" and len(neighbours) > 2 and self._workout_measures(neighbours) >= 2
                    and (self._tied_to_person(neighbours) or self._about_neighbours(
                        "\0someone", neighbours, lambda tokens: singular(self._core(tokens)[-1]) in self.context.person)))
        if row == "employment":  # a Member or a Client beside their `company` or `department`: their job is on the row
            return (kind.kind == "person" and kind.why.startswith("head ") and bool(neighbours)
                    and self._employed(neighbours))
        if row == "mailing":  # a person's subscription to a newsletter, a topic or a list, not to a paid plan
            return kind.kind != "organization" and self._mail_subscription(container, neighbours)
        if row == "contract":  # one worker's employment contract: the position and dates on it are their job
            return kind.kind != "organization" and self._employment_contract(container, neighbours)
        if row == "account":  # a person's login account, not a record the business keeps about them (a CRM contact)
            return self._login_account(container, kind, neighbours)
        if row == "consumption":  # what one person read, downloaded, watched or bookmarked: beside a link to them
            return (kind.kind != "organization" and bool(words & c.consumption_rows) and bool(neighbours)
                    and self._tied_to_person(neighbours))
        if row == "usage":  # a log of one person's use of the product: a page view, a search, a login attempt
            return kind.kind != "organization" and self._usage_log(container, neighbours)
        if row == "request":  # a person's own request, absence, incident or case: named so, and a person's row
            return bool(words & c.personal_requests) and self._row_fits_now("person", container, kind, neighbours)
        if row == "attachment":  # a file attached to a message, a ticket, a note or a person's CRM record
            return kind.kind != "organization" and self._attached_to_correspondence(container, neighbours)
        if row == "addressed":  # a log of mail sent, one recipient stored on each row: that person's correspondence
            return kind.kind != "organization" and self._addressed_log(container, neighbours)
        if row == "threepid":  # a Matrix 3PID: sydent's `local_threepid_associations`, an `invite_tokens` row
            # beside the `medium` of its `address` (on a person's own row or a thing's, a `medium` says no such thing)
            return kind.kind != "organization" and (not words.isdisjoint(c.threepid_rows) or (
                kind.kind in ("unknown", "record") and bool(neighbours) and self._about_neighbours(
                    "\0threepid", neighbours, lambda tokens: "_".join(tokens) in c.threepid_ties)))
        if row == "published":  # an ActivityStreams object a person published: the `actor` beside it is its author
            return (kind.kind != "organization" and bool(neighbours)
                    and self._row_words(container).isdisjoint(self.context.usage_logs | _ACTIVITY_LOGS)
                    and self._about_neighbours("\0actor", neighbours, lambda tokens: tokens in (["actor"], ["actor", "id"])))
        # person: a person's own row or a record about one, a row of no known kind that a neighbour links to a
        # person, or a person's order, booking or ticket
        if kind.kind in ("person", "record"):
            return True
        if kind.kind == "unknown" and neighbours and self._tied_to_person(neighbours):
            return True  # a `Touchpoint`, a `Talk`, a `PayrollEntry` whose `contact` or `user` says whose it is
        if kind.kind == "organization" or not words & c.transaction_rows:
            return False
        heads = [singular(t) for t in self._splitter.tokens(container) if singular(t) not in c.container_noise]
        if heads and heads[-1] in c.non_person and heads[-1] not in c.transaction_rows:
            return False  # an `OrderDiscount` is the order's discount, not the buyer's row
        # tied by its payer or buyer, or by a person's role on it (a Report's `reporter_id`)
        return not neighbours or self._tied_to_payer(neighbours) or self._tied_to_person(neighbours)

    def _foreign_object(self, type_hint: str) -> bool:
        """Does an annotation hold only classes that are neither a person's (no person word, role or record in their
        names: `AsyncElasticsearch`, `Organization`) nor a value type (`UUID`, `EmailStr`, `Decimal`)?"""
        found = self._held_objects.get(type_hint)
        if found is None:
            c = self.context
            names = [n.rsplit(".", 1)[-1] for n in _TYPE_WORD.findall(type_hint)]
            classes = [n for n in names if n[:1].isupper() and n not in _TYPING_WRAPPERS]
            found = bool(classes) and len(classes) == len([n for n in names if n not in _TYPING_WRAPPERS]) and all(
                n.lower() not in _VALUE_CLASSES and n.lower() not in c.text_types and n.lower() not in _NUMERIC_TYPES
                and n.lower() not in c.timestamp_types and n.lower() not in c.strong_types
                and not n.lower().endswith(("id", "str", "int", "type", "url", "uri", "field", "column"))
                and all(singular(t) not in self._link_heads and singular(t) not in c.person_records
                        and singular(t) not in c.account_heads for t in self._splitter.tokens(n))
                for n in classes)
            self._held_objects[type_hint] = found
        return found

    def _typed_pointer(self, prefix: tuple[str, ...], neighbours: Sequence[str]) -> bool:
        """Is `<prefix>_type` among the neighbours (a polymorphic pointer's type beside its id)?"""
        want = [*prefix, "type"]
        return self._about_neighbours("\0typed:" + "_".join(prefix), neighbours, lambda tokens: tokens == want)

    def _workout_measures(self, neighbours: Sequence[str]) -> int:
        """How many neighbours measure a workout (`moving_time`, `average_heartrate`), kept per row."""
        key = ("\0workout", *neighbours)
        found = self._measures.get(key)
        if found is None:
            measures = self._workout_words
            found = self._measures[key] = sum(
                "".join(t for t in self._splitter.tokens(name) if not t.isdigit()) in measures for name in neighbours)
        return found

    def _answered(self, neighbours: Sequence[str]) -> bool:
        """Does the row link a question and the response, submission or person that answered it (`answer_units`)?"""
        units = self.context.answer_units

        def unit(tokens: list[str]) -> bool:
            return singular("".join(self._core(tokens))) in units

        return (self._about_neighbours("\0question", neighbours, lambda tokens: self._core(tokens) == ["question"])
                and self._about_neighbours("\0answered", neighbours, unit))

    def _about_neighbours(self, kind: str, neighbours: Sequence[str], test: Callable[[list[str]], bool]) -> bool:
        """Whether any neighbour passes `test` (its tokens, numbers left out); kept per kind and row."""
        key = (kind, *neighbours)
        found = self._ties.get(key)
        if found is None:
            found = any(test(tokens) for name in neighbours
                        if (tokens := [t for t in self._splitter.tokens(name) if not t.isdigit()]))
            self._ties[key] = found
        return found

    def _submitted(self, owner: str, container: str) -> bool:
        """Is the container a person's transaction on the thing `owner` names (`form` on a FormSubmission), so
        that the `form_data` blob is what the person submitted, not the form's?"""
        return (singular(owner) in self._row_words(container)
                and not self._container_words(container).isdisjoint(self.context.transaction_rows))

    def _datum_before(self, tokens: tuple[str, ...], start: int) -> bool:
        """Does a rule name a datum that ends just before `start` (`ipv 6` in `framed_ipv6_prefix`)?"""
        return any(m.end == start and m.rule.category != NOT_PERSONAL and not m.on_person and not m.rule.containers
                   and not m.rule.row for m in self._matches(tokens[:start]))

    def _unsent_mail(self, neighbours: Sequence[str]) -> bool:
        """Does a mail row name its recipients (`to_address`, `cc`) but keep no moment (`sent`, `created_at`) and
        no link to a person (`user`, `sender_id`)? Then it was never sent: it is a template to fill."""
        def moment(tokens: list[str]) -> bool:  # or what only a mail that went out has: its headers, its message id
            return tokens[-1] in _MOMENT_ENDS or tokens[-1] in ("header", "headers") or tokens[-2:] == ["message", "id"]

        return (self._about_neighbours("\0addressee", neighbours, lambda tokens: tokens[0] in _MAIL_ADDRESSEES)
                and not self._about_neighbours("\0moment", neighbours, moment)
                and not self._tied_to_person(neighbours))

    def _structure(self, tname: str) -> bool:
        """Is the type a structure or a blob (JSON, a dict, an array of a composite type), not a scalar?"""
        c = self.context
        return bool(tname) and not (tname in c.text_types or tname in _BOUNDED_TEXT or tname in c.timestamp_types
                                    or tname in _INTEGER_TYPES or tname in c.boolean_types or tname in c.strong_types
                                    or tname in c.relation_types)

    def _party_only(self, neighbours: Sequence[str], links: bool = True) -> bool:
        """Is a bare business-party word (`customer`, not `customer_id`) on the row with no person's datum beside
        it (`alerts.customer` in a multi-tenant console)? With `links`, also with no other link to a person, so
        that the party word is the row's only tie to one."""
        c = self.context

        def party(tokens: list[str]) -> bool:
            return len(tokens) == 1 and singular(tokens[0]) in c.business_parties

        def personal(tokens: list[str]) -> bool:  # another link to a person, or a person's datum (an e-mail, a card)
            core = self._core(tokens)
            if links and (singular(core[-1]) in c.owner_links or core[-1] in c.person_roles or core[-1] == "by"):
                return True
            return any(m.end == len(tokens) and not m.on_person and not m.rule.containers and not m.rule.row
                       and m.rule.category != NOT_PERSONAL for m in self._matches(tuple(tokens)))

        return (self._about_neighbours("\0party", neighbours, party)
                and not self._about_neighbours("\0party-other" if links else "\0party-datum", neighbours,
                                               lambda tokens: not party(tokens) and personal(tokens)))

    def _software_role(self, word: str, neighbours: Sequence[str]) -> bool:
        """Does a neighbour give the role `word` (client, agent) what only software has (`client_version`)?"""
        attributes = self.context.software_attributes
        return self._about_neighbours("\0software:" + word, neighbours, lambda tokens: len(tokens) == 2
                                      and singular(tokens[0]) == word and tokens[1] in attributes)

    def _core(self, tokens: list[str]) -> list[str]:
        """A name without its identifier suffix: `customer_id` -> customer."""
        return tokens[:-1] if len(tokens) > 1 and tokens[-1] in self.context.id_tokens else tokens

    def _tied_to_payer(self, neighbours: Sequence[str]) -> bool:
        """Does a neighbour link the row to a person (`user`, `customer_id`, `payer_email`, `order`)?"""
        c = self.context

        def ties(tokens: list[str]) -> bool:
            head = singular(self._core(tokens)[-1])
            return ("_".join(tokens) in c.payer_ties or "payer" in tokens
                    or head in c.owner_links or head in c.payer_ties)

        return self._about_neighbours("\0payer", neighbours, ties)

    def _gateway_payment(self, neighbours: Sequence[str]) -> bool:
        """Is an order, an authorization or a checkout the payer's payment at a gateway: the gateway's id of it, named
        for the gateway (`paypal_id`, `stripe_order_id`), beside its payer (the person, or the order it authorizes)?
        A shop's order with its own `transaction_id` or `payment_status` is the shop's record (its totals are no
        one's payment)."""
        brands = self.context.payment_rows - _PAYMENT_WORDS
        return self._tied_to_payer(neighbours) and self._about_neighbours(
            "\0gateway-id", neighbours, lambda tokens: len(tokens) > 1 and tokens[-1] in ("id", "identifier")
            and tokens[0] in brands)

    def _payment_made(self, neighbours: Sequence[str]) -> bool:
        """Does the row record an amount someone paid: an amount or a total beside its payer or the payment's own
        identifier (`payment_identifier`, `transaction_id`)? A loyalty-points transaction has no amount, and a tip
        option or a payment term neither."""
        if not neighbours or not self._about_neighbours(
                "\0amount", neighbours, lambda tokens: not _AMOUNTS.isdisjoint(tokens)):
            return False
        return self._tied_to_payer(neighbours) or self._about_neighbours(
            "\0payment-id", neighbours, lambda tokens: tokens[-1] in ("identifier", "id") and len(tokens) > 1
            and tokens[-2] in ("payment", "transaction", "charge", "txn"))

    def _owned_by_person(self, neighbours: Sequence[str]) -> bool:
        """Does a neighbour name the person the row belongs to (`user`, `customer_id`), not only someone who acted on
        it (`created_by`, `approver`)?"""
        owners = self.context.owner_links
        return self._about_neighbours("\0owner", neighbours, lambda tokens: singular(self._core(tokens)[-1]) in owners)

    def _tied_to_person(self, neighbours: Sequence[str]) -> bool:
        """Does a neighbour link the row to a person (`user`, `user_id`, `owner`, `created_by`)?"""
        c = self.context

        def ties(tokens: list[str]) -> bool:
            last = self._core(tokens)[-1]
            return singular(last) in c.owner_links or last in c.person_roles or last == "by"

        return self._about_neighbours("\0person", neighbours, ties)

    def _owned_thing(self, kind: _Kind, neighbours: Sequence[str]) -> bool:
        """Is the row a thing a person owns rather than a record about them: a person's only through a link to its
        owner (`user_id` on a Shelf) or a person word before a head of no known kind (`UserMacros`), with no field
        beside it that describes the person (a name part, a contact, a birth date, a tax number)?"""
        if not (kind.kind == "record" and (kind.why.startswith("its field") or kind.why.endswith(_RECORD_WHY))
                or kind.kind == "person" and not kind.why.startswith("head ") and kind.why.endswith(" is a person")):
            return False

        def describes(tokens: list[str]) -> bool:
            # (a rule that holds only on a person's own row, `cn`, describes no one on a thing a person owns)
            return any(m.end == len(tokens) and not m.rule.containers and not m.rule.row and m.rule.context != "person"
                       and m.rule.category.startswith(_DESCRIBING) and tuple(tokens[m.start:]) not in _THING_NAMES
                       and m.rule.id not in _HOLDINGS for m in self._matches(tuple(tokens)))

        return not self._about_neighbours("\0describes", neighbours, describes)

    def _employment_contract(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row one worker's employment contract: a contract's row (`Contract`, `ContractProposal`, not a
        `ContractFile`) that names the employee, a salary or a supervisor?"""
        c = self.context
        if not neighbours or not self._row_words(container) & c.employment_contracts:
            return False
        heads = [singular(t) for t in self._splitter.tokens(container) if singular(t) not in c.container_noise]
        if heads and heads[-1] in c.non_person and heads[-1] not in c.employment_contracts:
            return False  # a `ContractFile`, a `ContractType`: a thing of the contract's
        ties = c.contract_ties
        return self._about_neighbours("\0contract", neighbours, lambda tokens: "_".join(tokens) in ties)

    def _mail_subscription(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row a person's subscription to mail: a subscription's or a subscriber's row beside a newsletter, a
        topic or a list (`mailing_ties`), and beside no plan, price or amount (`billing_ties`)?"""
        c = self.context
        words = self._row_words(container)
        if not neighbours or not words & (c.mail_subscriptions | c.mail_rows):
            return False
        mailing, billing = c.mailing_ties, c.billing_ties
        # a row named for a newsletter's subscribers (`newsletter_subscriber`) needs no tie to say it is one to mail
        return ((bool(words & c.mail_rows)
                 or self._about_neighbours("\0mailing", neighbours, lambda tokens: "_".join(tokens) in mailing))
                and not self._about_neighbours("\0billing", neighbours, lambda tokens: "_".join(tokens) in billing))

    def _login_account(self, container: str, kind: _Kind, neighbours: Sequence[str]) -> bool:
        """Is the row a person's login account: beside what only an account holds (a password hash, a last login),
        an account at a login provider (UserSocialAuth), or a user's own row (`User`, not a `BlockedUser` that
        links the user it is named for)? A CRM contact, a patient or a billing tool's customer is a record the
        business keeps about a person, not an account they opened."""
        c = self.context
        if kind.kind == "unknown" and neighbours and self._about_neighbours(
                "\0login", neighbours, lambda tokens: "_".join(tokens) in _LOGIN_NAMES):
            # a row of no known kind with a password beside the e-mail or username one signs in with (a job board's
            # `Developer`) is a login account, whatever its table is called
            kind = _Kind("record", "a login's e-mail or username")
        if kind.kind not in ("person", "record"):
            return False
        if (neighbours and not self._row_words(container) & c.payment_rows
                and self._about_neighbours("\0account", neighbours, lambda tokens: "_".join(tokens) in c.account_ties)):
            return True  # (a PayPal subscription's notification carries its `username` and `password` too)
        if self._row_words(container) & c.account_rows:
            return True
        heads = [singular(t) for t in self._splitter.tokens(container) if singular(t) not in c.container_noise]
        return (bool(heads) and heads[-1] in c.account_heads and kind.kind == "person"
                and not (len(heads) > 1 and (heads[-2] in c.organization or heads[-2] in c.collectives))
                and not (neighbours and self._links_its_person(container, neighbours)))
        # (django-organizations' `OrganizationUser`, a `TeamUser`: a user's membership in a business or a group, whose
        # creation dates the membership, not the account)

    def _usage_log(self, container: str, neighbours: Sequence[str]) -> bool:
        """Does the row log one person's use of the product: a row named for such a log (`PageView`, `LoginAttempt`,
        `SearchQuery`, `ForumReadTrack`) tied to a person or to their device, or a row named with a word other rows
        share (`Session`, `Visit`, `Request`, `Event`) tied to the device they used (their IP, user agent or session)?
        An audit trail, a conference session, a patient's visit or a quiz attempt is not one."""
        if not neighbours:
            return False
        c, words = self.context, self._row_words(container)
        if not words & (c.usage_logs | c.usage_words):
            return False
        device = self._about_neighbours("\0device", neighbours, lambda tokens: "_".join(tokens) in c.device_ties)
        return device or bool(words & c.usage_logs and self._tied_to_person(neighbours))

    def _addressed_log(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row one logged mail or message (`EmailLog`, `SmsLog`) that stores its one recipient (`to_email`,
        `recipient`, a `user` link) and names no list, campaign or members? Then it is mail to that person, even when
        the system wrote it (LABELING.md, session 12, ruling 1); a log without a recipient, or a mail to a list, is not."""
        c = self.context
        if not neighbours:
            return False
        words = self._row_words(container)
        if not words.isdisjoint(c.inbound_logs):  # an IncomingSMS: what its one sender wrote
            return (self._about_neighbours("\0sender", neighbours, lambda tokens: "_".join(tokens) in c.sender_ties)
                    and not self._about_neighbours("\0broadcast", neighbours,
                                                   lambda tokens: "_".join(tokens) in c.broadcast_ties))
        if words.isdisjoint(c.mail_logs) and self._container_words(container).isdisjoint(c.notice_rows):
            return False  # (a notification to one person too: session 12, ruling 3)
        return (self._about_neighbours("\0recipient", neighbours, lambda tokens: "_".join(tokens) in c.recipient_ties)
                and not self._about_neighbours("\0broadcast", neighbours,
                                               lambda tokens: "_".join(tokens) in c.broadcast_ties))

    def _two_way(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row a message row named for neither way (`SMS`, not `IncomingSMS`) beside a field saying which way each
        message went (`direction`)? Then its from and to numbers are each a person's on some rows."""
        c, words = self.context, self._row_words(container)
        return (words.isdisjoint(c.inbound_logs) and words.isdisjoint(_OUTBOUND)
                and self._about_neighbours("\0direction", neighbours, lambda tokens: "_".join(tokens) in c.direction_ties))

    def _attached_to_correspondence(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row an attachment (`Attachment`, `MailAttachment`, `Comment_Files`) of correspondence: named for a
        mail, a message, a comment or a ticket, or beside a link to one (`message`, `ticket`, `note`), to a person's
        CRM record (`lead`, `contact`), or to any row (`object_id`, a generic attachment)? A newsletter's, a
        notification's, a knowledge-base item's or a facility's attachment is the business's."""
        c, words = self.context, self._row_words(container)
        if not words & c.attachment_rows:
            return False
        if words & _CORRESPONDENCE:
            return True
        if neighbours and self._about_neighbours("\0post", neighbours, lambda tokens: tokens == ["post"]):
            return False  # a forum post's attachment is published with the post: not private correspondence
        return bool(neighbours) and self._about_neighbours(
            "\0attached", neighbours, lambda tokens: "_".join(self._core(tokens)) in c.attachment_ties
            or "_".join(tokens) in c.attachment_ties)

    def _employed(self, neighbours: Sequence[str]) -> bool:
        """Does a neighbour name the person's employer or place in it (`company`, `department`, `is_employed`)?"""
        ties = self.context.employment_ties
        return self._about_neighbours("\0employment", neighbours, lambda tokens: "_".join(tokens) in ties)

    def _holds_address(self, neighbours: Sequence[str], prefix: str = "") -> bool:
        """Do the neighbours hold a postal address: a city and a postcode or street line (all named with
        `prefix`, when one is given)?"""
        key = ("\0address" + prefix, *neighbours)
        found = self._ties.get(key)
        if found is None:
            names = {"_".join(self._splitter.tokens(n)) for n in neighbours}
            if prefix:
                names = {n[len(prefix):] for n in names if n.startswith(prefix)}
            found = bool(names & _CITY) and bool(names & _POSTAL)
            self._ties[key] = found
        return found

    def _tied_to_patient(self, neighbours: Sequence[str]) -> bool:
        """Does a neighbour link a clinical row to its patient (`patient_id`, `patient`)?"""
        c = self.context

        def ties(tokens: list[str]) -> bool:
            return "_".join(tokens) in c.health_ties or singular(self._core(tokens)[-1]) in c.health_ties

        return self._about_neighbours("\0health", neighbours, ties)

    def _clinical_compound(self, container: str) -> tuple[str, bool]:
        """A clinical word before a record noun in the container's name (`MedicationRecord`, `PathologyReport`,
        `ConditionRecord`): the two words ("" when there are none), and whether the clinical word names one patient's
        record by itself (clinical_subjects), not a homonym that needs a clinical code beside it (`condition`)."""
        found = self._compounds.get(container)
        if found is None:
            c = self.context
            tokens = [singular(t) for t in self._splitter.tokens(container)]
            found = ("", False)
            for a, b in zip(tokens, tokens[1:]):
                if b in c.clinical_record_nouns and (a in c.clinical_subjects or (a in c.health_rows and a not in c.usage_words)):
                    found = (f"{a!r} {b!r}", a in c.clinical_subjects)
                    if found[1]:
                        break
            self._compounds[container] = found
        return found

    def _clinically_coded(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row a clinical word's record (`ConditionRecord`, `ProcedureRecord`) beside a clinical code
        (`icd10_code`, `snomed_code`): a patient's record, though no neighbour links the patient?"""
        codes = self.context.clinical_codes
        return (bool(neighbours) and bool(self._clinical_compound(container)[0])
                and self._about_neighbours("\0codes", neighbours, lambda tokens: not codes.isdisjoint(tokens)))

    def _patient_note(self, container: str, neighbours: Sequence[str]) -> bool:
        """Is the row a note, a report or a summary beside a link naming its patient
        (`patient_id`)? Then it is a clinical note about that patient (an EHR's `Note`), not what someone jotted down."""
        if not neighbours:
            return False
        tokens = self._splitter.tokens(container)
        return (bool(tokens) and singular(tokens[-1]) in _CLINICAL_WRITINGS
                and self._about_neighbours("\0patient", neighbours, lambda t: not _PATIENT_WORDS.isdisjoint(t)))

    def _links_its_person(self, container: str, neighbours: Sequence[str]) -> bool:
        """Does a neighbour link the person the table is named for (`user_id` on a BlockedUser, `user` on a
        UserProfile), so that the row is about that person rather than their own?"""
        words = self._container_words(container) & self.context.person
        if not words or len(self._container_words(container)) == 1:
            # a table named by a person word alone (User, Employee) is that person's own row: its `user_num`,
            # `employee_id` is its own key or an external id of the same person, no link to a row about them
            return False
        return self._about_neighbours("\0own:" + container, neighbours,
                                      lambda tokens: singular("_".join(self._core(tokens))) in words)

    def _clinical_row(self, container: str, kind: _Kind, neighbours: Sequence[str]) -> bool:
        """Is the row a patient's clinical record: a health row (a VisitNote, a Medication tied to its
        patient), or any row a neighbour ties to its patient (`registr_patient_id` on an outpatient visit)?"""
        return self._tied_to_patient(neighbours) or self._row_fits("health", container, kind, neighbours)

    def _container_words(self, container: str) -> frozenset[str]:
        """The words a container answers to: its head noun and its whole name (`AbstractPaymentEvent` ->
        event, paymentevent), so `MailTemplate` is not a `mail`."""
        found = self._words.get(container)
        if found is None:
            tokens = [singular(t) for t in tokenize(container) if singular(t) not in self.context.container_noise]
            words = {t for t in tokens if t in self.context.person}  # `EmpPosition` is an employee's
            found = frozenset(words | {tokens[-1], singular("".join(tokens))} if tokens else ())
            self._words[container] = found
        return found

    def _person_link(self, tokens: tuple[str, ...], kind: _Kind, tname: str) -> str:
        """Why the name is a link to (or the key of) a person ("" when it is not)."""
        if tokens and self._flags(tokens[-1]) & _LINKLESS:
            return ""  # (the head below would be that word: most names end in no person word, role, `by` or `to`)
        c = self.context
        core = [t for t in tokens if not t.isdigit()]
        if not core:
            return ""
        ident = core[-1] in c.id_tokens
        if ident:
            core = core[:-1]
            if len(core) > 1 and core[-1] == "object":  # `actor_object_id`: a generic link, the role before it decides
                core = core[:-1]
            if not core or (len(core) == 1 and core[0] in ("entity", "record", "row")):
                direct = kind.why.startswith("head ")
                return f"{_PRIMARY_KEY} ({kind.why})" if kind.kind == "person" and direct else ""
        if singular(core[-1]) not in self._link_heads:
            return ""  # every link below ends in a person word, a person's role, `by` or `to` (see `_LINKLESS`)
        if tname in c.boolean_types or tname in c.timestamp_types or tname in _CHOICE_TYPES:
            return ""  # (mailman's `autorespond_owner = Column(Enum(ResponseAction))`: a choice among actions, no link)
        if (not ident and len(core) == 1 and tname in c.text_types and kind.kind in ("thing", "unknown")
                and core[0] not in c.account_heads):
            # `Publication.author`, `Newsletter.sender` as text on a thing's row: a credit or a label, no link (a token
            # payload's `usr` is still its user)
            return ""
        if (not ident and len(core) == 1 and core[0] in c.role_flags and kind.kind == "person"
                and kind.why.startswith("head ") and tname not in c.text_types):
            return ""  # `users.admin smallint`: on the person's own row, a role word is their role (a flag), no link
        if self._not_the_person(core):
            return ""
        if tname.endswith("type") and tname not in _SCALAR_TYPES:
            return ""  # a structure (`participant: List[ConditionParticipantType]`) holds fields, it is not a link
        if not self._no_link.isdisjoint(core[1:] if core[0] == "from" and len(core) == 2 else core):
            return ""  # a veto word or a counting word; but `from_user_id` is the sender, like `to_user_id`
        head = singular(core[-1])
        if not ident and head != core[-1] and tname not in c.text_types:
            return ""  # `followers`, `attendees` without an id are a count or a list, not one person's link
        if head == "to" and len(core) >= 2 and core[-2] in _TO_WHOM and tname not in c.text_types:
            return f"{' '.join(core)!r} names whom it went to"  # `assigned_to_id`, `reports_to_id`: staff
        if kind.kind == "organization" and len(core) > 1 and head != "by":
            return ""  # `Organization.stripe_customer_id` is the business's account at a provider
        if head in c.software_roles and kind.why.endswith(_MACHINE):
            return ""  # `Database.driver`, `Cluster.worker`: software, not a person
        if head == "by" and len(core) >= 2 and core[-2] in _QUERY_CLAUSES:
            return ""  # `group_by`, `order_by`: a query's clause, not who grouped or ordered
        if head == "by" or (len(core) >= 2 and core[-2] == "by" and head == "user"):
            return f"{' '.join(core)!r} names who did it"
        if head in c.person or head in c.person_roles:
            for t in core[:-1]:
                s = singular(t)
                if s in c.organization or s in c.infrastructure:
                    return ""
            return f"{core[-1]!r} is a person" + (" and the name ends in an identifier" if ident else "")
        return ""

    def _person_object(self, type_hint: str) -> str:
        """The person class a field's annotation holds whole (`author: Author`, `passengers: Sequence[OrderPassenger]`,
        an API client's dataclass or pydantic model), or "": a person's record nested in the row, not a link to it."""
        found = self._held.get(type_hint)
        if found is None:
            target = held_class(type_hint) if type_hint else ""
            kind = self._container_kind(target) if target and target.lower() not in _USER_MODELS else None
            # the class's own head noun is a person's (`OrderPassenger`, `HiringTeamMember`); a `PatientStatementDelivery`
            # or a `GuestBirthDate` is a part of a person's record, which its own name decides
            found = target if kind is not None and kind.kind == "person" and kind.why.startswith("head ") else ""
            self._held[type_hint] = found
        return found

    def _not_the_person(self, words: Sequence[str]) -> bool:
        """Does a person word in the name stand after its head noun: a thing before `of` (`list_of_speakers`,
        `group_of_members`), or a relation to someone (`relation_to_resident`, `relationship_to_patient`)?"""
        for i, w in enumerate(words):
            if w == "of" and 0 < i < len(words) - 1 and singular(words[i - 1]) in self.context.non_person:
                return True
            if w in _RELATION_WORDS and i < len(words) - 2 and words[i + 1] in ("to", "with"):
                return True
        return False

    def _relation(self, tokens: tuple[str, ...], type_hint: str, kind: _Kind, by_name: bool = True) -> str:
        """Why a relation field points at a person ("" when it points at a thing)."""
        c = self.context
        target = type_target(type_hint)
        if target.lower() in _USER_MODELS:
            return f"it references the user model ({target})"
        if target == "self":
            return f"it references its own table, a person ({kind.why})" if kind.kind == "person" else ""
        if target:
            heads = [singular(t) for t in self._splitter.tokens(target) if singular(t) not in c.container_noise]
            whole = singular("".join(heads))
            if len(heads) > 1 and heads[-2] in c.business_qualifiers and heads[-1] not in _MEMBERS:
                return ""  # `ForeignKey(EnterpriseCustomer)` links to a company (`OrganizationUser` is a person in one)
            if self._not_the_person(heads):
                return ""  # `ForeignKey(ListOfSpeakers)` links to a list
            if self._container_kind(target).kind == "organization":
                return ""  # the target's table is a business's or a system's (`DepartmentProfile`, `HttpClient`)
            if (heads and (heads[-1] in c.person or heads[-1] in c.person_roles)) or whole in c.person:
                return f"it references {target}, a person"
            if (len(heads) > 1 and heads[-1] == "reference" and not c.person.isdisjoint(heads[:-1])
                    and c.organization.isdisjoint(heads[:-1])):
                # FHIR's typed references name what they may point at: a `PatientReference`, a
                # `PatientRelatedPersonReference` links a person (one that may be an organisation does not)
                return f"it references {target}, a reference to a person"
            if whole in c.person_data_tables or (heads and heads[-1] in c.person_data_tables):
                # a business's row holds the business's own address or contact details, not a person's
                # (and so does a link named for the business: `address_org`, see `_decide`)
                return "" if kind.kind == "organization" else f"it references {target}{_PERSON_DATA}"
            if not tokens or not by_name or self._container_kind(target).kind != "unknown":
                return ""
            # a target of no known kind (a generic `Entity`, `Party`, `Principal`) says nothing: the link's own name
            # decides, as for a relation with no target (`opened_by = ForeignKey(Entity)`, `assignee`)
            named = (*tokens[:-1], singular(tokens[-1]))
            link = self._person_link(named, _UNKNOWN, "")
            return f"it references {target}, of no known kind, and {link}" if link else ""
        if tokens == ("subject",) and kind.kind in ("person", "record"):
            return "it references the record's subject (FHIR's Condition.subject, Consent.subject)"
        # a relation holds links, one or many: `recipients = ManyToManyField()` links to each recipient
        named = (*tokens[:-1], singular(tokens[-1])) if tokens else tokens
        link = self._person_link(named, _UNKNOWN, "")
        return f"it is a relation and {link}" if link else ""

    # -- the decision ----------------------------------------------------------
    def _decide(self, name: str, container: str, type_hint: str, neighbours: Sequence[str],
                trace: list[str] | None, tokens: tuple[str, ...] | None = None,
                place: _Place | None = None) -> Classification | None:
        c = self.context
        if tokens is None:
            tokens = self._splitter.tokens(name)
        if place is None:
            tname = type_name(type_hint) if type_hint else ""
            kind = self._kind(container, neighbours)
        else:
            tname, kind = place.tname, place.kind
        if tokens[-1:] and tokens[-1] in _CODE_WORDS and len(tokens) > 1 and tname in c.strong_types:
            # `email_field = EmailField(db_column="email")`: the word names the attribute in the code, and the type
            # says what its value is (django-newsletter's Subscription), so it is no metadata about the datum
            tokens = tokens[:-1]
        if trace is not None:
            trace.append(f"tokens: {' '.join(tokens) or '(none)'}")
            trace.append(f"container: {container or '(none)'} -> {kind.kind} ({kind.why})")
            if tname:
                trace.append(f"type: {tname}")

        if self._regex is not None:
            hit = self._regex.search("_".join(tokens))
            if hit is not None and hit.lastgroup:
                rule = self._regex_rules[int(hit.lastgroup[1:])]
                if tname in c.boolean_types and not rule.flag:
                    self._note(trace, f"candidate {rule.id} (regex) vetoed: a {tname} is not the datum")
                else:
                    return self._result(rule, f"rule {rule.id}: regex matched {hit.group(0)!r} ({rule.source})",
                                        rule.confidence, trace)

        if tname and tname.endswith(self._program_ends) and self._program_type(tname):
            # `email: EmailValidator`, `client: ClientSession`: the attribute holds a program object, no datum
            self._note(trace, f"type {tname} is a program object (a validator, a service, a client session), no datum")
            return None
        if (neighbours and len(tokens) > 1 and tokens[-1] in c.id_tokens and tokens[-2] in c.generic_pointers
                and self._typed_pointer(tokens[:-1], neighbours)):
            # `reference_id` beside `reference_type`, `assigned_object_id` beside `assigned_object_type`: a polymorphic
            # pointer to a row of any type, whose type is stored beside it, is the key of another row of the app:
            # neither a person's link nor a payment's reference (extraction's request: heldout12 WalletTransaction)
            self._note(trace, f"{' '.join(tokens)!r} beside its '_type' points at a row of any type: another row's key")
            return None
        if neighbours and (tokens in _VALUE_SLOTS or tokens in _VISIBILITY) and len(neighbours) <= 4:
            wrapped = self._wrapped_datum(tokens, container, type_hint, tname, neighbours, trace)
            if wrapped is not None:
                return wrapped
        if tname in c.relation_types:
            why = (self._relation(tokens, type_hint, kind, by_name=bool(neighbours))
                   if place is None or place.relation is None else place.relation)
            if why.endswith(_PERSON_DATA) and any(t in c.business_qualifiers or t == "org" for t in tokens):
                why = ""  # `address_org`, `company_address`: the business's address, not the person's
            if why:
                return self._related(tname, type_hint, kind, why, trace)
            if kind.kind in ("person", "record"):
                # On a person's row a link to a lookup table is that person's attribute:
                # `Employee.country = ForeignKey(Country)`, `Employee.position = ForeignKey(Position)`.
                if trace is not None:
                    trace.append(f"a {tname} to a lookup table on a person's row: the name decides")
                related: tuple[str, ...] = _LOOKUP_CATEGORIES
            elif kind.kind in ("thing", "unknown") and self._bound_lookup(tokens, container):
                # `EmpPosition.position = ForeignKey(Position)`: a row a rule is bound to (an employee's position
                # held) names what its link to a lookup table is, though its head noun is a thing's
                if trace is not None:
                    trace.append(f"a {tname} to a lookup table on a row a rule is bound to: that rule decides")
                related = _LOOKUP_CATEGORIES
            elif kind.kind != "organization" and neighbours and self._clinical_row(container, kind, neighbours):
                # On a patient's clinical row a link to a clinical lookup is the patient's health data: the
                # diagnosis code of a visit (`HltTap.mkb = ForeignKey(OmsMkb)`), the drug of a resident's
                # Medication (`medicine = ForeignKey(Drug)`); its other links are the clinic's structure
                if trace is not None:
                    trace.append(f"a {tname} to a lookup table on a patient's clinical row: a health name decides")
                related = _HEALTH
            else:
                return self._related(tname, type_hint, kind, why, trace)
        else:
            related = ()
            if (tname in _INTEGER_TYPES and len(tokens) > 1 and tokens[-1] == "id" and kind.kind != "organization"
                    and tokens[:-1] != self._splitter.tokens(container)):  # (`patient_identifier_id`: the row's own key)
                # an integer `sex_id`, `country_id`, `position_id` on a person's row is a link to a lookup table kept
                # as a bare column (SQL, SQLAlchemy): read it as that link, `sex = ForeignKey(Sex)`; so is a
                # `trauma_type_id` on a patient's clinical row
                lookups = ((_LOOKUP_IDS if kind.kind in ("person", "record") else ())
                           + (_HEALTH if neighbours and self._clinical_row(container, kind, neighbours) else ()))
                looked = self._decide(name, container, "ForeignKey()", neighbours, None, tokens[:-1]) if lookups else None
                if looked is not None and looked.category.startswith(lookups):
                    self._note(trace, f"an {tname} {' '.join(tokens)!r} on a person's row links a lookup table")
                    return looked

        if (neighbours and tokens in _SALUTATION and kind.kind != "person"
                and self._neighbour_facts(neighbours)[1] == "both:" and self._own_name_parts(neighbours)):
            # On an address or a booking beside a first and a last name, `title` is Mr, Ms or Dr;
            # on a person's own row (Contact, Employee) it is the job title.
            return self._result_key("user.demographic.gender", _SALUTATION_RULE, "medium",
                                    f"rule {_SALUTATION_RULE}: {' '.join(tokens)!r} beside a first and a last name "
                                    "is the salutation", trace)
        if (tname in c.boolean_types or tname in _INTEGER_TYPES) and kind.kind in ("person", "record"):
            switch = self._privacy_switch(tokens, container, neighbours, trace, tname in _INTEGER_TYPES)
            if switch is not None:
                return switch
        typed = self._by_type.get(tname)
        worded_veto = False
        # When only whether a candidate is vetoed matters (no trace to write, no type rule that a worded veto would
        # hold back), two conditions that `_veto` vetoes on whatever else holds are tried first, at a fraction of its
        # cost: a metadata word after the candidate (`email_verified`) and, for a lone name, a rule bound to a place
        # this is not. `cut`: the last metadata word's position (-1: none; -2: no shortcut).
        cut = self._veto_cut(tokens) if typed is None and trace is None else -2
        for m in self._matches(tokens, not neighbours, cut):
            if related and not m.rule.category.startswith(related):
                continue  # a link to a Department or a Company is the business's structure, not the person's
            if m.rule.category == NOT_PERSONAL:
                # a clearing rule bound to containers clears the name only there (`name` on a Device)
                bound = m.rule.containers or m.rule.row
                if bound and not self._in_place(m.rule, tokens, m.start, kind, container, neighbours):
                    continue
                veto = ""
            elif m.end <= cut or (cut > -2 and not neighbours and (m.rule.containers or m.rule.row) and not (
                    self._in_place(m.rule, tokens, m.start, kind, container, ()) if place is None
                    else self._placed(m.rule, tokens, m.start, container, place))):
                continue  # vetoed (see `cut`)
            else:
                veto = self._veto(tokens, m, kind, container, tname, neighbours, trace is not None)
            if veto:
                if trace is not None:
                    trace.append(f"candidate {m.rule.id} ({m.rule.category}) on {' '.join(tokens[m.start : m.end])!r}: "
                                 f"vetoed, {veto}")
                worded_veto = worded_veto or "metadata" in veto or "belongs to" in veto
                continue
            words = " ".join(tokens[m.start : m.end])
            if trace is not None:
                trace.append(f"candidate {m.rule.id} ({m.rule.category}) on {words!r}: accepted")
            if m.rule.category == NOT_PERSONAL:
                if trace is not None:
                    trace.append(f"rule {m.rule.id} ({m.rule.source}) says {words!r} is not personal data")
                return None
            if typed is not None and typed.category != m.rule.category and tname in c.strong_types:
                return self._result(typed, f"rule {typed.id}: type {tname} outranks the name ({m.rule.id} on {words!r})",
                                    "high", trace)
            if m.rule.category == "user.name" and len(tokens) == 1 and tokens[0] in _GENERIC_NAME and neighbours:
                other, _, field = self._neighbour_facts(neighbours)[1].partition(":")
                if other == "full":
                    return self._result_key("user.account.username", m.rule.id, "medium",
                                            f"rule {m.rule.id}: tokens {words!r}, beside the full name {field!r} it is "
                                            "the account's name", trace)
                if field:
                    category = "user.name.last" if other == "first" else "user.name.first"
                    return self._result_key(category, m.rule.id, "medium",
                                            f"rule {m.rule.id}: tokens {words!r}, beside {field!r} it is the {category[10:]} name",
                                            trace)
            if (m.rule.category == _CREDENTIALS and neighbours and _CLIENT_SECRETS.issuperset(tokens)
                    and self._about_neighbours("\0client", neighbours, lambda t: t == ["client", "id"])):
                # a `secret_key` beside a `client_id` is an API client's key pair (heldout18's YubicoKey holds the
                # YubiCloud API's client id and key the operator checks it with; allauth's SocialApp, an OAuth
                # application): the business's key to a service, not a credential of the person on the row
                self._note(trace, f"{words!r} beside a 'client_id' is an API client's secret: the business's")
                return None
            if (m.rule.category == _PROFILE and words == "profile" and type_hint and "(" not in type_hint
                    and tname not in c.relation_types and self._person_object(type_hint)):
                # `profile: Profile` nests a person's profile whole (hinge's UserProfile.profile): their record, which
                # identifies them (session 13 ruling 1, session 15 ruling 1), not a blob of profile data
                continue
            if m.rule.category == _PROFILE and tname in _URL_TYPES and words == "profile":
                # Steam's `Player.profile = URLField()`: a link to the person's profile page is their profile link, as
                # the taxonomy defines user.contact.url (links to social and personal profiles), not profile data
                return self._result_key("user.contact.url", m.rule.id, "low",
                                        f"rule {m.rule.id}: tokens {words!r}, a {tname}: the link to their profile", trace)
            confidence: Confidence = m.rule.confidence
            reason = f"rule {m.rule.id}: tokens {words!r}"
            if typed is not None and typed.category == m.rule.category:
                confidence, reason = "high", reason + f", type {tname} agrees"
            if m.on_person:
                reason += f", on a person ({kind.why})" if kind.kind in ("person", "record") else ", after a person word"
            if (confidence == "low" and m.rule.category == _PRIVATE_CONTENT and neighbours
                    and self._written_by_person(neighbours)):
                # a chat message beside its `user`, a DM's body beside its `sender`, a contact form's message beside
                # the writer's own name and e-mail: their words, so an undeclared one is worth a DM101 (audit12 #15)
                confidence, reason = "medium", reason + ", on a row tied to the person who wrote it"
            return self._result(m.rule, reason, confidence, trace)

        if related:
            return None
        if place is not None:
            held = place.held
        else:
            held = self._person_object(type_hint) if tname not in c.relation_types else ""
        if held:
            # a schema of an outside service nests the person whole (a passenger, an author, a recipient): every datum
            # of theirs the nested class holds, which is personal data of no one category, not a link
            # (its link, not the taxonomy's root: a root category covers every category and would silence the
            # data map's checks, audit15 #01)
            return self._result_key("user.unique_id", _OBJECT_RULE, "medium",
                                    f"rule {_OBJECT_RULE}: the type {held} is a person's record nested in the row, "
                                    "which identifies that person", trace)
        link = "" if tname in c.boolean_types else self._person_link(tokens, kind, tname)
        if (not link and len(tokens) == 2 and tokens[0] == "subject" and tokens[1] in _SUBJECT_REFS
                and kind.kind == "record" and tname not in c.boolean_types and tname not in c.timestamp_types
                and not self._container_words(container).isdisjoint(c.health_rows)):
            # FHIR's `subject_ref` on a condition, an encounter, an observation: the patient the record is about
            # (a relation named `subject` is read so in `_relation`; flattened to a column it is the same link)
            link = "'subject' on a clinical record is its patient"
        core = self._core(list(tokens)) if not link and neighbours and not c.care_providers.isdisjoint(tokens) else []
        numeric = tname in _INTEGER_TYPES or tname in c.relation_types
        if (core
                and ((core[-1] in c.care_providers and (numeric or tokens[-1] in c.id_tokens))
                     or (len(core) == 2 and core[0] in c.care_providers and numeric))  # `provider_bill`
                and ("patient" in self._container_words(container) or self._tied_to_patient(neighbours))):
            # a claim's `referring_provider`, an appointment's `prov_num`: the clinician of a patient's record (holdout20)
            link = f"{' '.join(tokens)!r} on a patient's record names their clinician"
        if link and type_hint and "(" not in type_hint and self._foreign_object(type_hint):
            # `client: Union[AsyncElasticsearch, AsyncOpenSearch]`, `owner: Organization`: the attribute holds an object
            # of classes no person's word names (an SDK's client, a business), not a link to a person (audit15 #06)
            self._note(trace, f"{' '.join(tokens)!r} holds an object of {type_hint}, no person's class: no link")
            link = ""
        if link and tokens[0] in _MERCHANT_ROLES and not self._row_words(container).isdisjoint(c.payment_rows):
            # PayPal's `receiver_id` on a payment notification is the merchant's account, the one being paid
            self._note(trace, f"{tokens[0]!r} on a payment row is the merchant being paid, not a person")
            link = ""
        if (link and len(tokens) == 1 and singular(tokens[0]) in c.business_parties
                and (not tname or tname in c.text_types) and neighbours and self._party_only(neighbours, links=False)):
            # `alerts.customer text`, `notes.customer text` beside the note's `user`: the tenant a row is routed
            # to, not a person's key (a `user` beside it is the person; a `customer_id` or a ForeignKey is a link)
            self._note(trace, f"a plain-text {tokens[0]!r} beside no person's datum may name a business: "
                              "a tenant's or an account's name, no link")
            link = ""
        if (link and neighbours and singular(self._core(list(tokens))[-1]) in c.software_roles
                and self._software_role(singular(self._core(list(tokens))[-1]), neighbours)):
            # `client_id` beside `client_version`: the id of a program (a station's client software), no person's
            self._note(trace, f"{' '.join(tokens)!r} beside that role's version or secret names a program, not a person")
            link = ""
        if (link and not link.startswith(_PRIMARY_KEY) and neighbours
                and singular(self._core(list(tokens))[-1]) in c.software_roles
                and not self._row_words(container).isdisjoint(c.program_rows)):
            # a job queue's `worker_id` (procrastinate_jobs beside queue_name, task_name): the process that ran it
            self._note(trace, f"{' '.join(tokens)!r} on a job's or a task's row names the process that runs it")
            link = ""
        if link.startswith(_PRIMARY_KEY) and neighbours and self._links_its_person(container, neighbours):
            # `BlockedUser.id` beside its `user_id`, `UserProfile.id` beside its `user`: the row points at the
            # person it is named for, so it is a record about them and its key is the record's
            self._note(trace, f"{' '.join(tokens)!r} is the key of a row that links the person it is named for")
            link = ""
        if link and typed is not None and tname in c.strong_types:
            # `Ticket.customer = EmailField()`, `contact: EmailStr`: the type says what the value is
            return self._result(typed, f"rule {typed.id}: type {tname} outranks the link ({link})", "high", trace)
        if link:
            if "names who did it" in link and tname in c.text_types and tokens[-1] not in c.id_tokens:
                # (`created_by` as text is the actor's name; `created_by_id` as text is their id: espocrm's)
                return self._result_key("user.account.username", _LINK_RULE, "low",
                                        f"rule {_LINK_RULE}: {link}, stored as text", trace)
            confidence = "medium" if tname or "primary key" in link else "low"
            rid = _PK_RULE if "primary key" in link else _LINK_RULE
            return self._result_key("user.unique_id", rid, confidence, f"rule {rid}: {link}", trace)

        if typed is not None and tname not in c.boolean_types and kind.kind != "organization" and not worded_veto:
            infra = [t for t in tokens if singular(t) in c.infrastructure or singular(t) in c.organization]
            if infra:
                self._note(trace, f"type {tname} alone, but {infra[0]!r} says it is about a system")
            elif typed.context == "not_thing" and kind.kind not in ("person", "record"):
                self._note(trace, f"type {tname} alone means {typed.category} only on a person")
            else:
                # The type alone is decisive (GenericIPAddressField, inet) whatever the name.
                return self._result(typed, f"rule {typed.id}: type {tname}", "high" if kind.kind != "thing" else "medium", trace)
        return None

    def _bound_lookup(self, tokens: tuple[str, ...], container: str) -> bool:
        """Does a rule bound to this container (`containers:`) name the field as a lookup's category (a job, an
        address part, a demographic)?"""
        if self._container_words(container).isdisjoint(self._rule_containers):
            return False  # (no rule is bound to this container: `_in_containers` below holds for none)
        return any(m.rule.containers and m.start == 0 and m.end == len(tokens)
                   and m.rule.category.startswith(_LOOKUP_CATEGORIES) and self._in_containers(m.rule, tokens, 0, container)
                   for m in self._matches(tokens))

    def _wrapped_datum(self, tokens: tuple[str, ...], container: str, type_hint: str, tname: str,
                       neighbours: Sequence[str], trace: list[str] | None) -> Classification | None:
        """A row of a value and a switch that shows or hides it (hinge's `Religion(value, visible)`): the switch
        makes the value one person's datum, of what the class is named for (a lookup table of religions has no such
        switch); the switch is their privacy choice over it."""
        shapes = {self._splitter.tokens(n) for n in neighbours}
        if shapes.isdisjoint(_VALUE_SLOTS) or shapes.isdisjoint(_VISIBILITY):
            return None
        slot = tokens in _VALUE_SLOTS
        if not slot and tname and tname not in self.context.boolean_types:
            return None
        datum = self._decide(container, "Person", type_hint if slot else "", (), None)
        if datum is None or not datum.category.startswith(_WRAPPED):
            return None
        if slot:
            return self._result_key(datum.category, _WRAPPER_RULE, "low",
                                    f"rule {_WRAPPER_RULE}: the value of a {container} beside a switch that shows it is "
                                    f"a person's {datum.category} ({datum.rule})", trace)
        return self._result_key(_PRIVACY, _WRAPPER_RULE, "low",
                                f"rule {_WRAPPER_RULE}: a switch that shows or hides a person's {container} "
                                f"({datum.category}) is their privacy choice", trace)

    def _privacy_switch(self, tokens: tuple[str, ...], container: str, neighbours: Sequence[str],
                        trace: list[str] | None, number: bool = False) -> Classification | None:
        """A person's switch that shows or hides a datum of theirs (`show_country`, `hide_contact_details`,
        `email_is_confidential`, `note_hidden`) is their privacy choice, when what it hides is personal."""
        words = tokens[1:] if tokens[:1] == ("is",) else tokens
        if len(words) < 2:
            return None
        if words[0] in _SHOW_WORDS:
            rest = words[1:]
        elif words[-1] in _HIDDEN_WORDS:
            rest = words[:-2] if words[-2] == "is" else words[:-1]
        else:
            return None
        if not rest or not _NEGATIONS.isdisjoint(rest):
            return None  # `hide_no_ssh_key` switches a warning, not a datum
        datum = self._decide("_".join(rest), container, "", neighbours, None, rest)
        if datum is None or datum.category.startswith((_PRIVACY, "user.authorization")):
            return None  # `show_password` is a form's switch, not a choice about who sees a datum
        if number and datum.category == "user.unique_id":
            return None  # an integer `share_uid` is a share's own number, no 0/1 flag
        return self._result_key(_PRIVACY, _SWITCH_RULE, "low",
                                f"rule {_SWITCH_RULE}: a switch that shows or hides {' '.join(rest)!r} "
                                f"({datum.category}) on a person's row is their privacy choice", trace)

    def _related(self, tname: str, type_hint: str, kind: _Kind, why: str, trace: list[str] | None) -> Classification | None:
        """A relation decided by what it points at: a link when at a person, else nothing off a person's row."""
        if why:
            return self._result_key("user.unique_id", _LINK_RULE, "high", f"rule {_LINK_RULE}: {tname} to a person: {why}",
                                    trace)
        if trace is not None:  # the hot path builds no text it drops
            trace.append(f"a {tname} to {type_target(type_hint) or 'something'} that is not a person: not personal")
        return None

    def _note(self, trace: list[str] | None, line: str) -> None:
        if trace is not None:
            trace.append(line)

    def _result(self, rule: FieldRule, reason: str, confidence: Confidence, trace: list[str] | None) -> Classification:
        return self._result_key(rule.category, rule.id, confidence, reason, trace)

    def _result_key(self, category: str, rule_id: str, confidence: Confidence, reason: str,
                    trace: list[str] | None) -> Classification:
        if category in self._sensitive:
            reason += "; sensitive category"
        return Classification(category, rule_id, confidence, reason)

    def classify(self, name: str, container: str = "", type_hint: str = "",
                 neighbours: Sequence[str] = ()) -> Classification | None:
        """The category of one field, or None when it is not personal data.

        `neighbours` are the other field names of the same container, when known.
        """
        if neighbours:
            return self._decide(name, container, type_hint, neighbours, None)
        # The classifier never changes once built, so answers are kept per token sequence and place:
        # `customerEmail`, `customer_email` and `CUSTOMER_EMAIL_7` share an answer. A number no rule
        # names (`7`, `2019`) cannot change the decision, so it is keyed as `self._number`, a number no
        # rule names either (not `0`: `auth0_id` is a rule's), unless a project's regex rules might read
        # it; an answer whose reason quotes that stand-in is this name's alone (see below). The key is a
        # string: a tuple per cached name was two more objects for the garbage collector to track. The
        # name's tokens are not memoised: a repeated name is a repeated key, and a memo of mostly
        # distinct names costs more than splitting them again.
        place = self._places.get((container, type_hint))
        if place is None:
            place = self._places[(container, type_hint)] = self._place(container, type_hint)
        if place.settled:
            return place.answer
        tokens = own = self._splitter.split_name(name)
        if self._regex is None and _DIGIT.search(name) is not None:  # (only a digit in the name makes a number token)
            known, number = self._vocabulary, self._number
            for t in tokens:
                if t.isdigit() and t not in known:
                    tokens = tuple(number if t.isdigit() and t not in known else t for t in tokens)
                    break
        key = place.key + "_".join(tokens)  # (tokens hold no `_`, and place keys end in `:`, which no token holds)
        answers = self._token_answers
        found = answers.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = (None if place.plain and self._surely_none(tokens, container, place)
                     else self._decide(name, container, type_hint, (), None, tokens, place))
            if found is not None and tokens is not own and self._number in found.reason:
                # (`show_country_268`'s reason quotes 'country 268': one decided with the stand-in would say
                # 'country 00' for every number, so this name is decided with its own, and the answer not kept)
                return self._decide(name, container, type_hint, (), None, own, place)
            if len(answers) < _ANSWERS:
                answers[key] = found
        return found  # type: ignore[return-value]

    def _place(self, container: str, type_hint: str) -> _Place:
        """Without neighbours, `_decide` reads the container only through its kind, the words a rule's
        `containers:` can name and whether it is each `row:` kind; and the type through its name (and a
        relation's target). Pairs equal in all of that share a key and so answers (`Customer` and
        `CustomerModel`, `CharField` and `models.CharField(max_length=80)`)."""
        tname = type_name(type_hint) if type_hint else ""
        relational = tname in self.context.relation_types
        held = "" if relational else self._person_object(type_hint)
        row = self._row_facts.get(container)  # (a container comes with many types)
        if row is None:
            kind = self._container_kind(container)
            # and the container's words whole: `_veto` tests them against a dozen row vocabularies (settings,
            # program, audit, payment rows...) and the name's own words, so two containers share answers only when
            # their words are the same (a test checks every eval row's cached answer against `_decide`)
            row = self._row_facts[container] = (kind, self._container_words(container) & self._rule_containers,
                                                tuple(self._row_fits(r, container, kind, ()) for r in _BARE_ROWS),
                                                self._container_words(container) | self._row_words(container))
        kind = row[0]
        facts = (*row, tname, type_target(type_hint) if relational else held)
        key = self._place_keys.get(facts)
        if key is None:  # a fresh id when the memo is full: never shared, so never a wrong answer
            key = self._place_keys[facts] = f"{next(self._place_ids)}:"
        # a relation with a target is judged by the target and the kind alone, so once per place; when that
        # settles it (and no project regex reads the name first), the name need not even be split
        relation = self._relation((), type_hint, kind) if facts[-1] and relational else None
        # (a target of no known kind leaves the link's own name to decide only beside neighbours, as a scan classifies
        # every field of a container: here a place stays settled, since splitting every bare name a relation to an
        # unknown model has cost bench_classify ~10 % of its CPU)
        settled = (self._regex is None and relation is not None and not relation.endswith(_PERSON_DATA)
                   and bool(relation or kind.kind not in ("person", "record"))
                   and not (not relation and kind.kind in ("thing", "unknown") and facts[1]))  # a bound rule may read the name
        answer = self._related(tname, type_hint, kind, relation or "", None) if settled else None
        c = self.context
        plain = (self._regex is None and not relational and not held and tname not in self._by_type
                 and tname not in c.strong_types)
        # (MySQL keeps a switch in an integer: arXiv's `share_email` INTEGER is a 0/1 flag, holdout23)
        switch = (tname in c.boolean_types or tname in _INTEGER_TYPES) and kind.kind in ("person", "record")
        return _Place(kind, tname, key, relation, settled, answer, held, plain, {}, switch)

    def _surely_none(self, tokens: tuple[str, ...], container: str, place: _Place) -> bool:
        """Is a lone name at a plain place (see `_place`) surely not personal, by a look at its candidates that costs
        a fraction of `_decide`? Most names are not, and most of their candidates fail one of two conditions `_veto`
        vetoes on whatever else holds: a metadata word after the candidate (`email_verified`), or a rule bound to a
        place this is not (`number` off a Card). With no candidate left and no link to a person, `_decide` finds
        nothing either: there a plain place has no type rule, relation, nested person, switch or lookup id to read."""
        size = len(tokens)
        if size and (tokens[0] == "subject" or (tokens[-1] == "id" and place.tname in _INTEGER_TYPES)):
            return False  # (`subject_ref` on a clinical record, an integer `sex_id` on a person's row: see `_decide`)
        if place.switch and self._privacy_switch(tokens, container, (), None, place.tname in _INTEGER_TYPES) is not None:
            return False
        lone = self._lone
        owner = -1  # the first word a rule is bound to as a container word (`size`: none), worked out when needed
        cut = -1  # the last metadata word after the current position (see `_veto_cut`)
        i = size
        for token in reversed(tokens):  # right to left, so that `cut` is known for every candidate starting at i
            i -= 1
            record = lone[token]
            if record is _INERT:  # (most words: no candidate, no metadata word, no rule's container word)
                continue
            va, free, bound, lengths, seconds, _ = record
            if i >= cut:  # the one-word candidates end at i + 1, after `cut`
                if free:
                    return False
                if bound:
                    if owner < 0:
                        owner = next((j for j, t in enumerate(tokens) if lone[t][5]), size)
                    placed = place.placed
                    for rule in bound:  # (`_placed`, its call saved for the rules already known off this place)
                        found = placed.get(rule.id)
                        if found is None:
                            found = self._placed(rule, tokens, 0, container, place)
                        if found or (i > owner and rule.containers
                                     and any(singular(t) in rule.containers for t in tokens[:i])):
                            return False
            if lengths and i + 1 < size and tokens[i + 1] in seconds:
                for n in lengths:
                    end = i + n
                    if cut < end <= size:
                        for rule, _, _ in self._bare_by_phrase.get(tokens[i:end], ()):
                            if rule.category != NOT_PERSONAL:
                                if not (rule.containers or rule.row):
                                    return False
                                if owner < 0:
                                    owner = next((j for j, t in enumerate(tokens) if lone[t][5]), size)
                                if self._placed(rule, tokens, i if i > owner else 0, container, place):
                                    return False
            if va and cut < 0 and i > 0:
                cut = i
        if size and self._flags(tokens[-1]) & _LINKLESS:
            return True  # (`_person_link`'s first test)
        return not self._person_link(tokens, place.kind, place.tname)

    def _placed(self, rule: FieldRule, tokens: tuple[str, ...], start: int, container: str, place: _Place) -> bool:
        """`_in_place` for a lone name: its container's part once per place and rule, a word before the match after."""
        found = place.placed.get(rule.id)
        if found is None:
            found = place.placed[rule.id] = self._in_place(rule, (), 0, place.kind, container, ())
        if found or not (start and rule.containers):
            return found
        containers = rule.containers  # (the container's own words are not among them: `found` says so)
        return any(singular(t) in containers for t in tokens[:start])

    def explain(self, name: str, container: str = "", type_hint: str = "",
                neighbours: Sequence[str] = ()) -> list[str]:
        """Every step of the decision, for `datamap explain`."""
        trace: list[str] = []
        container, type_hint = typed_dict_head(container), union_as_bar(type_hint)
        if neighbours and name not in neighbours:
            # in a scan a field is one of its row's fields, so its own name is among its neighbours (a `client_name`
            # speaks for the row it is on): explain given the others alone would not show what the scan decides
            neighbours = (*neighbours, name)
        result = self._decide(name, container, type_hint, neighbours, trace)
        if result is None:
            trace.append("result: not personal data")
        else:
            trace.append(f"result: {result.category} (confidence {result.confidence}; rule {result.rule})")
            # a password is sensitive, but only the special categories are GDPR art. 9's (audit12 #21, #11)
            kind = self.taxonomy.sensitivity(result.category) if self.taxonomy else ""
            trace.append(f"sensitive: {'no' if not kind else 'yes' if kind == 'sensitive' else f'yes ({kind})'}")
            trace.append(f"reason: {result.reason}")
        return trace


# row kinds whose test needs the row's other fields (a usage log's tie, a subscription's newsletter, a contract's
# employee, an employer, a post count): without neighbours a rule bound only to one never holds
_NEIGHBOUR_ROWS = frozenset({"usage", "mailing", "contract", "employment", "poster", "addressed", "published", "card"})


_BARE_ROWS = tuple(row for row in ROWS if row and row not in _NEIGHBOUR_ROWS)  # the rows a lone name can be on


def _needs_neighbours(rule: FieldRule) -> bool:
    """Can the rule hold only beside other fields (see `_NEIGHBOUR_ROWS`; a payer's memo or bank account needs the
    amount paid beside it)?"""
    if rule.containers:
        return False
    return rule.row in _NEIGHBOUR_ROWS or (rule.row == "payment" and rule.category.startswith(_PAYER_HELD))


def at_least(confidence: str, floor: str) -> bool:
    return CONFIDENCE_RANK[confidence] >= CONFIDENCE_RANK[floor]


# (`paginate_by` is a page's size, no one who paginated: audit18 #11; `index_by`, `key_by`, `rank_by` alike)
_QUERY_CLAUSES = frozenset({"group", "order", "sort", "partition", "filter", "split", "aggregate", "cluster", "paginate",
                            "page", "index", "key", "rank", "chunk", "bucket", "batch"})
_LABEL_TOKENS = 6  # longer labels are descriptions ("used only for searching"), not a name for the datum


def _opaque(name: str) -> bool:
    """A numbered or letter-code name (`line4`, `c7`, `field_12`, `x`): it says little about its
    datum, so a label may speak for it. Short real words (`name`, `date`, `note`) are not opaque:
    on the evaluation set, letting labels override them was wrong far more often than right."""
    tokens = tokenize(name)
    return any(t.isdigit() for t in tokens) or all(len(t) <= 2 for t in tokens)


# boto3's and other generated stubs name each TypedDict `<Shape>TypeDef` (`UserTypeDef`, `ContactTypeDef`): the shape is
# the container, `Type` there is no type-catalogue row (holdout23's Amazon Connect: every row read as a `type`'s)
_TYPEDEF = re.compile(r"(?<=[a-z0-9])TypeDef\Z")


def union_as_bar(type_hint: str) -> str:
    """`Union[Unset, 'AccountSummary']` -> `Unset | AccountSummary`, as the classifier reads a `|` union (holdout23:
    openapi-python-client's attrs models type an optional field so, and its link to a person was read as a `union`);
    any other type as it is."""
    if not type_hint.startswith("Union[") or not type_hint.endswith("]"):
        return type_hint
    parts, depth, start, body = [], 0, 0, type_hint[6:-1] + ","
    for i, ch in enumerate(body):
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth == 0:
            parts.append(body[start:i].strip().strip("'\""))
            start = i + 1
    return " | ".join(p for p in parts if p)


def typed_dict_head(container: str) -> str:
    """`UserSummaryTypeDef` -> `UserSummary`; any other container as it is."""
    return _TYPEDEF.sub("", container) if container.endswith("TypeDef") else container


def classify_labelled(classifier: Classifier, name: str, container: str, type_hint: str, label: str,
                      neighbours: Sequence[str] = (), senses: Senses | None = None) -> Classification | None:
    """By the name; when the name says little, by the label the code gives it.

    `line4 = CharField(_("City"))` is a city whatever `line4` suggests. A label
    speaks only for an opaque name (numbered or letter codes), only when the name gives
    less than a high-confidence answer, and never against a veto the name
    earned. Descriptions and value lists ("phone | fax | email") are not labels.
    `senses` are the module's own senses of person words (classify_senses.word_senses).
    """
    container, type_hint = typed_dict_head(container), union_as_bar(type_hint)
    if senses:
        read = in_sense(classifier, senses, name)
        place = in_sense(classifier, senses, container, camel=True)
        if read != name or place != container:
            found = classify_labelled(classifier, read, place, type_hint, label,
                                      [in_sense(classifier, senses, n) for n in neighbours])
            if found is None:
                return None
            words = ", ".join(f"{w!r} as {s!r}" for w, s in sorted(senses.items()))
            return Classification(found.category, found.rule, found.confidence,
                                  f"{found.reason} (read with {words}: this module's own row says so)")
    by_name = classifier.classify(name, container, type_hint, neighbours)
    if (not label or not _opaque(name) or (by_name is not None and by_name.confidence == "high")
            or "|" in label or len(tokenize(label)) > _LABEL_TOKENS):
        return by_name
    if by_name is None and classifier.knows(name):
        return None  # the name was understood and vetoed (a counter, a flag): a label does not undo that
    by_label = classifier.classify(label, container, type_hint, neighbours)
    if by_label is None or (by_name is not None and covers(by_label.category, by_name.category)):
        return by_name  # the label agrees, or says less ("First line of address" on a street)
    confidence: Confidence = "medium" if by_label.confidence == "high" else by_label.confidence
    return Classification(by_label.category, by_label.rule, confidence, f"{by_label.reason}, from its label {label!r}")


# A column of a type the SQL schema defines (audit16 #12): sql.py writes a domain's as `<domain> <base type>`
# (`email_address citext`, `email_address[] citext`) and a composite's as `<type>(<attribute> <type>, ...)`
# (`postal_address(street text, city text, postcode text)`). Native types of several words start with one of these.
_SQL_DOMAIN = re.compile(r"([A-Za-z_]\w*)(?:\[\])?\s+(\S.*)", re.DOTALL)
_SQL_COMPOSITE = re.compile(r"([A-Za-z_]\w*)\s*\((.+)\)", re.DOTALL)
_SQL_ATTRIBUTE = re.compile(r"([A-Za-z_]\w*)\s+([A-Za-z_].*)", re.DOTALL)
_SQL_NATIVE_HEADS = frozenset({"double", "character", "char", "varchar", "national", "nchar", "nvarchar", "timestamp",
                               "time", "bit", "long", "int", "integer", "bigint", "smallint", "tinyint", "mediumint",
                               "interval", "binary", "varbinary", "decimal", "numeric", "float", "real", "text", "date",
                               "datetime", "unsigned", "signed", "enum", "set", "geometry", "geography", "vector",
                               "serial", "bigserial", "number", "nested", "array", "map", "struct", "tuple", "row",
                               "string", "boolean", "bool", "uuid", "json", "jsonb", "blob", "clob", "citext", "inet",
                               "money", "xml", "bytea", "smalldatetime", "datetime2", "uniqueidentifier", "ntext",
                               "bytes", "varchar2", "nvarchar2", "raw", "timestamptz", "year", "lowcardinality",
                               "nullable", "fixedstring", "decimal128", "bigdecimal", "smallserial", "tinytext",
                               "mediumtext", "longtext", "dec", "precision", "with", "without"})
# a declaration's words after a type: `STRING NOT NULL` is a native type with a constraint, no domain
_SQL_CONSTRAINTS = re.compile(r"\b(?:not|null|primary|default|references|unique|check|constraint|generated|collate|"
                              r"auto_increment|autoincrement|identity|key)\b", re.IGNORECASE)


def _sql_defined_type(type_hint: str) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """`email_address citext` -> ("email_address", "citext", ()); `postal_address(street text, city text)` ->
    ("postal_address", "", (("street", "text"), ("city", "text"))); None for a native type (`DOUBLE PRECISION`,
    `numeric(10, 2)`, `varchar(255)`)."""
    text = type_hint.strip()
    if (m := _SQL_COMPOSITE.fullmatch(text)) is not None and m.group(1).lower() not in _SQL_NATIVE_HEADS:
        attrs = []
        depth, start, body = 0, 0, m.group(2) + ","
        for i, ch in enumerate(body):
            depth += (ch == "(") - (ch == ")")
            if ch == "," and depth == 0:
                if (a := _SQL_ATTRIBUTE.fullmatch(body[start:i].strip())) is None:
                    return None  # `numeric(10, 2)`, `CharField(max_length=80)`: arguments, not attributes
                attrs.append((a.group(1), a.group(2)))
                start = i + 1
        return (m.group(1), "", tuple(attrs)) if attrs else None
    if ((m := _SQL_DOMAIN.fullmatch(text)) is not None and m.group(1).lower() not in _SQL_NATIVE_HEADS
            and _SQL_CONSTRAINTS.search(m.group(2)) is None):
        return m.group(1), m.group(2), ()
    return None


def _by_defined_type(classifier: Classifier, r: RawField, container: str,
                     neighbours: Sequence[str], senses: Senses | None = None) -> Classification | None:
    """A SQL column of a domain or a composite type: the type's name is evidence as a field's name is (a domain
    `email_address` holds an e-mail address whatever the column is called), read with its base type; a composite
    whose attributes are together one datum (street, city and postcode: an address) is that datum."""
    defined = _sql_defined_type(r.type_hint)
    if defined is None:
        return classify_labelled(classifier, r.name, container, r.type_hint, r.label, neighbours, senses)
    type_word, base, attrs = defined
    by_name = classify_labelled(classifier, r.name, container, base, r.label, neighbours, senses)
    by_type = classifier.classify(type_word, container, base, neighbours)
    if by_type is None and attrs:
        names = [a for a, _ in attrs]
        parts = [classifier.classify(a, container, t, names) for a, t in attrs]  # (the column's parts, on its row)
        found = [p.category for p in parts if p is not None]
        common = ".".join(_common_prefix([c.split(".") for c in found]))
        if len(found) > 1 and common.count(".") >= 1 and (
                classifier.taxonomy is None or common in classifier.taxonomy.categories.terms):
            by_type = Classification(common, "type.sql_composite", "medium",
                                     f"its type {type_word} holds {', '.join(names)}: together a {common}")
        elif len(found) == 1 and len(attrs) == 1 and parts[0] is not None:
            by_type = parts[0]
    if by_type is None or (by_name is not None and CONFIDENCE_RANK[by_name.confidence] > CONFIDENCE_RANK[by_type.confidence]):
        return by_name
    return Classification(by_type.category, by_type.rule, by_type.confidence,
                          f"its type {type_word} (a type the schema defines): {by_type.reason}")


def _common_prefix(paths: list[list[str]]) -> list[str]:
    out: list[str] = []
    for parts in zip(*paths):
        if any(p != parts[0] for p in parts):
            break
        out.append(parts[0])
    return out


_NAME, _FULL_NAME_RULE, _USERNAME = "user.name", "name.full", "user.account.username"
_UNIQUE = re.compile(r"\bunique\s*=\s*True\b")  # a declaration's own unique flag (Django, SQLAlchemy, peewee)


def classify_fields(raw: Iterable[RawField], classifier: Classifier,
                    also: Mapping[tuple[str, str], Sequence[str]] | None = None) -> list[Field]:
    """Keep the raw fields that are personal data, with their classification.

    Fields of one container are each other's neighbours; `also` adds neighbours by (path, container),
    such as the fields a model inherits from a base.
    """
    fields = list(raw)
    siblings: dict[tuple[str, str], list[str]] = {key: list(names) for key, names in (also or {}).items()}
    for r in fields:
        if r.container:
            names = siblings.setdefault((r.location.path, r.container), [])
            if r.name not in names:
                names.append(r.name)
    # each module's containers give its words their sense (a contact centre's `Contact` is a call, not a person)
    modules: dict[str, dict[str, list[str]]] = {}
    for (path, container), names in siblings.items():
        modules.setdefault(path, {})[container] = names
    senses = {path: word_senses(classifier, containers) for path, containers in modules.items()}
    out = []
    for r in fields:
        neighbours = siblings.get((r.location.path, r.container), ()) if r.container else ()
        container = r.container if r.context is None else r.context
        sense = senses.get(r.location.path)
        if r.kind == "sql_table" and r.type_hint and (" " in r.type_hint or "(" in r.type_hint):
            c = _by_defined_type(classifier, r, container, neighbours, sense)
        else:
            c = classify_labelled(classifier, r.name, container, r.type_hint, r.label, neighbours, sense)
        if c is not None and c.category == _NAME and c.rule == _FULL_NAME_RULE and _UNIQUE.search(r.evidence):
            # bodhi's `User.name = Column(Unicode(64), unique=True)`: no two people may share a full name, so a name
            # the schema keeps unique is the account's login handle (audit16 #17)
            c = Classification(_USERNAME, "account.unique_name", c.confidence,
                               f"{c.reason}; declared unique, so the account's login name")
        if c is not None:
            out.append(Field(r.name, r.container, r.kind, c.category, c.confidence, c.rule, c.reason,
                             r.location, r.evidence, r.type_hint))
    return out
