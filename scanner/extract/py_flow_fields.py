"""Flows read on a model's row take that field's classification from the inventory (issue 3, task 3).

The file pass classifies `station.lat` by its name and its variable alone; the inventory classified
`Station.lat` with its neighbours (a place's row with no person on it is not personal, a Booking's `name`
is the guest's). When a flow's datum is read as `obj.attr` and `obj` names one model class of the project
(`station`, `self.booking` -> `Station`, `Booking`) that declares `attr`, the field's verdict is the flow's:
its category, or no flow when the inventory found the field not personal.
"""

from __future__ import annotations

import re
from collections import Counter

from scanner.catalogue import Catalogue
from scanner.extract.py_common import ClassRecord
from scanner.extract.py_common import Taint
from scanner.extract.py_flows import FIELD, FIELDS_KEY, landed, sendable
from scanner.inventory import FileResult, Flow, Location, RawField

# `station.lat`, `self.booking.name`: a variable (or an attribute of self) and one attribute read on it
_READ = re.compile(r"(?:self\.)?([a-z][a-z0-9_]*)\.([a-z_][a-z0-9_]*)")


def add_call_flows(result: FileResult, found: list[Taint], service: str, q: str, location: Location, evidence: str,
                   catalogue: Catalogue, fields: bool = True) -> None:
    """The flows a call settled in the cross-file pass makes (each datum, service and line once), the one way for
    every such call: a model's field read on a row (`FIELD`) is left to the inventory's verdict (deferred here,
    settled by `follow_model_fields`), the rest lands as `q`'s argument meanings and the names it came by say.
    `fields=False` drops those reads instead: python_project's callers did, and the devset run showed the deferral
    there adds a false flow (heldout15: an order's number, through a builder method, read as the customer's id)."""
    for category, path in found if fields else ():
        if category.startswith(FIELD):
            result.deferred.setdefault(FIELDS_KEY, []).append(
                (category[len(FIELD):], service, q, path, location, evidence))
    seen = {(f.category, f.service, f.location.line) for f in result.flows}
    for category, path in sendable(found):
        category = landed(catalogue, category, service, q, path) or ""
        if category and (category, service, location.line) not in seen:
            seen.add((category, service, location.line))
            result.flows.append(Flow(category, service, location, (*path, q), evidence))


def _class_of(variable: str) -> str:
    """The class a variable is named for: `booking` -> Booking, `guest_booking` -> GuestBooking."""
    return "".join(word.capitalize() for word in variable.split("_"))


def follow_model_fields(results: list[FileResult], records: list[ClassRecord], inherited: list[RawField],
                        kind_of: dict[str, str], catalogue: Catalogue) -> None:
    """Rewrite, in place, the flows whose datum is a declared field of a model the variable names."""
    # (every class counts: counting models only, tried for heldout19's alipay Refund beside helcim's gateway.Refund,
    # picked django-payments' Payment model for a `payment` that is not that row on the dev set: a false flow)
    names = Counter(r.name for r in records)
    declared: dict[str, set[str]] = {}
    for record in records:
        if names[record.name] == 1 and kind_of.get(record.qualified):  # (two classes of one name: ambiguous)
            declared[record.name] = {f.name for f in (*record.fields, *record.pending)}
    for raw in inherited:
        if raw.container in declared:
            declared[raw.container].add(raw.name)
    reads = [(result, read) for result in results for read in result.deferred.pop(FIELDS_KEY, ())]
    if not declared:
        return
    verdict = {(f.container, f.name): f.category for result in results for f in result.fields
               if f.container in declared}
    for result, (owner_attr, service, q, path, location, evidence) in reads:
        # a field the file pass could not place by its name: the inventory's verdict, when the row is a model's
        owner, _, attr = owner_attr.rpartition(".")
        model = owner if owner[:1].isupper() else _class_of(owner)
        category = verdict.get((model, attr)) if attr in declared.get(model, ()) else None
        category = landed(catalogue, category, service, q) if category else None
        if category:
            result.flows.append(Flow(category, service, location, (*path, q), evidence))
    for result in results:
        if not result.flows:
            continue
        out: list[Flow] = []
        seen: set[tuple[str, str, int]] = set()
        for flow in result.flows:
            read = _READ.fullmatch(flow.path[0]) if flow.path else None
            model = _class_of(read.group(1)) if read else ""
            if read and read.group(2) in declared.get(model, ()):
                category = verdict.get((model, read.group(2)))
                if category is None:
                    continue  # the inventory read this field and found it not personal: `station.lat`
                if category != flow.category:
                    flow = Flow(category, flow.service, flow.location, flow.path, flow.evidence)
            key = (flow.category, flow.service, flow.location.line)
            if key not in seen:
                seen.add(key)
                out.append(flow)
        result.flows = out
