"""Citing verbs: the word that introduces a reference, as a key of the `verb` scheme.

Preambular paragraphs open with a participle (Recalling, 回顾), operative ones with a
verb (Urges, 敦促); a paragraph may change verb midway ("…, and recalling also …",
"，并回顾"), so each reference takes the last verb before it.
"""

from __future__ import annotations

import re

from atkg.extract.cite import alternation

VERBS_ZH: dict[str, str] = {
    "回顾": "recalls",
    "重申": "reaffirms",
    "欢迎": "welcomes",
    "表示注意到": "takes-note",
    "赞赏地注意到": "takes-note",
    "注意到": "takes-note",
    "确认": "recognizes",
    "认识到": "recognizes",
    "承认": "acknowledges",
    "强调": "stresses",
    "着重指出": "stresses",
    "敦促": "urges",
    "促请": "urges",
    "邀请": "invites",
    "请": "requests",
    "鼓励": "encourages",
    "决定": "decides",
    "吁请": "calls-upon",
    "铭记": "bearing-in-mind",
    "考虑到": "taking-into-account",
    "支持": "supports",
    "谴责": "condemns",
    "通过": "adopts",
    "申明": "affirms",
    "表示关切": "expresses-concern",
    "表示赞赏": "expresses-appreciation",
    "赞赏": "expresses-appreciation",
    "提及": "refers",
}
VERBS_EN: dict[str, str] = {
    "recalling": "recalls",
    "recalls": "recalls",
    "reaffirming": "reaffirms",
    "reaffirms": "reaffirms",
    "welcoming": "welcomes",
    "welcomes": "welcomes",
    "taking note": "takes-note",
    "takes note": "takes-note",
    "noting": "notes",
    "notes": "notes",
    "recognizing": "recognizes",
    "recognizes": "recognizes",
    "acknowledging": "acknowledges",
    "acknowledges": "acknowledges",
    "stressing": "stresses",
    "stresses": "stresses",
    "emphasizing": "stresses",
    "emphasizes": "stresses",
    "underlining": "stresses",
    "underlines": "stresses",
    "urging": "urges",
    "urges": "urges",
    "requesting": "requests",
    "requests": "requests",
    "inviting": "invites",
    "invites": "invites",
    "encouraging": "encourages",
    "encourages": "encourages",
    "deciding": "decides",
    "decides": "decides",
    "calling upon": "calls-upon",
    "calls upon": "calls-upon",
    "bearing in mind": "bearing-in-mind",
    "taking into account": "taking-into-account",
    "taking into consideration": "taking-into-account",
    "supporting": "supports",
    "supports": "supports",
    "condemning": "condemns",
    "condemns": "condemns",
    "affirming": "affirms",
    "affirms": "affirms",
    "adopts": "adopts",
    "expressing concern": "expresses-concern",
    "expresses concern": "expresses-concern",
    "expressing appreciation": "expresses-appreciation",
    "expresses appreciation": "expresses-appreciation",
}


_VERB_ZH = re.compile(
    r"(?:^|[，；,;：:]|\d\.)\s*(?:大会|理事会|我们)?\s*(?:并|又|还|也|再次|进一步|同时|亦)?\s*"
    rf"(?:深为|深表)?\s*({alternation(list(VERBS_ZH))})"
)
_WORD = re.compile(r"[a-z]+")
_VERB_HEADS: dict[str, list[str]] = {}
for _phrase in sorted(VERBS_EN, key=len, reverse=True):
    _VERB_HEADS.setdefault(_phrase.split()[0], []).append(_phrase)


def verbs(text: str, language: str) -> list[tuple[int, str]]:
    """(offset, verb key) of every citing verb in a paragraph's view, in order."""
    if language == "zh":
        return [(m.start(1), VERBS_ZH[m.group(1)]) for m in _VERB_ZH.finditer(text)]
    found = []
    lower = text.lower()
    for m in _WORD.finditer(lower):
        word = m.group(0)
        if word not in _VERB_HEADS:
            continue
        for phrase in _VERB_HEADS[word]:  # longest first: "taking note" before "taking"
            if (
                lower.startswith(phrase, m.start())
                and not lower[m.start() + len(phrase) : m.start() + len(phrase) + 1].isalpha()
            ):
                found.append((m.start(), VERBS_EN[phrase]))
                break
    return found
