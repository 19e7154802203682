"""Regenerate the README's pictures of the thermal slips, drawn from the ESC/POS bytes the
terminal sends (render/escpos_slip.py -> render/slip_image.py, the printer's dot grid):

    .venv/bin/python packaging/slip_images.py

writes resources/screenshots/slip-redemption-80mm.png, slip-redemption-58mm.png,
slip-redemption-80mm-fr.png (French, CFA francs), slip-award-80mm.png, slip-day-80mm.png.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from pos_app import i18n
from pos_app.render import escpos_slip as slips
from pos_app.render.slip_image import on_paper, render

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


def _redemption(currency: str, amount: int) -> slips.RedemptionSlip:
    return slips.RedemptionSlip(
        code="REDEEM-7KQ2X9MC",
        reward_name="Free soft drink" if currency == "NGN" else "Boisson offerte",
        discount_amount=amount,
        currency=currency,
        points=500,
        balance_after=2_350,
        customer_name="Ada Obi" if currency == "NGN" else "Aïcha Koné",
        offline=False,
    )


def _day() -> dict[str, object]:
    return {
        "date_from": "2026-11-26",
        "date_to": "2026-11-26",
        "scope": "terminal",
        "currency": "NGN",
        "redemptions": 18,
        "points_redeemed": 9_400,
        "discount_total": 47_500,
        "points_awarded": 36_250,
        "offline": 2,
        "conflicts": 0,
        "voids": 1,
    }


def main() -> int:
    if not i18n.use("en", "NG") or not i18n.use("fr", "CI"):
        print("build the catalogues first: python -m pos_app.i18n.compile", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    when = datetime(2026, 11, 26, 14, 5)
    lagos = slips.Where("Ikeja City Mall", "till-07", "Ada", when)
    abidjan = slips.Where("Cocody Angré", "caisse-02", "Aminata", when)
    award = slips.PointsSlip(False, 1_250, 3_600, "Ada Obi", "ORDER-20931", False)
    made: list[tuple[str, bytes, int]] = []
    i18n.use("en", "NG")
    made += [
        ("slip-redemption-80mm", slips.redemption(_redemption("NGN", 1_500), lagos, 80), 80),
        ("slip-redemption-58mm", slips.redemption(_redemption("NGN", 1_500), lagos, 58), 58),
        ("slip-award-80mm", slips.points(award, lagos, 80), 80),
        ("slip-day-80mm", slips.report(_day(), lagos, 80), 80),
    ]
    i18n.use("fr", "CI")
    made.append(
        ("slip-redemption-80mm-fr", slips.redemption(_redemption("XOF", 1_000), abidjan, 80), 80)
    )
    i18n.use("en")
    for name, data, paper in made:
        path = OUT / f"{name}.png"
        on_paper(render(data, paper)).save(path, optimize=True)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
