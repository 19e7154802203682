"""The settings screen's flow: who may open it (a signed-in manager; in kiosk mode a
manager's PIN through ui/kiosk.needs_manager), audited as `settings.opened`; config.toml
read, saved (services/config_changes.py, as `pos-app config set`) and the doctor run, each
off the UI thread; and the changes that apply live put into the running till."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import logs
from ...config import Config, load_config
from ...credentials import key_source
from ...i18n import formats
from ...services import config_changes, manager_actions
from ...services.customer_display import ScreenInfo
from ...services.terminal import Terminal
from ...settings import Applies
from ...settings import file as settings_file
from ..bridge import Lane
from ..i18n import tr
from ..kiosk import needs_manager
from .base import Flow

if TYPE_CHECKING:  # the screen and the doctor load when a manager first opens settings
    from ..dialogs.settings import CheckLine, SettingsDialog, SettingsState

# Config's fields that a running till takes at once (schema: live); every other needs a restart.
LIVE_FIELDS = (
    "offline_policy",
    "currency",
    "country",
    "timezone",
    "lock_after_minutes",
    "award_limits",
    "earn",
    "printer",  # the receipt printer: the print lane's terminal takes it for the next slip
    "paper_mm",
    "print_auto",
)


@dataclass(frozen=True)
class SaveResult:
    saved: list[config_changes.Saved]
    values: dict[str, Any]  # config.toml after the save (dotted keys)
    config: Config | None  # the settings in effect now (None: the key only)
    key_source: str | None  # where the API key comes from now (None: not changed)


def _shown(path: Path) -> dict[str, Any]:
    """config.toml's values (dotted keys), and each currency's earn rate, the built-in ones
    too: on the Awards tab, to be changed."""
    read = settings_file.read(path)
    values = settings_file.flatten(read)
    rate = read.get("naira_per_point")
    for v in settings_file.earn_values(read, str(path), rate if isinstance(rate, int) else None):
        values.setdefault(v.key, v.value)
    for key in [k for k in values if k.startswith("earn.") and k.endswith(".per")]:
        values.setdefault(key.removesuffix(".per") + ".points", 1)  # points' default
    return values


def _state(t: Terminal) -> SettingsState:
    from ..dialogs.settings import SettingsState

    path = t.config.data_dir / settings_file.CONFIG_NAME
    values = _shown(path)
    in_use = {"backend_url": t.config.backend_url or "", "terminal_id": t.terminal_id}
    return SettingsState(values, _source_words(key_source(t.config.backend_url)), str(path), in_use)


def _source_words(source: str) -> str:
    """Where the API key comes from (credentials.key_source: English, as the audit keeps
    it) in the terminal's language."""
    if source.startswith("from "):
        return tr("from {variable}").format(variable=source.removeprefix("from "))
    words = {"set in keyring": tr("set in keyring", "API key"), "missing": tr("missing", "API key")}
    return words.get(source, source)


def _save(
    t: Terminal, wanted: dict[str, Any], api_key: str | None, *, manager: str, operator: str
) -> SaveResult:
    path = t.config.data_dir / settings_file.CONFIG_NAME
    saved = config_changes.save(t, path, wanted, manager=manager, operator=operator)
    source = None
    if api_key is not None:
        saved.append(
            config_changes.store_key(
                t, t.config.backend_url, api_key, manager=manager, operator=operator
            )
        )
        source = _source_words(key_source(t.config.backend_url))
    c = t.config
    now = load_config(
        data_dir=c.data_dir,
        backend_url=c.backend_url,
        terminal_id=c.terminal_id,
        insecure=c.insecure_http,
    )
    return SaveResult(saved, _shown(path), now, source)


def _check(t: Terminal, screens: list[ScreenInfo]) -> list[CheckLine]:
    from ...services import doctor
    from ..dialogs.settings import CheckLine

    found = doctor.check_terminal(
        t.config, logs.log_dir(), running_key=t.key_in_use, screens=lambda: screens
    )
    return [CheckLine(c.status, c.title, c.detail, c.fix) for c in found]


def _words(item: config_changes.Saved) -> str:
    new = tr("the default") if item.new is None else str(item.new)
    if isinstance(item.new, bool):
        new = "true" if item.new else "false"
    return f"{item.key} = {new}"


class SettingsFlow(Flow):
    dialog: SettingsDialog | None = None
    manager = ""

    def open(self) -> None:
        w = self.window
        if w.locked:
            return
        if w.kiosk.active:
            needs_manager(w, "open_settings", lambda approval: self._load(approval.manager))
            return
        member = w.member
        if member is None or not member.is_manager:
            w.prompts.info(
                w, tr("Managers only"), tr("A manager must sign in for this (Switch user, F9).")
            )
            return
        operator, session = w.operator, w.session.number
        w.runner.submit(
            lambda t: manager_actions.by_signed_in(t, member.name, "open_settings", operator),
            lambda _kind: self._load(member.name) if w.still(session) else None,
            lambda error: w.show_error(tr("Settings not opened"), error),
            lane=Lane.LOCAL,
        )

    def _load(self, manager: str) -> None:
        w = self.window
        session = w.session.number
        w.runner.submit(
            _state,
            lambda state: self._show(state, manager) if w.still(session) else None,
            lambda error: w.show_error(tr("Settings not opened"), error),
            lane=Lane.LOCAL,
        )

    def _show(self, state: SettingsState, manager: str) -> None:
        w = self.window
        if self.dialog is not None:
            self.dialog.close()
        self.manager = manager
        from ..dialogs.settings import SettingsDialog

        dialog = self.dialog = SettingsDialog(w, state)
        dialog.setWindowModality(dialog.windowModality().WindowModal)
        dialog.save_requested.connect(self._save)
        dialog.check_requested.connect(self._check)
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: SettingsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _save(self, wanted: dict[str, Any], api_key: str | None) -> None:
        w, dialog = self.window, self.dialog
        if dialog is None:
            return
        manager, operator, session = self.manager, w.operator, w.session.number
        w.runner.submit(
            lambda t: _save(t, wanted, api_key, manager=manager, operator=operator),
            lambda result: self._saved(dialog, result) if w.still(session) else None,
            lambda error: dialog.not_saved(tr("Nothing saved: {why}").format(why=error)),
            lane=Lane.LOCAL,
        )

    def _saved(self, dialog: SettingsDialog, result: SaveResult) -> None:
        now = [s for s in result.saved if s.applies is Applies.LIVE]
        later = [s for s in result.saved if s.applies is Applies.RESTART]
        if result.config is not None and now:
            self.apply(result.config)
        parts = []
        if now:
            shown = ", ".join(_words(s) for s in now)
            parts.append(tr("Took effect now: {settings}.").format(settings=shown))
        if later:
            shown = ", ".join("api_key" if s.key == "api_key" else _words(s) for s in later)
            parts.append(tr("Needs a restart of pos-app: {settings}.").format(settings=shown))
        text = " ".join(parts) or tr("Nothing changed.")
        dialog.saved(text, result.values, result.key_source)
        self.window.tell(tr("Settings saved"), text)

    def apply(self, config: Config) -> None:
        """The live settings, into the running till: the service threads' terminals (the
        award limits, the offline policy, the earn rates, the region, the time zone), the
        award screen's rates and the auto-lock."""
        w = self.window
        live = {name: getattr(config, name) for name in LIVE_FIELDS}
        w.runner.reconfigure(lambda c: replace(c, **live))
        w.earn = config.earn
        w.phone_region = config.phone_region
        formats.use_store(config.country, config.time_zone() if config.timezone else None)
        w.scanner.configure(config.scanner)
        w.lookup.set_scanner_gap(config.scanner.max_gap_ms)
        w.printing.configure(config.printer, config.print_auto)
        w.session.idle.setInterval(int(config.lock_after_minutes * 60_000))
        if w.session.idle.isActive():
            w.session.idle.start()

    def _check(self) -> None:
        w, dialog = self.window, self.dialog
        if dialog is None:
            return
        from ..customer_display import screens_here  # with the display's window: on use

        screens = screens_here()  # Qt's, read here on the GUI thread
        from ..dialogs.settings import CheckLine  # loaded with the dialog on screen

        w.runner.submit(
            lambda t: _check(t, screens),
            dialog.show_checks,
            lambda error: dialog.show_checks([CheckLine("fail", tr("the check"), str(error))]),
            lane=Lane.REMOTE,
        )


__all__ = ["LIVE_FIELDS", "SettingsFlow"]
