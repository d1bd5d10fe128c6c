"""Ethiopic-script rules: a person's name after an Amharic title (አቶ, ወ/ሮ, ዶ/ር).

Ethiopic has no capital letters either; the title is the evidence, and the
name runs one or two words (a given name and the father's).
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import word_set
from .normalise import AM_PREFIXES
from .spans import CONF_ETHIOPIC_TITLE, Span, Tok

#: Amharic titles before a person's name.  The abbreviated ones are written with a
#: slash (ወ/ሮ, ዶ/ር), which tokenizes as two tokens: ``AM_SHORT_TITLES``.
#: Every Ethiopic word list here is compared with tokens' ``norm``, in which letters written
#: either way are one (``normalise.fold_ethiopic``): the lists are folded the same way.
AM_TITLES = word_set("አቶ ወይዘሮ ወይዘሪት ዶክተር ፕሮፌሰር ኢንጂነር ሼህ ሼክ ቄስ ጄኔራል ኮሎኔል አምባሳደር ፕሬዚዳንት ፕሬዝዳንት ሊቀመንበር")
AM_SHORT_TITLES = frozenset({("ወ", "ሮ"), ("ወ", "ሪት"), ("ዶ", "ር"), ("ኢ", "ር"), ("ፕ", "ር")})
#: Words that follow a titled name in news and are never part of it (verbs of saying,
#: "who are", "today", "and", "on", "what").
AM_NOT_NAME = word_set(
    "አሉ ብለዋል ገልጸዋል ተናግረዋል አስታውቀዋል እንደገለጹት እንዳሉት እንደተናገሩት በበኩላቸው ለጋዜጠኞች ዛሬ ትናንት ሲሉ ናቸው ነው "
    "ነች ናት የሆኑት ባደረጉት በሰጡት እና ላይ ምን መሆን ደግሞ ግን"
)
#: Ethiopian given names.  A name is a given name and the father's, both given
#: names: a second word after a title is taken when either word is one of these,
#: or when punctuation or a word of ``AM_NOT_NAME`` ends the name after it.
AM_GIVEN = word_set(
    """አበበ ከበደ በቀለ ለማ ተስፋዬ ገብሬ ገብሩ ብርሃኑ ብርሃነ ሙሉጌታ ዳዊት ሄለን ሰለሞን ዮሐንስ ዮሃንስ ዮናስ ሳሙኤል ዳንኤል
    ሚካኤል ገብረመድህን ገብረእግዚአብሔር ኃይሌ ሀይሌ ኃይለማርያም ኃይለ ታደሰ ታምራት ተክሌ ተክለ ወልደ ወልዱ መንግሥቱ
    አለማየሁ ጌታቸው ግርማ ደረጄ ደሳለኝ ሲሳይ ሰይፉ ፍቅሩ ፍቃዱ ካሳ ካሳሁን ክንፈ ኪዳኔ ዘውዴ ዘርይሁን ይልማ ይርጋ ደመቀ
    መኮንን አስፋው አሰፋ አበራ አብርሃም አብይ ዐቢይ አሕመድ አህመድ መሐመድ መሀመድ ሙሐመድ ሙስጠፋ ጀማል ሁሴን ኢብራሂም ዑመር ኡመር
    ለሜሳ ጃዋር ታዬ ደበበ ጥላሁን ሽፈራው እንዳልካቸው ወርቅነህ በላይ መስፍን ነጋሽ ጸጋዬ ጸሐይ ብሩክ ናትናኤል ኤርሚያስ
    አማኑኤል ቴዎድሮስ ቴድሮስ ሰናይት ሜሮን ሐና ማርታ ሳራ ራሔል ብርቱካን አልማዝ ትዕግስት ፋንታዬ መሠረት ሙሉ
    ሕይወት ፍሬሕይወት ቤተልሔም ሰላማዊት ትርሐስ አዜብ ሂሩት ዘነበች አበበች ጥሩነሽ ወርቅነሽ ሮማን የሺ"""
)


def ethiopic_titles(toks: Sequence[Tok], taken: list[bool]) -> list[Span]:
    """Amharic people: the one or two words after a title (``አቶ ዳዊት ተስፋዬ``, ``ወ/ሮ ሄለን አበበ``).

    A titled foreigner is usually named by the surname alone (``አቶ ካቫናፍ``), an
    Ethiopian by given name and father's name: the second word is taken only
    when one of the two is a known given name or the name visibly ends after it
    (punctuation, a word of ``AM_NOT_NAME``, the text's end).  A word that
    carries a preposition (የ, በ, ከ, ለ) on four letters or more is no name here.
    """
    n = len(toks)

    def name_word(x: int) -> bool:
        if x >= n or taken[x] or toks[x].script != "Ethi" or toks[x].punct:
            return False
        word = toks[x].norm
        return word not in AM_NOT_NAME and word not in AM_TITLES and not (len(word) >= 4 and word[0] in AM_PREFIXES)

    def ends_here(x: int) -> bool:
        return x >= n or toks[x].punct or toks[x].norm in AM_NOT_NAME

    out = []
    for i, t in enumerate(toks):
        if t.script != "Ethi":
            continue
        short = i > 0 and t.punct and (toks[i - 1].norm, t.norm) in AM_SHORT_TITLES
        if not ((t.norm in AM_TITLES or short) and name_word(i + 1)):
            continue
        given = toks[i + 1].norm in AM_GIVEN or (i + 2 < n and toks[i + 2].norm in AM_GIVEN)
        end = i + 3 if name_word(i + 2) and (given or ends_here(i + 3)) else i + 2
        out.append(Span(i + 1, end, "PER", CONF_ETHIOPIC_TITLE))
    return out
