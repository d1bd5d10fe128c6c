"""The Python API checks what it is given, as the CLI and the HTTP API do: a clear
InvalidArgument or NotFound, never an AttributeError from deep inside or a silently wrong answer."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from babelwire import Babelwire
from babelwire.errors import InvalidArgument, NotFound
from babelwire.service import MAX_QUERY_CHARS

ARTICLES = [
    {"title": "NATO and Japan deepen ties", "text": "Tokyo - NATO Secretary General Mark Rutte met Japanese officials in Tokyo "
     "on Tuesday to discuss closer security cooperation between NATO and Japan.", "published": "2026-09-09", "lang": "en"},
    {"title": "Floods in Khartoum", "text": "Khartoum - The Nile flooded districts of Khartoum and Kassala this week, "
     "the civil defence council said on Tuesday, and thousands left their homes.", "published": "2026-08-26", "lang": "en"},
]


@pytest.fixture
def store(bw: Babelwire) -> Babelwire:
    bw.ingest_articles(ARTICLES)
    return bw


def test_dates_may_be_date_objects(store: Babelwire) -> None:
    # QA: since=datetime(...) raised AttributeError: 'datetime' object has no attribute 'strip'.
    as_text = [a.id for a in store.articles(since="2026-09-01")]
    assert [a.id for a in store.articles(since=date(2026, 9, 1))] == as_text
    assert [a.id for a in store.articles(since=datetime(2026, 9, 1, tzinfo=UTC))] == as_text
    assert len(as_text) == 1
    assert [h["id"] for h in store.search("Khartoum", until=date(2026, 8, 31))] == [a.id for a in store.articles(until="2026-08-31")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda bw: bw.articles(limit=-3), "limit=-3"),
        (lambda bw: bw.articles(offset=-1), "offset=-1"),
        (lambda bw: bw.articles(limit="ten"), "limit='ten'"),
        (lambda bw: bw.articles(lang=["ar", 3]), "lang=['ar', 3]"),
        (lambda bw: bw.search("NATO", limit=-1), "limit=-1"),
        (lambda bw: bw.search("NATO", mode="bogus"), "mode='bogus'"),
        (lambda bw: bw.search("NATO " * 200), f"more than {MAX_QUERY_CHARS}"),
        (lambda bw: bw.stories(since="garbage"), "since='garbage'"),
        (lambda bw: bw.entities(limit=True), "limit=True"),
        (lambda bw: bw.follow(["x"], every="15m"), "every='15m'"),
        (lambda bw: bw.articles(since=20260901), "since=20260901"),
        (lambda bw: bw.article(123), "article id 123"),
        (lambda bw: bw.stories(min_size="a"), "min_size='a'"),
        (lambda bw: bw.threads(min_stories=-1), "min_stories=-1"),
        (lambda bw: bw.entities(guesses="yes"), "guesses='yes'"),
        (lambda bw: bw.similar(bw.articles(limit=1)[0].id, same_lang="no"), "same_lang='no'"),
        # QA: an unknown option was a TypeError about ArticleFilter.__init__; a long value was echoed whole
        (lambda bw: bw.articles(langs="ar"), "no option 'langs': give some of entity, lang, limit"),
        (lambda bw: bw.search("NATO", langs="ar"), "no option 'langs'"),
        (lambda bw: bw.stories(typ="x"), "no option 'typ'"),
        (lambda bw: bw.entities(kind="PER"), "no option 'kind'"),
        (lambda bw: bw.threads(x=1), "no option 'x': give some of limit, min_stories, offset"),
        (lambda bw: bw.articles(lang="x" * 100_000), "… (100,002 characters) is not a language"),
    ],
    ids=["negative-limit", "negative-offset", "text-limit", "list-lang", "search-limit", "mode", "long-query",
         "bad-date", "bool-limit", "every-text", "number-date", "number-id", "text-min-size", "negative-min-stories",
         "text-guesses", "text-same-lang", "unknown-articles", "unknown-search", "unknown-stories", "unknown-entities",
         "unknown-threads", "long-value"],
)
def test_bad_arguments_are_invalid_arguments(store: Babelwire, call, message: str) -> None:
    with pytest.raises(InvalidArgument, match=re.escape(message)):
        call(store)


def test_compare_by_something_else_is_an_invalid_argument(store: Babelwire) -> None:
    # QA: a plain ValueError, where every other bad argument is an InvalidArgument
    with pytest.raises(InvalidArgument, match="'source' or 'lang'"):
        store.compare("st-000000000000", by="x")


def test_an_entity_filter_names_an_entity_in_any_case(store: Babelwire) -> None:
    # QA: --entity nope listed nothing and exited 0, while --story nope said there is no such story;
    # org:NATO was no entity though article and story ids ignore case.
    with_nato = [a.id for a in store.articles(entity="org:nato")]
    assert with_nato and [a.id for a in store.articles(entity="ORG:NATO")] == with_nato
    assert store.entity("Org:Nato")["id"] == "org:nato"
    assert [s["id"] for s in store.stories(entity="ORG:nato")] == [s["id"] for s in store.stories(entity="org:nato")]
    for call in (lambda: store.articles(entity="nope"), lambda: store.stories(entity="nope"), lambda: store.entity("nope")):
        with pytest.raises(NotFound, match="no entity with id 'nope'$"):
            call()


def test_a_repeated_name_in_a_query_is_expanded_once(store: Babelwire, monkeypatch) -> None:
    # QA: a query of one name said 1,000 times looked its aliases up 1,000 times (8 s).
    import babelwire.search.names as names

    calls: list[str] = []
    real = names._aliases
    monkeypatch.setattr(names, "_aliases", lambda index, eid: calls.append(eid) or real(index, eid))
    hits = store.search("NATO NATO NATO NATO Japan Japan", mode="keyword")
    assert hits and sorted(calls) == ["loc:JP", "org:nato"]


def test_a_language_filter_may_be_a_list(store: Babelwire) -> None:
    # Python callers hold languages in lists; the HTTP API takes lang= repeated, the CLI "ar,sw".
    assert store.articles_sql(lang=["ar", "Kiswahili"]) == store.articles_sql(lang="ar,sw")
