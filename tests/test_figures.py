"""Figures: the numbers an article cites, read the same in every script and convention."""

from __future__ import annotations

import json

from babelwire.stories.figures import MAX_FIGURES, figures


def test_thousands_and_decimals_read_alike_across_conventions() -> None:
    en = figures("The quake killed 1,234 people; damage put at $4.5 billion.")
    de = figures("Das Beben tötete 1.234 Menschen; Schaden von 4,5 Milliarden Dollar.")
    fr = figures("Le séisme a tué 1 234 personnes ; 4,5 milliards de dollars de dégâts.")
    ar = figures("أودى الزلزال بحياة ١٬٢٣٤ شخصا وأضرار بقيمة ٤٫٥ مليار دولار.")
    assert en == de == fr == ar == frozenset({"1234", "45"})


def test_lists_and_single_digits() -> None:
    # "2, 3" is a list, not a thousands group; single digits say nothing about the event.
    assert figures("Scores of 2, 3 and 14, 15 were recorded") == frozenset({"14", "15"})
    assert figures("3 dead, 7 injured") == frozenset()
    assert figures("007 and 0042") == frozenset({"42"})


def test_other_digit_scripts_and_the_cap() -> None:
    assert figures("मृतकों की संख्या २५ हुई") == frozenset({"25"})
    assert figures("Waliokufa ni 25, kwa mujibu wa polisi") == frozenset({"25"})
    many = " ".join(str(n) for n in range(10, 200))
    assert len(figures(many)) == MAX_FIGURES
    assert "10" in figures(many)  # the first ones are kept


def test_a_year_beside_a_number_stays_two_figures() -> None:
    assert figures("In 2018 300 people died") == frozenset({"2018", "300"})
    assert figures("Kufikia 2021 1,500 walikuwa wamekufa") == frozenset({"2021", "1500"})
    assert figures("12 345 678 dollars and 1234,5") == frozenset({"12345678", "12345"})


def test_a_dateline_is_no_figure() -> None:
    from babelwire.stories.figures import article_figures

    text = "TOKYO, Sept 10 (Reuters) - The bank kept 250 billion yen in reserve."
    meta = {"dateline": {"end": text.index("The")}}
    assert article_figures("Rates on hold", text, meta) == {"250"}
    assert article_figures("Rates on hold", text, json.dumps(meta)) == {"250"}  # as the store keeps meta
    assert article_figures("Rates on hold", text) == {"10", "250"}  # no dateline known: the whole text
