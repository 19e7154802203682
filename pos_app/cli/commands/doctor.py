"""`pos-app doctor [--bundle FILE.zip]`: is this terminal fit to work, and a support
bundle for the desk. Read-only: no manager needed, nothing in the terminal changes."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ... import logs
from ...config import CONFIG_NAME, Config, ConfigError, load_config, resolve_data_dir
from ...i18n import _
from ...services import BadInput
from ...services.doctor import check_terminal
from ...services.machine_checks import Check, failed
from ...services.support_bundle import write_bundle
from ..output import Output, cannot_write, output_folder, say


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = commands.add_parser(
        "doctor",
        help=_(
            "check this terminal: backend and key, keyring, database, queue, clock, disk, "
            "folders (exit 0: all pass, warnings allowed; 1: something failed)"
        ),
    )
    doctor.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help=_(
            "also write a support bundle (the checks, the logs, config.toml without "
            "secrets, the queue's counts, versions; no customer data), owner-only"
        ),
    )
    doctor.add_argument(
        "--timeout",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help=_("how long the backend has to answer (default 3)"),
    )
    doctor.set_defaults(handler=cmd_doctor, bare=True)


@dataclass(frozen=True, slots=True)
class DoctorReport:
    checks: list[Check]
    bundle: str | None = None

    def as_json(self) -> dict[str, object]:
        found = {"ok": not failed(self.checks), "checks": [c.as_json() for c in self.checks]}
        return {**found, "bundle": self.bundle} if self.bundle else found


def cmd_doctor(args: argparse.Namespace, out: Output) -> int:
    if not 0.1 <= args.timeout <= 60:
        raise BadInput(
            _("--timeout {value} must be a number of seconds from 0.1 to 60.").format(
                value=f"{args.timeout:g}"
            )
        )
    bundle = _bundle_path(args.bundle) if args.bundle is not None else None
    config, problem = _config(args)
    checks = [problem, *check_terminal(config, logs.log_dir(), timeout=args.timeout)]
    if bundle is not None:
        try:
            write_bundle(bundle, checks=checks, config=config, log_dir=logs.log_dir())
        except OSError as error:
            raise cannot_write(str(bundle), error) from None
    out.emit(DoctorReport(checks, str(bundle) if bundle else None), _text(checks))
    if bundle is not None:
        say(_("wrote the support bundle {file}").format(file=bundle))
    return 1 if failed(checks) else 0


def _config(args: argparse.Namespace) -> tuple[Config, Check]:
    """The terminal's config; a config.toml that does not load is the first failure, and
    the rest is checked on the built-in defaults."""
    try:
        config = load_config(
            data_dir=args.data_dir,
            backend_url=args.backend,
            terminal_id=args.terminal_id,
            insecure=getattr(args, "insecure", False),
        )
    except ConfigError as error:
        return _without_the_file(args), Check(
            "config", False, str(error), _("pos-app config check lists every problem")
        )
    path = config.data_dir / CONFIG_NAME
    if not path.is_file():
        return config, Check(
            "config", True, _("no {file}: the defaults and the environment").format(file=path)
        )
    return config, Check("config", True, _("{file} loads").format(file=path))


def _without_the_file(args: argparse.Namespace) -> Config:
    """The flags and the environment alone, on the built-in defaults: config.toml is the
    failure already reported, so the backend given by --backend or POS_APP_BACKEND_URL is
    still checked (not a second failure saying none is configured)."""
    data_dir = resolve_data_dir(args.data_dir)
    with tempfile.TemporaryDirectory(prefix="pos-app-doctor-") as empty:
        try:
            config = load_config(
                data_dir=empty,
                backend_url=args.backend,
                terminal_id=args.terminal_id,
                insecure=getattr(args, "insecure", False),
            )
        except ConfigError:  # a bad flag or environment value too: nothing more to use
            return Config(data_dir=data_dir, backend_url=None, terminal_id=None)
    return replace(config, data_dir=data_dir)


def _bundle_path(given: str) -> Path:
    if not given.lower().endswith(".zip"):
        raise BadInput(
            _("--bundle {value} must name a .zip file, such as support.zip.").format(
                value=repr(given[:80])
            )
        )
    return output_folder(given)


def _text(checks: list[Check]) -> str:
    lines = []
    for check in checks:
        lines.append(f"{check.status.upper():4}  {check.title}: {check.detail}")
        if check.fix and check.ok is not True:
            lines.append("      " + _("fix: {fix}").format(fix=check.fix))
    verdict = (
        _("Something failed: fix the lines marked FAIL.")
        if failed(checks)
        else _("All checks pass (with warnings).")
        if any(c.ok is None for c in checks)
        else _("All checks pass.")
    )
    return "\n".join([*lines, verdict])
