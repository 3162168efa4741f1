"""Where a view's (or CREATE TABLE AS SELECT's) columns come from.

Each output column gets the table columns its value is computed from (`Ref`s,
resolved against the schema at replay time, when `*` and unqualified names can
be expanded). CTEs, subqueries and set operations are followed. Columns that
only decide something (`CASE WHEN email IS NULL`, `WHERE`) and counts are not
sources: `count(email)` is not an email, `lower(email)` still is.
"""

from __future__ import annotations

from sqlglot import exp

from scanner.extract.sql_schema import Column, Ref

# aggregates whose result is a measure, not one of the values
_MEASURES = (exp.Count, exp.Sum, exp.Avg, exp.Stddev, exp.Variance, exp.CountIf)

Source = str | list[Column]  # a table name, or the columns of a CTE / subquery


def line_of(node: exp.Expr, base: int, default: int) -> int:
    ident = node if isinstance(node, exp.Identifier) else node.args.get("alias") or node.this
    if isinstance(ident, exp.TableAlias):
        ident = ident.this
    if not isinstance(ident, exp.Identifier) and isinstance(node, exp.Column):
        ident = node.this
    line = ident.meta.get("line") if isinstance(ident, exp.Expression) else None
    return base + line if isinstance(line, int) else default


def table_name(table: exp.Table) -> str:
    return ".".join(p.name for p in table.parts)


def query_columns(query: exp.Expr, base: int, line: int, ctes: dict[str, list[Column]] | None = None) -> list[Column]:
    """Output columns of a query, each with the refs its value comes from."""
    ctes = dict(ctes or {})
    if isinstance(query, exp.Subquery):
        return query_columns(query.this, base, line, ctes)
    if isinstance(query, exp.SetOperation):
        for cte in query.ctes:
            ctes[cte.alias_or_name.lower()] = query_columns(cte.this, base, line, ctes)
        left = query_columns(query.left, base, line, ctes)
        right = query_columns(query.right, base, line, ctes)
        return [Column(c.name, c.type_sql, c.line, c.comment, c.refs + (right[i].refs if i < len(right) else ()))
                for i, c in enumerate(left)]
    if not isinstance(query, exp.Select):
        return []
    for cte in query.ctes:
        ctes[cte.alias_or_name.lower()] = query_columns(cte.this, base, line, ctes)
    sources: dict[str, Source] = {}
    from_ = query.args.get("from_") or query.args.get("from")
    for node in [from_.this if from_ else None, *(j.this for j in query.args.get("joins") or ())]:
        if isinstance(node, exp.Table):
            name = table_name(node)
            sources[node.alias_or_name.lower()] = ctes.get(name.lower(), name) if not node.db else name
        elif isinstance(node, exp.Subquery):
            sources[node.alias_or_name.lower()] = query_columns(node.this, base, line, ctes)
    out: list[Column] = []
    for proj in query.expressions:
        star = proj if isinstance(proj, exp.Star) else proj.this if isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star) else None
        if star is not None:
            qualifier = proj.table.lower() if isinstance(proj, exp.Column) else ""
            for alias, source in sources.items():
                if qualifier and alias != qualifier:
                    continue
                if isinstance(source, str):
                    out.append(Column("*", line=line, refs=(((source,), "*"),)))
                else:
                    out.extend(source)
            continue
        name = proj.alias_or_name
        if not name:
            continue
        out.append(Column(name, line=line_of(proj, base, line), refs=_refs(proj.unalias(), sources)))
    return out


def _value_columns(node: exp.Expr) -> list[exp.Column]:
    """Columns whose value flows into the result, skipping conditions and counts."""
    if isinstance(node, exp.Column):
        return [node]
    if isinstance(node, (_MEASURES + (exp.Predicate, exp.Subquery, exp.Window))):
        return []
    out: list[exp.Column] = []
    for key, child in node.args.items():
        if isinstance(node, exp.If) and key == "this":  # CASE WHEN <condition>
            continue
        for c in child if isinstance(child, list) else [child]:
            if isinstance(c, exp.Expr):
                out.extend(_value_columns(c))
    return out


def _refs(node: exp.Expr, sources: dict[str, Source]) -> tuple[Ref, ...]:
    refs: list[Ref] = []
    for col in _value_columns(node):
        name = col.name
        if col.table:
            source = sources.get(col.table.lower())
            candidates = [source] if source is not None else [col.table]
        else:
            candidates = list(sources.values())
        tables = tuple(c for c in candidates if isinstance(c, str))
        for c in candidates:
            if isinstance(c, str):
                continue
            named = [d for d in c if d.name.lower() == name.lower()]
            # not among the CTE's named columns: it comes through the CTE's `select *`
            stars = [d for d in c if d.name == "*"] if not named else []
            refs.extend(r for d in named for r in d.refs)
            refs.extend((tables_, name) for d in stars for tables_, _ in d.refs)
        if tables:
            refs.append((tables, name))
    return tuple(dict.fromkeys(refs))
