"""DM101/DM102: personal data collected but not declared."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.classify import at_least
from scanner.findings import Finding


@register
def undisclosed_collection(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None:
        return
    reported = {(f.container, f.name, f.category) for f in ctx.inventory.fields}
    for f in ctx.inventory.fields:
        if not at_least(f.confidence, ctx.config.min_confidence) or ctx.datamap.declares_category(f.category):
            continue
        if f.origin and (f.origin, f.name, f.category) in reported:
            continue  # the base's own finding covers its subclasses' copies (`UserRead(UserBase)`), and so does its fix
        sensitive = ctx.rules.taxonomy.is_sensitive(f.category)
        code = "DM102" if sensitive else "DM101"
        label = ctx.rules.taxonomy.categories.name(f.category)
        yield Finding(
            code=code,
            message=f"{f.qualified} collects {label} ({f.category}){_kind(ctx, f.category)} "
            f"which {ctx.datamap.shown} does not declare",
            hint=_hint(ctx, f.category, code, ctx.datamap.shown),
            location=f.location,
            subject=f"{f.qualified} -> {f.category}",
            confidence=f.confidence,
        )


def _kind(ctx: CheckContext, category: str) -> str:
    """What kind of sensitive data a DM102 is about: a GDPR article only where it applies (a password is
    high-risk data, not art. 9 data, and naming art. 9 would send the officer after the wrong legal basis)."""
    taxonomy = ctx.rules.taxonomy
    if taxonomy.is_special(category):
        return ", a special category (GDPR art. 9),"
    if taxonomy.is_criminal(category):
        return ", criminal offence data (GDPR art. 10),"
    return ", a sensitive category," if taxonomy.is_sensitive(category) else ""


def _hint(ctx: CheckContext, category: str, code: str, datamap: str) -> str:
    """Declare it (with a purpose, and for sensitive data once the officer has confirmed what it takes), stop
    collecting it, or, when the field holds no such data, say so: the linter's false positive has a way out."""
    taxonomy = ctx.rules.taxonomy
    confirm = (", once an art. 9(2) condition is confirmed" if taxonomy.is_special(category) else
               ", once what authorises it (art. 10) is confirmed" if taxonomy.is_criminal(category) else
               ", once why it is needed and how it is protected is confirmed" if taxonomy.is_sensitive(category) else "")
    if "." not in category:  # the root: declaring it would cover every category (audit15 #01)
        return ("the field was read as personal data of no finer category: declare the category it holds under "
                f"`collects:` in {datamap} (`datamap rules categories` lists them), or give it a project rule naming "
                f"its category (or `category: none`), or a `datamap: ignore[{code}]` comment")
    return (f"declare `- category: {category}` with its `purposes:` under `collects:` in {datamap}{confirm}, or stop "
            f"collecting it; a field that holds no such data takes a project rule (`category: none`) or a "
            f"`datamap: ignore[{code}]` comment")
