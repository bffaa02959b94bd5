"""Colour helpers shared by the respondent pages and the PDF report: tints and readable text on an accent."""

import re

DEFAULT_ACCENT = "#1f5f8b"
DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"


def valid_hex(colour: str | None, default: str = DEFAULT_ACCENT) -> str:
    """The colour when it is a #rrggbb string, else the default (stored colours come from user input)."""
    return colour if isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else default


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour (0 = black, 1 = white)."""

    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.03928 else float(((share + 0.055) / 1.055) ** 2.4)

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def readable_on(hex_colour: str) -> str:
    """White or near-black: whichever contrasts more with the colour (WCAG AA for any accent)."""
    luminance = relative_luminance(hex_colour)
    on_white = 1.05 / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return LIGHT_TEXT if on_white >= on_black else DARK_TEXT


def tint(hex_colour: str, amount: float) -> str:
    """Mix the colour with white: amount 0 = the colour, 1 = white."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def accent_colours(hex_colour: str | None) -> dict[str, str]:
    """The organisation's accent (or the default) and a text colour that reads on it."""
    accent = valid_hex(hex_colour)
    return {"accent": accent, "on_accent": readable_on(accent)}
