"""upgrade-harness pytest plugin: record warnings per test, write them as JSON.

Load it with:

    PYTHONPATH=/path/to/runners \
    UPGRADE_HARNESS_WARNINGS_JSON=/tmp/warnings.json \
    python -m pytest -p pytest_warnings_plugin --junitxml=junit.xml -o junit_family=xunit2

Stdlib only; works on pytest 7.x and 8.x (uses the pytest_warning_recorded hook,
present since pytest 6.0). Does nothing when UPGRADE_HARNESS_WARNINGS_JSON is
unset or empty. The JSON shape is documented in runners/PYTEST.md.

It sees what pytest's own "warnings" plugin captures: warnings suppressed by
filters (-W, filterwarnings ini option or marks) are not seen, warnings turned
into errors become test failures instead, and nothing is seen with
-p no:warnings.
"""
from __future__ import annotations

import json
import os
import platform
import sys
import sysconfig
import warnings
from typing import Any, Dict, List, Optional

import pytest

ENV_VAR = "UPGRADE_HARNESS_WARNINGS_JSON"
SCHEMA = "upgrade-harness/pytest-warnings/1"

# Phase/collector at the moment a warning is emitted (pytest only reports the
# warnings of a whole test after its teardown, so we note them at emission).
_state: Dict[str, Optional[str]] = {"phase": None, "collector": None}
_orig_showwarnmsg = None


def _emission_hook(msg):  # replaces warnings._showwarnmsg
    try:
        frame = sys._getframe(1)
        # Skip the pure-Python warnings machinery (only present when the C
        # accelerator is not used); the next frame called warnings.warn().
        while frame is not None and os.path.basename(frame.f_code.co_filename) == "warnings.py":
            frame = frame.f_back
        if frame is not None:
            msg._uh_emitter = (frame.f_code.co_filename, frame.f_lineno)
        msg._uh_phase = _state["phase"]
        msg._uh_collector = _state["collector"]
    except Exception:  # never break the test run
        pass
    return _orig_showwarnmsg(msg)


class _Locator:
    """Maps a file name to the top-level importable package it belongs to."""

    def __init__(self, rootdir: str):
        self.rootdir = os.path.realpath(rootdir)
        paths = sysconfig.get_paths()
        self.site_dirs = {
            os.path.realpath(p)
            for key in ("purelib", "platlib")
            for p in [paths.get(key)]
            if p
        }
        for p in sys.path:
            if p and ("site-packages" in p or "dist-packages" in p):
                self.site_dirs.add(os.path.realpath(p))
        self.stdlib_dirs = {
            os.path.realpath(p) for p in (paths.get("stdlib"), paths.get("platstdlib")) if p
        }
        self._dists: Optional[Dict[str, List[str]]] = None
        self._cache: Dict[str, Dict[str, Any]] = {}

    def _entries(self) -> List[str]:
        entries = {os.path.realpath(p or os.getcwd()) for p in sys.path}
        entries |= self.site_dirs | {self.rootdir}
        return sorted(entries, key=len, reverse=True)

    def _distribution(self, package: str) -> Optional[str]:
        if self._dists is None:
            try:
                from importlib.metadata import packages_distributions

                self._dists = packages_distributions()
            except Exception:
                self._dists = {}
        names = self._dists.get(package) or []
        return names[0] if names else None

    def locate(self, filename: Optional[str]) -> Dict[str, Any]:
        key = filename or ""
        if key in self._cache:
            return self._cache[key]
        result: Dict[str, Any] = {"package": None, "distribution": None, "origin": "other"}
        if filename and not filename.startswith("<"):
            real = os.path.realpath(filename)
            for entry in self._entries():
                if real.startswith(entry + os.sep):
                    rel = real[len(entry) + 1 :]
                    first = rel.split(os.sep, 1)[0]
                    if first.endswith(".py"):
                        first = first[:-3]
                    result["package"] = first
                    if entry in self.site_dirs:
                        result["origin"] = "site-packages"
                        result["distribution"] = self._distribution(first)
                    elif entry in self.stdlib_dirs:
                        result["origin"] = "stdlib"
                    elif real.startswith(self.rootdir + os.sep):
                        result["origin"] = "project"
                    break
            else:
                if real.startswith(self.rootdir + os.sep):
                    result["origin"] = "project"
        self._cache[key] = result
        return result


def _junit_address(nodeid: str) -> Dict[str, str]:
    """The (classname, name) pytest's junitxml writes for a nodeid."""
    try:
        from _pytest.junitxml import mangle_test_address

        names = mangle_test_address(nodeid)
    except Exception:
        path, *rest = nodeid.split("::")
        names = path.replace("/", ".").replace("\\", ".")
        names = [names[:-3] if names.endswith(".py") else names] + rest
    return {"classname": ".".join(names[:-1]), "name": names[-1]}


class WarningsRecorder:
    def __init__(self, config: pytest.Config, out_path: str):
        self.config = config
        self.out_path = out_path
        self.locator = _Locator(str(config.rootpath))
        self.tests: Dict[str, Dict[str, Any]] = {}
        self.collection: List[Dict[str, Any]] = []
        self.config_warnings: List[Dict[str, Any]] = []
        self.collection_errors: List[Dict[str, Any]] = []

    # -- emission-time context -------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_make_collect_report(self, collector):
        prev = _state["collector"]
        _state["collector"] = getattr(collector, "nodeid", None)
        try:
            yield
        finally:
            _state["collector"] = prev

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        _state["phase"] = "setup"
        yield
        _state["phase"] = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        _state["phase"] = "call"
        yield
        _state["phase"] = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item):
        _state["phase"] = "teardown"
        yield
        _state["phase"] = None

    # -- outcomes ----------------------------------------------------------
    def _test(self, nodeid: str) -> Dict[str, Any]:
        entry = self.tests.get(nodeid)
        if entry is None:
            entry = {"junit": _junit_address(nodeid), "outcome": None, "warnings": []}
            self.tests[nodeid] = entry
        return entry

    def pytest_runtest_logreport(self, report):
        entry = self._test(report.nodeid)
        xfail = hasattr(report, "wasxfail")
        if report.when == "call":
            if xfail:
                outcome = "xfailed" if report.skipped else "xpassed"
            else:
                outcome = report.outcome  # passed / failed / skipped
            if entry["outcome"] != "error":
                entry["outcome"] = outcome
        elif report.failed:  # setup/teardown failure
            entry["outcome"] = "error"
        elif report.skipped and report.when == "setup":
            entry["outcome"] = "xfailed" if xfail else "skipped"

    def pytest_collectreport(self, report):
        if report.failed:
            longrepr = getattr(report, "longrepr", None)
            text = str(longrepr) if longrepr is not None else ""
            self.collection_errors.append(
                {"nodeid": report.nodeid, "junit": _junit_address(report.nodeid), "longrepr": text}
            )

    # -- warnings ------------------------------------------------------------
    def _record(self, warning_message, when: str, nodeid: str) -> Dict[str, Any]:
        category = warning_message.category
        where = self.locator.locate(warning_message.filename)
        rec: Dict[str, Any] = {
            "category": getattr(category, "__name__", str(category)),
            "category_module": getattr(category, "__module__", None),
            "message": str(warning_message.message),
            "filename": warning_message.filename,
            "lineno": warning_message.lineno,
            "package": where["package"],
            "distribution": where["distribution"],
            "origin": where["origin"],
            "emitter": None,
            "phase": getattr(warning_message, "_uh_phase", None) if when == "runtest" else None,
            "count": 1,
        }
        emitter = getattr(warning_message, "_uh_emitter", None)
        if emitter:
            ew = self.locator.locate(emitter[0])
            rec["emitter"] = {
                "filename": emitter[0],
                "lineno": emitter[1],
                "package": ew["package"],
                "distribution": ew["distribution"],
                "origin": ew["origin"],
            }
        return rec

    @staticmethod
    def _add(bucket: List[Dict[str, Any]], rec: Dict[str, Any]) -> None:
        key = ("category", "message", "filename", "lineno", "phase", "collector")
        for existing in bucket:
            if all(existing.get(k) == rec.get(k) for k in key):
                existing["count"] += 1
                return
        bucket.append(rec)

    def pytest_warning_recorded(self, warning_message, when, nodeid, location):
        try:
            rec = self._record(warning_message, when, nodeid)
            if when == "runtest":
                self._add(self._test(nodeid)["warnings"], rec)
            elif when == "collect":
                rec["collector"] = getattr(warning_message, "_uh_collector", None) or nodeid or None
                self._add(self.collection, rec)
            else:  # "config"
                self._add(self.config_warnings, rec)
        except Exception as exc:  # never break the test run
            sys.stderr.write(f"[upgrade-harness] warnings plugin: {exc!r}\n")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        data = {
            "schema": SCHEMA,
            "pytest_version": pytest.__version__,
            "python_version": platform.python_version(),
            "rootdir": str(self.config.rootpath),
            "exitstatus": int(exitstatus),
            "tests": self.tests,
            "collection": self.collection,
            "config": self.config_warnings,
            "collection_errors": self.collection_errors,
        }
        directory = os.path.dirname(os.path.abspath(self.out_path))
        os.makedirs(directory, exist_ok=True)
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=False, default=str)
        os.replace(tmp, self.out_path)


def pytest_configure(config):
    global _orig_showwarnmsg
    out_path = os.environ.get(ENV_VAR)
    if not out_path or config.pluginmanager.has_plugin("upgrade_harness_warnings"):
        return
    if _orig_showwarnmsg is None and hasattr(warnings, "_showwarnmsg"):
        _orig_showwarnmsg = warnings._showwarnmsg
        warnings._showwarnmsg = _emission_hook
    config.pluginmanager.register(WarningsRecorder(config, out_path), "upgrade_harness_warnings")


def pytest_unconfigure(config):
    global _orig_showwarnmsg
    if _orig_showwarnmsg is not None and warnings._showwarnmsg is _emission_hook:
        warnings._showwarnmsg = _orig_showwarnmsg
        _orig_showwarnmsg = None
