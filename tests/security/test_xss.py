"""Cross-site scripting: hostile text in every stored field is shown as text on every page.

Each page is parsed as HTML and checked structurally (no inline scripts, no event-handler
attributes, no javascript: links) as well as for the escaped form of the payloads, so the
test proves escaping, not merely a lucky string match.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from newsclaims.claims import services
from newsclaims.claims.models import Evidence
from newsclaims.ingestion.models import IngestionJob
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = '" onmouseover="alert(1)'
JS_LINK = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMG, ATTR)
ESCAPED = {
    SCRIPT: "&lt;script&gt;alert(1)&lt;/script&gt;",
    IMG: "&lt;img src=x onerror=alert(1)&gt;",
    ATTR: "&quot; onmouseover=&quot;alert(1)",
}
EVIDENCE_URL = f'https://example.org/?q="onmouseover="alert(1)">{SCRIPT}'  # valid: no whitespace
HOSTILE_TEXT = (
    f"Mayor {SCRIPT} Doe said the {IMG} bridge would reopen in May. "
    f"\u201cWe are {ATTR} on schedule,\u201d she told reporters. Details: {JS_LINK} and more."
)


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")


class PageAudit(HTMLParser):
    """Everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            scheme = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "data:text", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script> not from /static/: {attrs}")
            self._in_script = True
        if tag in ("img", "iframe", "object", "embed", "svg", "math", "base"):
            self.problems.append(f"<{tag}> element")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")


def audit(html: str) -> list[str]:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser.problems


def assert_shown_as_text(response: Any, *expected: str) -> None:
    assert response.status_code in (200, 400, 409), response.status_code
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert audit(html) == []
    for raw in PAYLOADS:
        assert raw not in html
    # Search results mark the words searched for inside the (escaped) text.
    text = html.replace("<mark>", "").replace("</mark>", "")
    for raw in expected:
        assert ESCAPED[raw] in text, f"{ESCAPED[raw]} not on the page"


@pytest.fixture
def hostile(db) -> dict[str, Any]:
    editor = UserFactory(username="editor-x", editor=True)
    article = ArticleFactory(
        title=f"Bridge {SCRIPT} {IMG} {ATTR}",
        text=HOSTILE_TEXT,
        outlet=f"Outlet {IMG}",
        author=f"Author {ATTR}",
        url="https://example.org/bridge",
    )
    speaker = SpeakerFactory(name=f"Jane {SCRIPT} Doe", description=f"Mayor {IMG} {ATTR}")
    services.speaker_alias_add(speaker=speaker, name=f"J. {IMG} Doe")
    first = make_claim(
        article,
        speaker=speaker,
        content=f"the {IMG} bridge would reopen in May",
        speaker_text=f"Mayor {SCRIPT} Doe",
        speaker_name=f"Jane {SCRIPT} Doe",
        speaker_role=f"Mayor {ATTR}",
        via=[f"Wire {SCRIPT}"],
    )
    second = make_claim(article, content=f"We are {ATTR} on schedule,", speaker_text="she", speaker_name=f"Anon {IMG}")
    services.claim_review(
        claim=first, actor=editor, expected_version=1, rating="false", rating_explanation=f"Because {SCRIPT} {ATTR}"
    )
    services.claim_add_note(claim=first, author=editor, body=f"{SCRIPT}\n{IMG}\n{ATTR}\n{JS_LINK}")
    services.claim_add_evidence(claim=first, added_by=editor, url=EVIDENCE_URL, note=f"Shows {IMG}")
    done = IngestionJob.objects.create(status="done", source=f"upload {SCRIPT}.txt", article=article)
    failed = IngestionJob.objects.create(status="failed", source=f"https://x.example/{ATTR}", error=f"Bad {IMG}")
    client = Client()
    client.force_login(editor)
    return {
        "client": client,
        "editor": editor,
        "article": article,
        "speaker": speaker,
        "claim": first,
        "other": second,
        "jobs": (done, failed),
    }


def test_review_pages_show_hostile_text_as_text(hostile):
    client, claim, article = hostile["client"], hostile["claim"], hostile["article"]
    pages = {
        "/": (SCRIPT, IMG, ATTR),  # article titles and "your recent reviews"
        "/review/?status=any": (SCRIPT, IMG, ATTR),
        f"/articles/{article.pk}/": (SCRIPT, IMG, ATTR),
        f"/articles/{article.pk}/?claim={claim.pk}": (SCRIPT, IMG, ATTR),
        f"/claims/{claim.pk}/": (SCRIPT, IMG, ATTR),
        f"/claims/{hostile['other'].pk}/": (IMG, ATTR),
        f"/speakers/{hostile['speaker'].pk}/": (SCRIPT, IMG, ATTR),
        "/search/?q=alert": (SCRIPT, IMG),
        f"/jobs/{hostile['jobs'][0].pk}/": (SCRIPT,),
        f"/jobs/{hostile['jobs'][1].pk}/": (IMG, ATTR),
    }
    for path, expected in pages.items():
        assert_shown_as_text(client.get(path), *expected)


def test_htmx_fragments_show_hostile_text_as_text(hostile):
    client, claim = hostile["client"], hostile["claim"]
    htmx = {"HTTP_HX_REQUEST": "true"}
    assert_shown_as_text(client.get(f"/claims/{claim.pk}/", **htmx), SCRIPT, IMG, ATTR)
    assert_shown_as_text(client.get("/review/?status=any", **htmx), SCRIPT, IMG)
    assert_shown_as_text(client.get(f"/jobs/{hostile['jobs'][1].pk}/", **htmx), IMG)


def test_the_article_text_keeps_its_exact_characters_around_the_highlights(hostile):
    html = hostile["client"].get(f"/articles/{hostile['article'].pk}/").content.decode()

    class Text(HTMLParser):
        inside, depth, text = False, 0, ""

        def handle_starttag(self, tag, attrs):
            if dict(attrs).get("id") == "article-text":
                self.inside = True
            if self.inside:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.inside:
                self.depth -= 1
                self.inside = self.depth > 0

        def handle_data(self, data):
            if self.inside:
                self.text += data

    parser = Text(convert_charrefs=True)
    parser.feed(html)
    assert parser.text == HOSTILE_TEXT  # the payloads are the page's text, character for character


def test_input_echoed_back_in_forms_and_queries_is_escaped(hostile):
    client, claim = hostile["client"], hostile["claim"]
    assert_shown_as_text(client.get("/search/", {"q": f"{SCRIPT}{ATTR}"}), SCRIPT, ATTR)
    assert_shown_as_text(client.get("/review/", {"q": SCRIPT, "outlet": ATTR, "speaker": IMG}), SCRIPT, ATTR, IMG)
    refused = client.post(
        f"/claims/{claim.pk}/review/", {"version": "x", "rating_explanation": f"{SCRIPT}{ATTR}", "speaker_name": IMG}
    )
    assert refused.status_code == 400
    assert_shown_as_text(refused, SCRIPT, ATTR, IMG)
    stale = client.post(f"/claims/{claim.pk}/review/", {"version": 1, "rating_explanation": f"Again {SCRIPT}"})
    assert stale.status_code == 409  # the conflict view lists the newer values, hostile ones included
    assert_shown_as_text(stale, SCRIPT)
    bad_link = client.post(f"/claims/{claim.pk}/evidence/", {"url": f"{JS_LINK}{ATTR}", "note": SCRIPT})
    assert bad_link.status_code == 400
    assert_shown_as_text(bad_link, ATTR)
    new = client.post("/articles/new/", {"url": f"{JS_LINK}{ATTR}", "title": SCRIPT})
    assert new.status_code == 400
    assert_shown_as_text(new, SCRIPT)


def test_the_merge_preview_and_its_message_escape_speaker_names(hostile, admin_client):
    source, target = hostile["speaker"], SpeakerFactory(name=f"Target {ATTR}")
    preview = admin_client.post(f"/speakers/{source.pk}/merge/", {"target": target.pk})
    assert_shown_as_text(preview, SCRIPT, ATTR, IMG)
    done = admin_client.post(f"/speakers/{source.pk}/merge/", {"target": target.pk, "confirm": "yes"}, follow=True)
    assert_shown_as_text(done, SCRIPT, ATTR)  # "Jane <script>… was merged into Target \" onmouseover…"


@pytest.mark.parametrize(
    "url",
    [
        JS_LINK,
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "ftp://example.org/file",
    ],
)
def test_evidence_links_must_be_http_or_https(hostile, url):
    with pytest.raises(ValidationError):
        services.claim_add_evidence(claim=hostile["claim"], added_by=hostile["editor"], url=url)
    response = hostile["client"].post(
        f"/api/v1/claims/{hostile['claim'].pk}/evidence/", {"url": url}, "application/json"
    )
    assert response.status_code == 400
    assert not hostile["claim"].evidence.filter(url=url).exists()


def test_a_stored_javascript_link_is_never_rendered_as_a_link(hostile):
    # Rows that bypassed the services (an old import, a hand-edited database) must still be harmless.
    claim, article = hostile["claim"], hostile["article"]
    for url in (JS_LINK, "java\tscript:alert(1)", " javascript:alert(1)", "data:text/html,x"):
        Evidence.objects.create(claim=claim, url=url, kind="other")
    type(article).objects.filter(pk=article.pk).update(url=JS_LINK)
    for path in (f"/claims/{claim.pk}/", f"/articles/{article.pk}/?claim={claim.pk}"):
        html = hostile["client"].get(path).content.decode()
        assert audit(html) == []
        assert "javascript:alert(1)" in html  # shown, as text
    html = hostile["client"].get(f"/claims/{claim.pk}/").content.decode()
    assert 'href="https://example.org/?q=&quot;onmouseover=&quot;alert(1)&quot;&gt;&lt;script&gt;' in html


def test_the_api_returns_hostile_text_as_json_data(hostile):
    client, claim = hostile["client"], hostile["claim"]
    response = client.get(f"/api/v1/claims/{claim.pk}/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    assert data["speaker"]["name"] == f"Jane {SCRIPT} Doe"
    assert data["content"]["text"] == f"the {IMG} bridge would reopen in May"
    assert data["notes"][0]["body"] == f"{SCRIPT}\n{IMG}\n{ATTR}\n{JS_LINK}"
    assert data["evidence"][0]["url"] == EVIDENCE_URL
    assert data["rating_explanation"] == f"Because {SCRIPT} {ATTR}"
    article = client.get(f"/api/v1/articles/{hostile['article'].pk}/")
    assert article["Content-Type"] == "application/json" and article.json()["text"] == HOSTILE_TEXT
    # Asking for HTML does not get HTML: the API renders JSON only.
    as_html = client.get(f"/api/v1/claims/{claim.pk}/", HTTP_ACCEPT="text/html")
    assert not as_html["Content-Type"].startswith("text/html")


def test_claimreview_is_served_as_json_ld_never_html(hostile):
    client, claim = hostile["client"], hostile["claim"]
    services.claim_review(claim=claim, actor=hostile["editor"], expected_version=2, attribution_status="confirmed")
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = json.loads(response.content)
    assert body["itemReviewed"]["author"]["name"] == f"Jane {SCRIPT} Doe"
    assert body["reviewRating"]["description"] == f"Because {SCRIPT} {ATTR}"
    for accept in ("text/html", "text/html,application/xhtml+xml,*/*;q=0.8", "*/*"):
        other = client.get(f"/api/v1/claims/{claim.pk}/claimreview/", HTTP_ACCEPT=accept)
        assert not other["Content-Type"].startswith("text/html"), accept


FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)")


def test_csv_export_neutralises_formula_cells(hostile):
    text = f"{FORMULAS[2]} said the minister. \u201c=1+1 is two,\u201d {FORMULAS[3]} added."
    article = ArticleFactory(title=FORMULAS[0], outlet=FORMULAS[3], text=text, url=None)
    speaker = SpeakerFactory(name=FORMULAS[1])
    claim = make_claim(article, speaker=speaker, content="=1+1 is two,", speaker_text=FORMULAS[2])
    services.claim_review(
        claim=claim, actor=hostile["editor"], expected_version=1, rating_explanation="\t=cmd()", rating="true"
    )
    response = hostile["client"].get("/api/v1/claims/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    exported = [row for row in rows[1:] if row[0] == str(claim.pk)]
    assert len(exported) == 1
    cells = [cell for row in rows[1:] for cell in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    # The values are all there, each behind one quote that keeps it text.
    for value in (*FORMULAS, "=1+1 is two,", "=cmd()"):
        assert "'" + value in exported[0], value
    # Hostile markup in the CSV is data too: no HTML content type, no sniffing.
    assert response["X-Content-Type-Options"] == "nosniff"


def _browse(executable: str, base_url: str, username: str, claim_pk: int, article_pk: int, pages: list[str]) -> dict:
    """One Chromium session with the CSP switched off, reporting what ran and what the pages hold."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"dialogs": [], "csp": [], "markup": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"], headless=True)
        context = browser.new_context(base_url=base_url, bypass_csp=True)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("console", lambda m: seen["csp"].append(m.text) if "Content Security Policy" in m.text else None)
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("pw-for-tests")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{base_url}/")
        page.goto(f"/articles/{article_pk}/")
        page.wait_for_load_state("networkidle")
        seen["text"] = page.locator("#article-text").text_content()
        for highlight in page.locator("#article-text a.hl").all():
            highlight.hover()
        # Opening a statement swaps its panel (notes, evidence, history) in through htmx.
        page.locator(f'#article-text a.hl[data-claim="{claim_pk}"]').first.click()
        page.locator(f'#panel .claim-panel[data-claim="{claim_pk}"]').wait_for()
        page.wait_for_load_state("networkidle")
        page.locator("#panel .note-body").first.hover()
        for path in pages:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            inline = page.evaluate("[...document.scripts].filter(s => !s.src).length")
            seen["markup"].append((path, inline, page.evaluate("document.images.length")))
        context.close()
        browser.close()
    return seen


@pytest.mark.services
@pytest.mark.slow
def test_the_hostile_article_runs_no_script_in_a_real_browser_even_without_csp(transactional_db, hostile, live_server):
    """Chromium with the CSP switched off: if any payload reached the page as markup, a dialog would open."""
    from tests.requires import need_chromium

    executable = need_chromium()
    claim, article = hostile["claim"], hostile["article"]
    pages = [f"/claims/{claim.pk}/", f"/speakers/{hostile['speaker'].pk}/", "/search/?q=alert", "/"]
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result.update(_browse(executable, live_server.url, hostile["editor"].username, claim.pk, article.pk, pages))
        except BaseException as exc:
            result["error"] = exc

    # Its own thread: Playwright's sync API refuses to start where another one (tests/e2e's) already runs.
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "the browser session hung"
    if "error" in result:
        raise result["error"]
    assert result["text"] == HOSTILE_TEXT
    assert result["dialogs"] == []
    assert result["csp"] == []  # nothing was blocked: there was nothing to block
    assert [m for m in result["markup"] if m[1:] != (0, 0)] == []  # no inline script or image element on any page
