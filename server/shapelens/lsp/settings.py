"""The server's options, sent in initializationOptions and workspace/didChangeConfiguration."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

DIAGNOSTIC_MODES = ("openFiles", "workspace")


@dataclass(frozen=True)
class Settings:
    analyze_on_type: bool = True  # check while typing (debounced); otherwise on open and save only
    inlay_hints: bool = True
    read_data_files: bool = True  # read the data files the code loads (off: their values stay unknown)
    diagnostic_mode: str = "openFiles"  # or "workspace": every file of the workspace folders, in the background

    def updated(self, options: Any) -> Settings:
        """These settings with a client's options applied. Clients differ in how they send them:
        flat keys or a {"shapelens": {...}} section, `inlayHints` as a bool or VS Code's
        {"enable": bool}. Missing keys and values of the wrong type leave a setting unchanged."""
        if not isinstance(options, dict):
            return self
        section = options.get("shapelens")
        if isinstance(section, dict):
            options = {**options, **section}
        changes = {}
        if isinstance(options.get("analyzeOnType"), bool):
            changes["analyze_on_type"] = options["analyzeOnType"]
        if isinstance(options.get("readDataFiles"), bool):
            changes["read_data_files"] = options["readDataFiles"]
        if options.get("diagnosticMode") in DIAGNOSTIC_MODES:
            changes["diagnostic_mode"] = options["diagnosticMode"]
        hints = options.get("inlayHints")
        if isinstance(hints, dict):
            hints = hints.get("enable")
        if isinstance(hints, bool):
            changes["inlay_hints"] = hints
        return replace(self, **changes)
