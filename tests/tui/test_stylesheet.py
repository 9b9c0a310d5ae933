"""The start-up stylesheet must end up with exactly the rules Textual's own would have."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.css.stylesheet import Stylesheet

import backjournal.tui
from backjournal.tui.stylesheet import LATER_MARK, SteadyStylesheet

APP_TCSS = Path(backjournal.tui.__file__).with_name("app.tcss")
VARIABLES = App().get_css_variables()  # a full theme's worth, as the app gives


def rule_selectors(stylesheet: Stylesheet) -> list[str]:
    return [rule.selectors for rule in stylesheet.rules]


def test_the_held_back_part_is_the_other_screens():
    steady = SteadyStylesheet(variables=VARIABLES)
    steady.read(APP_TCSS)
    first = rule_selectors(steady)
    assert LATER_MARK in APP_TCSS.read_text()
    assert any("Tonight" in s or "tonight" in s for s in first)
    assert not any("Diary" in s for s in first), "the other screens' rules should wait"


def test_after_the_later_part_the_rules_match_textuals_own():
    stock = Stylesheet(variables=VARIABLES)
    stock.read(APP_TCSS)
    steady = SteadyStylesheet(variables=VARIABLES)
    steady.read(APP_TCSS)
    steady.add_later_part()
    assert rule_selectors(steady) == rule_selectors(stock)
    assert [r.styles.css for r in steady.rules] == [r.styles.css for r in stock.rules]


def test_a_theme_change_gives_the_same_rules_as_a_fresh_stylesheet():
    steady = SteadyStylesheet(variables=VARIABLES)
    steady.read(APP_TCSS)
    steady.add_later_part()
    steady.rules  # noqa: B018 (parsed once with the first theme)
    changed = {**VARIABLES, "primary": "#123456", "background": "#fafafa"}
    steady.set_variables(changed)
    steady.reparse()
    fresh = Stylesheet(variables=changed)
    fresh.read(APP_TCSS)
    assert [r.styles.css for r in steady.rules] == [r.styles.css for r in fresh.rules]
