"""Phone numbers: one stored form (E.164, "+2348031234567") whatever way a person typed
it ("0803 123 4567", "+234 803-123-4567", "2348031234567"). The store's country (ISO
3166 code; `country` in config.toml, or the older `phone_region`; NG by default) says what
a number without a country code means: "024 123 4567" is +233 in GH, "0712 345678" +254
in KE, "07 01 23 45 67" +225 in CI, "071 234 5678" +27 in ZA. No country's code is
written here: libphonenumber knows them.

libphonenumber is imported by the first function that needs it: its metadata costs a
command that reads no phone number (`sync status`, a search by name) tens of milliseconds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    import phonenumbers

DEFAULT_REGION = "NG"


class PhoneProblem(ValueError):
    """The text is not a phone number; the message says why, in plain words."""


def known_region(region: str) -> bool:
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS


def example(region: str) -> str:
    """A mobile number of the region as people write it, for hints ("0802 123 4567")."""
    import phonenumbers

    number = phonenumbers.example_number_for_type(
        region.upper(), phonenumbers.PhoneNumberType.MOBILE
    ) or phonenumbers.example_number(region.upper())
    if number is None:  # a region libphonenumber has no example for: its code alone
        return f"+{_code(region)}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        return None


def _usual_length(number: phonenumbers.PhoneNumber) -> int | None:
    """How many digits a mobile number of this number's country has after the code."""
    import phonenumbers

    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    mobile = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    return None if mobile is None else len(phonenumbers.national_significant_number(mobile))


def normalise(text: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a phone number typed in local or international form.

    Raises PhoneProblem with a message for the person who typed it."""
    import phonenumbers

    typed = text.strip()
    hint = _("Type it like {example}, or start with +{code}.").format(
        example=example(region), code=_code(region)
    )
    if not typed or any(ch.isalpha() for ch in typed):
        raise PhoneProblem(_("This is not a phone number.") + " " + hint)
    try:
        number = phonenumbers.parse(typed, region.upper())
    except phonenumbers.NumberParseException as error:
        if error.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise PhoneProblem(
                _("No country has the code at the start of this number.") + " " + hint
            ) from None
        raise PhoneProblem(_("This is not a phone number.") + " " + hint) from None
    why = phonenumbers.is_possible_number_with_reason(number)
    if why in (
        phonenumbers.ValidationResult.TOO_SHORT,
        phonenumbers.ValidationResult.INVALID_LENGTH,
    ):
        raise PhoneProblem(_("This phone number has too few digits.") + " " + hint)
    if why == phonenumbers.ValidationResult.TOO_LONG:
        raise PhoneProblem(_("This phone number has too many digits.") + " " + hint)
    if why == phonenumbers.ValidationResult.INVALID_COUNTRY_CODE:
        raise PhoneProblem(_("No country has the code at the start of this number.") + " " + hint)
    if not phonenumbers.is_valid_number(number):
        usual, digits = _usual_length(number), len(phonenumbers.national_significant_number(number))
        if usual is not None and digits < usual:
            raise PhoneProblem(_("This phone number has too few digits.") + " " + hint)
        if usual is not None and digits > usual:
            raise PhoneProblem(_("This phone number has too many digits.") + " " + hint)
        raise PhoneProblem(_("No phone number starts like this: check the digits.") + " " + hint)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def maybe_e164(text: str, region: str = DEFAULT_REGION) -> str | None:
    """The E.164 form of a search that looks like a phone number, else None (never raises)."""
    if not any(ch.isdigit() for ch in text) or any(ch.isalpha() for ch in text):
        return None  # a name, an email, a card number: libphonenumber is not needed
    import phonenumbers

    number = _parse(text, region)
    if number is None or not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def shown(e164: str, region: str = DEFAULT_REGION) -> str:
    """How a stored number is shown: in the store's country as people dial it locally
    ("0803 123 4567"), others in international form ("+44 20 7946 0958")."""
    import phonenumbers

    number = _parse(e164, region)
    if number is None:
        return e164
    local = phonenumbers.region_code_for_number(number) == region.upper()
    return phonenumbers.format_number(
        number,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if local
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )


def _code(region: str) -> int:
    import phonenumbers

    return phonenumbers.country_code_for_region(region.upper())
