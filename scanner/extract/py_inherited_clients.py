"""A client a base class holds, used by a subclass in another module (heldout16's GetResponse sync services).

`BaseSyncService.__init__` binds `self.client = client or GetResponseClient()` in one module; its subclass
`CartSyncService` calls `self.client.create_cart(cart_data=payload)` in another. Each file is read once, alone:
the base's file exports the SDK clients its methods bind on `self` (py_scopes' `held`, the `py_sdk_aliases`
deferral), and the subclass's file defers every call on a `self.<attr>` it cannot resolve with its arguments
(`ImportedCall.receiver`, `args`). The cross-file pass links the two through the class hierarchy: the nearest
class of the caller's lineage holding a client under that attribute decides the SDK, and the call is that
SDK's, with its argument meanings (py_flows.argument_taints), as a call written on the client itself would be.
"""

from __future__ import annotations

from collections.abc import Callable

from scanner.catalogue import Catalogue
from scanner.extract.py_common import Taint
from scanner.extract.py_flow_fields import add_call_flows
from scanner.extract.py_flows import ImportedCall, argument_taints
from scanner.extract.py_inherit import Hierarchy
from scanner.inventory import FileResult, ServiceUse


def held_by_lineage(hierarchy: Hierarchy, owner: str, attr: str, held: dict[str, str]) -> str | None:
    """The SDK client (qualified) that `owner` or its nearest project base binds to `self.<attr>`."""
    todo = [hierarchy.resolve(owner)]
    seen: set[str] = set()
    while todo:
        record = todo.pop(0)
        if record is None or record.qualified in seen or len(seen) > 32:
            continue
        seen.add(record.qualified)
        q = held.get(f"{record.qualified}.{attr}")
        if q is not None:
            return q
        todo.extend(hierarchy.resolve(base) for base in record.bases)
    return None


def settle_inherited_clients(method_calls: list[tuple[FileResult, ImportedCall]], held: dict[str, str],
                             hierarchy: Hierarchy, catalogue: Catalogue,
                             returned_by: Callable[[list[Taint]], list[Taint]]) -> None:
    """Uses and flows of the calls on `self.<attr>` whose client a base class in another module holds.
    `held` maps `module.Class.attr` to the SDK client bound there; `returned_by` puts in what the project's
    builder methods return (`cart_dto.to_create_payload()`)."""
    for result, call in method_calls:
        attr = call.receiver[len("self."):] if call.receiver.startswith("self.") else ""
        module, key = call.caller
        owner, _, _method = key.partition(".")
        if not attr or "." in attr or not owner:
            continue
        client = held_by_lineage(hierarchy, f"{module}.{owner}", attr, held)
        service = catalogue.by_import(client) if client else None
        if client is None or service is None:
            continue
        q = f"{client}.{call.callee}"
        if not any(u.service == service and u.location.line == call.location.line for u in result.services):
            result.services.append(ServiceUse(service, "call", call.evidence, call.location, "medium"))
        found = returned_by(argument_taints(catalogue, list(call.args), q, service))
        add_call_flows(result, found, service, q, call.location, call.evidence, catalogue)
