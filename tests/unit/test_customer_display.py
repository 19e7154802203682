"""The customer display's states and timeout (services/customer_display.py), with a clock
the test moves; and the doctor's line on the chosen screen, with the screens given."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pos_app.config import Config, DisplaySettings
from pos_app.domain.models import TierInfo
from pos_app.domain.progress import tier_progress
from pos_app.services import display_check
from pos_app.services.customer_display import (
    CustomerDisplay,
    ScreenInfo,
    State,
    choose_screen,
    first_name,
)

SILVER = TierInfo(id="t_silver", name="Silver", min_points=1000)
GOLD = TierInfo(id="t_gold", name="Gold", min_points=5000)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def shown(clock: Clock) -> CustomerDisplay:
    return CustomerDisplay("Ikeja City Mall", 30, clock=clock)


def test_idle_shows_the_store_and_asks_for_the_card(shown: CustomerDisplay) -> None:
    assert shown.state is State.IDLE
    assert shown.screen.text().splitlines()[:2] == ["Ikeja City Mall", "Scan your card"]
    assert shown.due_in() is None
    assert "Welcome" in CustomerDisplay("").screen.text()


def test_a_customer_shows_first_name_balance_tier_and_progress(shown: CustomerDisplay) -> None:
    shown.customer("cus_1", "Ada Lovelace Obi", 1250, tier_progress(2000, [SILVER, GOLD]))
    text = shown.screen.text()
    assert shown.state is State.CUSTOMER
    assert "Hello Ada" in text and "Lovelace" not in text and "Obi" not in text
    assert "1,250 points" in text and "Tier: Silver" in text
    assert "3,000 points to Gold" in text
    assert shown.screen.bar == pytest.approx(0.25)
    shown.customer("cus_1", "Ada", 9000, tier_progress(9000, [SILVER, GOLD]))
    assert "top tier" in shown.screen.text() and shown.screen.bar == 1.0
    assert first_name("  ") == ""


def test_a_code_is_shown_big_and_as_a_qr(shown: CustomerDisplay) -> None:
    shown.customer("cus_1", "Ada Obi", 500, None)
    shown.code("cus_1", "REDEEM-ABCD2345", "Free soft drink", 400)
    assert shown.state is State.CODE and shown.screen.qr == "REDEEM-ABCD2345"
    assert "REDEEM-ABCD2345" in shown.screen.text() and "Balance after: 400 points" in (
        shown.screen.text()
    )
    # The same customer's screen read again does not hide the code.
    shown.customer("cus_1", "Ada Obi", 400, None)
    assert shown.state is State.CODE


def test_points_earned_and_taken_back(shown: CustomerDisplay) -> None:
    shown.points("cus_1", 125, 625)
    assert shown.screen.text().splitlines()[:3] == [
        "Points earned",
        "+125",
        "New balance: 625 points",
    ]
    shown.points("cus_1", -25, 600)
    assert shown.screen.text().splitlines()[:2] == ["Points taken back", "\N{MINUS SIGN}25"]
    shown.points("cus_1", 1, None)  # offline: the backend decides the balance
    assert "Point earned" in shown.screen.text() and "balance is updated" in shown.screen.text()


def test_the_timeout_goes_back_to_idle(shown: CustomerDisplay, clock: Clock) -> None:
    shown.customer("cus_1", "Ada", 500, None)
    clock.now += 29
    assert not shown.tick() and shown.due_in() == pytest.approx(1)
    # A refresh of the same customer does not keep the display on them longer.
    shown.customer("cus_1", "Ada", 510, None)
    assert "510" in shown.screen.text() and shown.due_in() == pytest.approx(1)
    clock.now += 1
    assert shown.tick() and shown.state is State.IDLE and "Ada" not in shown.screen.text()
    assert not shown.tick()


def test_a_new_state_restarts_the_timeout(shown: CustomerDisplay, clock: Clock) -> None:
    shown.customer("cus_1", "Ada", 500, None)
    clock.now += 20
    shown.points("cus_1", 10, 510)
    assert shown.due_in() == pytest.approx(30)


def test_leaving_and_another_customer_drop_the_last_one_at_once(
    shown: CustomerDisplay,
) -> None:
    shown.customer("cus_1", "Ada Obi", 500, None)
    shown.opening("cus_1")  # the same customer again: stays
    assert shown.state is State.CUSTOMER
    shown.opening("cus_2")
    assert shown.state is State.IDLE and shown.customer_id is None
    shown.customer("cus_2", "Bayo Musa", 70, None)
    assert "Bayo" in shown.screen.text() and "Ada" not in shown.screen.text()
    shown.code("cus_2", "REDEEM-ZZZZ2222", "", 0)
    shown.leave()
    assert shown.state is State.IDLE and "REDEEM" not in shown.screen.text()
    assert shown.screen.qr == ""


SCREENS = [ScreenInfo("eDP-1", 1366, 768), ScreenInfo("HDMI-2", 1920, 1080)]


def test_a_screen_is_chosen_by_its_number_from_1_or_its_name() -> None:
    assert choose_screen("2", SCREENS) == 1
    assert choose_screen("hdmi-2", SCREENS) == 1
    assert choose_screen("3", SCREENS) is None
    assert choose_screen("0", SCREENS) is None
    assert choose_screen("DP-1", SCREENS) is None
    assert choose_screen("", SCREENS) is None and choose_screen(None, SCREENS) is None


def _config(screen: str | None) -> Config:
    return Config(
        data_dir=Path("."), backend_url=None, terminal_id=None, display=DisplaySettings(screen)
    )


def test_the_doctor_passes_a_connected_screen_and_fails_a_missing_one() -> None:
    found = display_check.display_check(_config("HDMI-2"), lambda: SCREENS)
    assert found.ok is True and "screen 2 (HDMI-2, 1920x1080)" in found.detail
    missing = display_check.display_check(_config("3"), lambda: SCREENS)
    assert missing.ok is False
    assert "screen 3 is not connected" in missing.detail and "HDMI-2" in missing.detail
    assert "display.screen" in missing.fix


def test_the_doctor_says_off_without_asking_for_screens() -> None:
    def never() -> list[ScreenInfo]:
        raise AssertionError("no screen is asked for when the display is off")

    assert display_check.display_check(_config(None), never).ok is True


def test_no_display_to_check_on_is_a_plain_warning() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("DISPLAY is how Linux says there is a display")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    check = display_check.display_check(_config("2"), lambda: display_check.probe_screens(env=env))
    assert check.ok is None and "no graphical display" in check.detail, check


def test_a_probe_that_hangs_costs_its_timeout_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def hang(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("probe", 0.5)

    monkeypatch.setattr(display_check.subprocess, "run", hang)
    check = display_check.display_check(
        _config("2"), lambda: display_check.probe_screens(0.5, env={"DISPLAY": ":99"})
    )
    assert check.ok is None and "did not answer within 0.5 s" in check.detail
