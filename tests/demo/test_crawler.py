"""The crawler's own checks catch what they are meant to catch (so the crawl cannot pass
vacuously)."""

from tests.demo.crawler import Crawl, _check_page

# Template-like text inside a script is code, not visible text: not reported.
PAGE = (
    '<html lang="{lang}"><body><p>{text}</p><script>let a = "{{{{ x }}}}";</script></body></html>'
)


def _problems(text: str, lang: str = "ca", language: str = "ca") -> list[str]:
    result = Crawl()
    _check_page(result, "/x/", PAGE.format(lang=lang, text=text), language)
    return result.problems


def test_a_clean_page_in_the_users_language_passes():
    assert _problems("Benvinguda, Marta. 50% de descompte") == []


def test_leftover_template_text_and_placeholders_are_reported():
    for text in ("Hola {{ name }}", "Hola %(name)s", "{% translate 'x' %}", "Hola {name}"):
        assert _problems(text), text


def test_a_page_in_another_language_and_a_debug_page_are_reported():
    assert _problems("Hello", lang="en") == ['/x/ is in language "en", not "ca"']
    debug = _problems("Traceback (most recent call last): ...")
    assert debug and debug[0].startswith("debug page at /x/")
