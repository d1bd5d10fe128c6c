"""Search normalisation: index and query terms meet across clitics and inflection."""

from __future__ import annotations

from babelwire.search.keyword import keyword_sql
from babelwire.search.normalise import arabic_stem, fts_query, index_text
from babelwire.store.articles import ArticleFilter


def test_arabic_clitics() -> None:
    assert arabic_stem("واليابان") == arabic_stem("اليابان") == arabic_stem("لليابان") == "يابان"
    assert arabic_stem("بيت") == "بيت"  # too short to strip: ب is part of the word


def test_swahili_lemma_meets_query() -> None:
    indexed = set(index_text("Kim alisema Washington inasukuma", "sw").split())
    assert "sema" in indexed
    assert '"sema"' in fts_query("sema")


def test_query_sql_is_built_without_a_database() -> None:
    sql, params = keyword_sql("اليابان", ArticleFilter(lang="ar"), 10)
    assert "articles_fts MATCH ?" in sql and "a.lang = ?" in sql
    assert params[0] == '("يابان")' and params[-1] == 10


def test_unfiltered_keyword_query_ranks_inside_fts() -> None:
    sql, params = keyword_sql("NATO", ArticleFilter(), 10)
    assert "ORDER BY rank LIMIT ?) f JOIN articles" in sql
    assert params[-1] == 10


def test_names_expand_to_their_aliases_in_other_scripts() -> None:
    from babelwire.entities import EntityIndex
    from babelwire.search.names import name_expansions

    index = EntityIndex.default()
    (start, end, aliases), *_ = name_expansions(index, "nato summit")
    assert (start, end) == (0, 4)
    assert ["ناتو"] in aliases and ["нато"] in aliases  # الناتو and НАТО as index terms
    assert name_expansions(index, "北约")  # uncased scripts need no capital
    assert not name_expansions(index, "tell us")  # a lower-case "us" is not the United States
    match = fts_query("nato summit", expansions=name_expansions(index, "nato summit"))
    assert '"ناتو"' in match and match.endswith('("summit")')


def test_keyword_search_crosses_scripts_through_names(bw) -> None:
    bw.ingest_articles(
        [
            {"title": "الناتو", "text": "قال الأمين العام لحلف الناتو إن الحلف سيعزز التعاون مع اليابان في العام المقبل.", "lang": "ar"},
            {"title": "НАТО", "text": "Генеральный секретарь НАТО заявил, что альянс расширит сотрудничество с Японией.", "lang": "ru"},
            {"title": "Mvua", "text": "Mvua kubwa imenyesha jijini Dar es Salaam na kusababisha mafuriko katika mitaa mingi.", "lang": "sw"},
        ]
    )
    assert {h["lang"] for h in bw.search("NATO", mode="keyword")} == {"ar", "ru"}
