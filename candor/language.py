"""Which language a text is in (English or Chinese): answers follow the user's language."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


_SENTENCES = re.compile(r"[^.;!?。；！？\n]+")


def language_of(text: str) -> str:
    return "zh" if CJK.search(text or "") else "en"


def sentences(text: str) -> list[str]:
    """The text's sentences, in either language, without their end marks (a full stop, ;, ?, !, 。, a line break)."""
    return [s for s in _SENTENCES.findall(text) if s.strip()]


# Words common in another Latin-script language and rare in English messages (or in names a message may carry).
_FOREIGN_WORDS = {
    "fr": "le la les des est une quel quelle quels quelles pour avec dans du sur nous vous combien taux poste qui que pas "
          "mais cette ces au aux et je il elle mon mes sont peux pouvez merci bonjour candidats entretien entretiens "
          "échec échoué qu'est-ce c'est l'entretien d'échec",
    "es": "el los las es una cuál cuáles para con del por qué cuántos cuántas tasa puesto y que son está hay mis "
          "nuestros puedes gracias hola candidatos entrevista entrevistas fracaso este esta año",
    "de": "der die das ist und nicht wie für mit welche welcher den dem ein eine bitte hoch sind auf im zu ich wir sie "
          "es was wer danke hallo kandidaten bewerber durchfallquote letzten quartal gibt",
    "pt": "o os as é uma um qual quais para com do da não quantos e em que são está há meu olá obrigado obrigada "
          "candidatos entrevista taxa cargo",
    "it": "il gli è una un qual quali per con del della che quanti e di sono ciao grazie candidati colloquio puoi "
          "tasso ruolo",
    "nl": "de het een is en van voor met wat hoeveel zijn niet welke kandidaten graag bedankt",
}
_FOREIGN = {lang: frozenset(words.split()) for lang, words in _FOREIGN_WORDS.items()}
_ENGLISH = frozenset("the a an is are what how of for to in and with my me can do does which who show give please rate "
                     "this that last our we you i it on by from why did has have was were will would could should be "
                     "not no any all get need want about per vs".split())
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿ'’-]+", re.I)
_OTHER_SCRIPTS = re.compile(r"[\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff\u0400-\u04ff\u0600-\u06ff\u0e00-\u0e7f\u0900-\u097f]")


def another_language(text: str) -> bool:
    """The message is written in a language other than English or Chinese (French, Spanish, Japanese, Korean,
    Russian…), which the offline planner does not read. A word or a name from another language in an English or
    Chinese message is not enough."""
    text = text or ""
    other = len(_OTHER_SCRIPTS.findall(text))
    if other >= 3 and other > len(CJK.findall(text)) // 2:
        return True  # kana, hangul, Cyrillic, Arabic, Thai, Devanagari (a Japanese message has kanji too)
    if CJK.search(text):
        return False
    words = [w.lower().strip("'’-") for w in _LATIN_WORD.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    best = max(sum(w in vocabulary for w in words) for vocabulary in _FOREIGN.values())
    return best >= 3 and best >= 2 * english + 2
