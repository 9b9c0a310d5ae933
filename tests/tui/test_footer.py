"""The footer at 80 and 100 columns: Help always shows, and no key runs on under the palette hint."""

from __future__ import annotations

import pytest
from support import settle
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # (the footer's keys: read their regions only)

SCREENS = ["t", "d", "p", "r", "e", "s"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_help_shows_and_nothing_runs_under_the_palette_hint(demo_service, make_app, size):
    app = make_app(demo_service(days=60))
    async with app.run_test(size=size) as pilot:
        for key in SCREENS:
            await pilot.press(key)
            await settle(pilot, 5)
            footer = app.screen.query_one(Footer)
            keys = list(footer.query(FooterKey))
            helps = [k for k in keys if k.key == "question_mark"]
            assert helps, f"{key} at {size}: no Help in the footer"
            assert helps[0].region.right <= size[0], f"{key} at {size}: Help is cut off"
            palette = [k for k in keys if k.has_class("-command-palette")]
            if palette:
                hint = palette[0].region
                for other in keys:
                    if other is not palette[0]:
                        assert other.region.right <= hint.x, (
                            f"{key} at {size}: {other.description!r} runs under the palette hint"
                        )


def _descriptions(app) -> list[str]:
    return [key.description for key in app.screen.query_one(Footer).query(FooterKey)]


async def test_the_footer_follows_focus_and_keeps_its_keys_when_nothing_changed(
    demo_service, make_app
):
    app = make_app(demo_service(days=30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await settle(pilot, 5)
        assert "Open day" in _descriptions(app)  # the table has focus: its keys show
        keys = list(app.screen.query_one(Footer).query(FooterKey))
        app.screen.refresh_bindings()  # a bindings change that changes nothing on show
        await settle(pilot, 5)
        assert list(app.screen.query_one(Footer).query(FooterKey)) == keys
        app.screen.query_one("#diary-words").focus()
        await settle(pilot, 5)
        shown = _descriptions(app)
        assert "Open day" not in shown and "Filter" in shown
        app.screen.query_one("#diary-table").focus()
        await settle(pilot, 5)
        assert "Open day" in _descriptions(app)
