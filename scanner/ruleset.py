"""All rule data in one value: taxonomy, field classifier, service catalogue.

Bundled rules load from `rules/`; a project adds or overrides field rules in
`.datamap/rules/*.yaml` or the paths `[tool.datamap] rules` names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner import rulecache
from scanner.catalogue import Catalogue, load_catalogue
from scanner.classify import Classifier, FieldRule, load_context, load_rules
from scanner.rulesdata import rules_dir
from scanner.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class RuleSet:
    taxonomy: Taxonomy
    classifier: Classifier
    catalogue: Catalogue
    field_rules: tuple[FieldRule, ...]


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    return [path]


def user_rule_files(root: Path, extra: tuple[Path, ...]) -> list[Path]:
    """A project's own field rules: `.datamap/rules/*.yaml`, then `[tool.datamap] rules` paths.

    A path that does not exist is kept, so loading reports it as `path:0: cannot read`.
    """
    files: list[Path] = []
    local = root / ".datamap" / "rules"
    if local.is_dir():
        files.extend(_yaml_files(local))
    for path in extra:
        files.extend(_yaml_files(path))
    return files


def load_ruleset(user_files: Sequence[Path] = ()) -> RuleSet:
    """Raises YamlInvalid (file, line, message) for any bad rule file, bundled or user.

    A build is cached on disk (scanner/rulecache.py), keyed by everything it reads: a repeat run with the same
    rules and the same Datamap unpickles it instead of rebuilding it.
    """
    base = rules_dir()
    fields, services = _yaml_files(base / "fields"), _yaml_files(base / "services")
    directory = rulecache.cache_dir()
    entry = key = None
    if directory is not None:
        inputs = [base / "taxonomy.yaml", base / "context.yaml", *fields, *services]
        key = rulecache.cache_key([(f, False) for f in inputs] + [(f, True) for f in user_files])
        if key is not None:
            entry = rulecache.entry_path(directory, key)
            cached = rulecache.read(entry, key)
            if isinstance(cached, RuleSet):
                return cached
    with rulecache.no_gc():
        built = _build(base, fields, services, user_files)
    if entry is not None and key is not None:
        rulecache.write(entry, key, built)
    return built


def _build(base: Path, fields: list[Path], services: list[Path], user_files: Sequence[Path]) -> RuleSet:
    taxonomy = load_taxonomy(base / "taxonomy.yaml")
    rules = load_rules(fields + list(user_files), taxonomy, display_root=Path.cwd(), user_files=frozenset(user_files))
    classifier = Classifier(rules, load_context(base / "context.yaml"), taxonomy)
    catalogue = load_catalogue(services, taxonomy)
    return RuleSet(taxonomy, classifier, catalogue, tuple(rules))
