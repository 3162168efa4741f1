"""The rule-set cache (scanner/rulecache.py): a repeat run reads the built rule set back, and nothing in the cache
(stale, damaged, foreign) can ever change a result."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scanner import rulecache, ruleset
from scanner.cli import main
from scanner.ruleset import RuleSet, load_ruleset

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "faaturacloud"
RULE = """\
rules:
  - id: acme.customer_phone
    category: {category}
    names: [cust tel no]
"""
NAMES = [("cust_tel_no", "Customer", "varchar"), ("email", "Customer", ""), ("name", "Product", ""),
         ("billing_email", "Order", "EmailField"), ("ip_address", "LoginLog", "inet"), ("date_of_birth", "Patient", "")]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(rulecache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(rulecache.NO_CACHE_ENV, raising=False)
    # a private copy of the bundled rules: an edit to rules/ while the test runs would rightly change the key
    bundled = tmp_path / "bundled"
    shutil.copytree(ruleset.rules_dir(), bundled)
    monkeypatch.setattr(ruleset, "rules_dir", lambda: bundled)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("ruleset-*.pickle"))


def _answers(rules: RuleSet) -> list[object]:
    return [rules.classifier.classify(*name) for name in NAMES]


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> RuleSet:
        raise AssertionError("the rule set was built, not read from the cache")

    monkeypatch.setattr(ruleset, "_build", fail)


def _user_rule(tmp_path: Path, category: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULE.format(category=category), encoding="utf-8")
    return path


def test_a_second_load_reads_the_cache_and_gives_the_same_rule_set(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = load_ruleset()
    assert len(_entries(cache)) == 1
    _no_build(monkeypatch)
    cached = load_ruleset()
    assert cached.field_rules == built.field_rules
    assert cached.catalogue.services == built.catalogue.services
    assert cached.taxonomy.categories.terms == built.taxonomy.categories.terms
    assert _answers(cached) == _answers(built)
    assert list(cached.classifier.explain("billing_email", "Order", "", [])) == list(
        built.classifier.explain("billing_email", "Order", "", []))


def test_a_check_from_the_cache_reports_what_an_uncached_one_does(cache: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE, project)
    monkeypatch.chdir(project)
    monkeypatch.setenv(rulecache.NO_CACHE_ENV, "1")
    assert main(["check", ".", "--format", "json"]) == 1
    fresh = json.loads(capsys.readouterr().out)
    assert not cache.exists()  # turned off: nothing written
    monkeypatch.delenv(rulecache.NO_CACHE_ENV)
    main(["check", ".", "--format", "json"])  # cold: builds and stores
    capsys.readouterr()
    _no_build(monkeypatch)
    assert main(["check", ".", "--format", "json"]) == 1
    warm = json.loads(capsys.readouterr().out)
    for report in (fresh, warm):
        report.pop("seconds", None)
        report.get("stats", {}).pop("seconds", None)
    assert warm == fresh


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "other format", "not private"])
def test_a_damaged_entry_is_ignored_and_rewritten(cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    built = load_ruleset()
    (entry,) = _entries(cache)
    data = entry.read_bytes()
    if damage == "flip":  # a flipped bit in the payload: pickle might still load it, into other values
        data = data[:-1000] + bytes([data[-1000] ^ 0x01]) + data[-999:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = os.urandom(len(data))
    elif damage == "empty":
        data = b""
    elif damage == "other format":
        data = data.replace(b"datamap-ruleset-cache 1", b"datamap-ruleset-cache 9", 1)
    entry.write_bytes(data)
    if damage == "not private":
        if not hasattr(os, "getuid"):
            pytest.skip("POSIX permissions")
        entry.chmod(0o666)
    loads: list[bytes] = []
    real_loads = pickle.loads
    monkeypatch.setattr(pickle, "loads", lambda payload: loads.append(payload) or real_loads(payload))
    fresh = load_ruleset()
    assert not loads  # never unpickled
    assert fresh.field_rules == built.field_rules and _answers(fresh) == _answers(built)
    if damage != "not private":
        _no_build(monkeypatch)  # rewritten: the next run reads it
        assert load_ruleset().field_rules == built.field_rules


def test_a_changed_user_rule_file_gives_fresh_rules_even_with_the_same_size_and_time(
        cache: Path, tmp_path: Path) -> None:
    path = _user_rule(tmp_path, "user.contact.phone_number")
    first = load_ruleset([path])
    assert first.classifier.classify("cust_tel_no", "Customer").category == "user.contact.phone_number"  # type: ignore[union-attr]
    stat = path.stat()
    path.write_text(RULE.format(category="user.contact.email       "), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    second = load_ruleset([path])
    assert second.classifier.classify("cust_tel_no", "Customer").category == "user.contact.email"  # type: ignore[union-attr]
    assert len(_entries(cache)) == 2


def test_user_rules_are_keyed_by_path_and_the_folder_they_are_shown_from(cache: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule remembers its file as shown relative to the cwd: an entry made elsewhere would show another path."""
    path = _user_rule(tmp_path, "user.contact.phone_number")
    monkeypatch.chdir(tmp_path)
    here = load_ruleset([path])
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    below = load_ruleset([path])
    shown = {r.id: r.source for r in below.field_rules}
    assert {r.id: r.source for r in here.field_rules}["acme.customer_phone"] == "rules.yaml"
    assert shown["acme.customer_phone"] == str(path)
    copy = tmp_path / "sub" / "rules.yaml"
    copy.write_bytes(path.read_bytes())
    assert {r.id: r.source for r in load_ruleset([copy]).field_rules}["acme.customer_phone"] == "rules.yaml"


def test_a_bad_user_rule_file_is_reported_as_without_a_cache(cache: Path, tmp_path: Path) -> None:
    from scanner.yamlschema import YamlInvalid

    load_ruleset()
    with pytest.raises(YamlInvalid, match="cannot read"):
        load_ruleset([tmp_path / "missing.yaml"])
    bad = _user_rule(tmp_path, "no.such.category")
    for _ in range(2):  # a failed build is never stored
        with pytest.raises(YamlInvalid, match="no.such.category"):
            load_ruleset([bad])
    assert len(_entries(cache)) == 1


def test_an_entry_of_another_datamap_version_or_code_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scanner

    load_ruleset()
    monkeypatch.setattr(scanner, "__version__", "999.0")
    load_ruleset()
    assert len(_entries(cache)) == 2
    monkeypatch.setattr(rulecache, "_code_digest", lambda: b"\1" * 32)
    load_ruleset()
    assert len(_entries(cache)) == 3


def test_the_cache_can_be_turned_off_or_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rulecache.NO_CACHE_ENV, "1")
    assert rulecache.cache_dir() is None
    monkeypatch.setenv(rulecache.NO_CACHE_ENV, "0")
    monkeypatch.setenv(rulecache.CACHE_DIR_ENV, str(tmp_path / "c"))
    assert rulecache.cache_dir() == tmp_path / "c"
    monkeypatch.delenv(rulecache.CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform not in ("win32", "darwin"):
        assert rulecache.cache_dir() == tmp_path / "xdg" / "datamap"


def test_an_unwritable_cache_folder_costs_nothing_but_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(rulecache.CACHE_DIR_ENV, str(blocker / "cache"))  # a folder under a file: mkdir fails
    monkeypatch.delenv(rulecache.NO_CACHE_ENV, raising=False)
    assert load_ruleset().field_rules


def test_a_value_that_would_not_unpickle_as_built_is_not_stored(tmp_path: Path) -> None:
    sentinel = object()
    assert not rulecache.write(tmp_path / "x.pickle", b"k" * 32, {"marker": sentinel})
    assert not (tmp_path / "x.pickle").exists() and not list(tmp_path.iterdir())


def test_old_entries_are_pruned(cache: Path) -> None:
    key = b"\0" * 32
    for i in range(rulecache._KEEP + 3):
        assert rulecache.write(rulecache.entry_path(cache, bytes([i]) + key[1:]), key, i)
    assert len(_entries(cache)) == rulecache._KEEP


def test_loading_the_rule_set_imports_no_parser(tmp_path: Path) -> None:
    """The rule set is all a run with nothing to scan needs: loading it (cached or not) must not pull in libcst."""
    code = ("import sys; from scanner.ruleset import load_ruleset; load_ruleset(); load_ruleset(); "
            "print(sorted(m for m in ('libcst', 'sqlglot', 'libcst.matchers') if m in sys.modules))")
    env = {**os.environ, rulecache.CACHE_DIR_ENV: str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "[]"
