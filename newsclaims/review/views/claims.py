"""The claim page (also loaded as a panel beside the article), its forms, adding a statement, and undo.

Every save answered to htmx carries, besides the form's own section, everything the save can change (the
claim's heading, state and context, its history, an undo offer and, on the article page, the highlighted text,
the statement list, the legend and the counts) as out-of-band swaps, and an ``HX-Trigger`` that tells the page
script where focus goes next.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newsclaims.claims.models import Article, Claim, EvidenceKind
from newsclaims.claims.roles import is_editor
from newsclaims.claims.selectors import claim_detail, claim_history, claim_row_get
from newsclaims.claims.services import (
    ClaimConflict,
    ClaimExists,
    claim_add,
    claim_add_evidence,
    claim_add_note,
    claim_revert,
    claim_review_naming_speaker,
    speaker_get_or_create,
)
from newsclaims.review.access import HtmxHttpRequest, editor_required
from newsclaims.review.forms import (
    SPAN_ROLES,
    AddClaimForm,
    ClaimReviewForm,
    EvidenceForm,
    NoteForm,
    rating_options,
    rebase_review_input,
)
from newsclaims.review.highlight import Mark, claim_marks, render_highlighted, speaker_key, speaker_slots
from newsclaims.review.parts import article_parts, neighbour_paragraphs, paragraph_bounds
from newsclaims.review.state import review_state
from newsclaims.review.undo import Undo, parse_undo
from newsclaims.review.views.common import safe_next

# A paragraph is shown whole up to this many characters either side of the claim (a text with no line breaks is
# one paragraph); the neighbouring paragraphs open on request.
CONTEXT_CHARS = 3000
CONTEXT_NEIGHBOURS = 2
STATUS_KEYS = {"confirmed": "c", "wrong_speaker": "w", "not_a_claim": "n"}


def statement_in_context(claim: Claim) -> dict[str, Any]:
    """The whole paragraph holding the claim, its spans marked in plain text (no links: a drag in it selects
    words), and the paragraphs around it."""
    text = claim.article.text
    starts = [s for s in (claim.content_start, claim.speaker_start, claim.cue_start) if s is not None]
    ends = [e for e in (claim.content_end, claim.speaker_end, claim.cue_end) if e is not None]
    lo, hi = min(starts), max(ends)
    begin, end = paragraph_bounds(text, lo, hi)
    begin, end = max(begin, lo - CONTEXT_CHARS), min(end, hi + CONTEXT_CHARS)
    # The same colour as on the article page: both assign slots over all of the article's speakers.
    siblings = claim.article.claims.only("pk", "content_start", "speaker_id", "speaker_name", "speaker_text")
    slot = speaker_slots(siblings).get(speaker_key(claim), 0)
    marks = [
        Mark(m.claim_id, m.role, m.start - begin, m.end - begin, slot)
        for m in claim_marks(claim, slot)
        if m.end > begin and m.start < end
    ]
    clipped_before = begin > 0 and text[begin - 1] != "\n"
    clipped_after = end < len(text) and text[end] != "\n"
    before, after = neighbour_paragraphs(
        text, begin, end, 0 if clipped_before and clipped_after else CONTEXT_NEIGHBOURS
    )
    return {
        "html": render_highlighted(text[begin:end], marks, link=None),
        "slot": slot,
        "offset": begin,
        "clipped_before": clipped_before,
        "clipped_after": clipped_after,
        "before": [] if clipped_before else before,
        "after": [] if clipped_after else after,
    }


def panel_context(request: HttpRequest, claim: Claim, **forms: Any) -> dict[str, Any]:
    editor = is_editor(request.user)
    return {
        "claim": claim,
        "article": claim.article,
        "can_edit": editor,
        "state": review_state(claim),
        "context": statement_in_context(claim),
        "review_form": forms.get("review_form") or ClaimReviewForm(claim=claim),
        "note_form": forms.get("note_form") or NoteForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "conflict": forms.get("conflict"),
        "conflict_events": forms.get("conflict_events", []),
        "history": claim_history(claim_id=claim.pk),
        "ratings": rating_options(),
        "statuses": STATUS_KEYS,
        "evidence_kinds": EvidenceKind.choices,
        "render": forms.get("render", "panel"),
        "saved": forms.get("saved", ""),
        "span_roles": SPAN_ROLES,
        "undo": forms.get("undo"),
        "refused": forms.get("refused", ""),
    }


def _load(pk: int) -> Claim:
    try:
        return claim_detail(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


@login_required
def claim_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = _load(pk)
    template = "review/_claim_panel.html" if request.htmx else "review/claim.html"
    return render(request, template, panel_context(request, claim))


def on_article_page(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and "/articles/" in (request.htmx.current_url or "")


def saved_trigger(
    response: HttpResponse, pk: int | None, undo: Undo | None = None, render: str = "panel", query: str = ""
) -> HttpResponse:
    """Tells the page script a claim was saved (it puts focus back on the claim, or on the next one) and what
    an Undo would send."""
    events: dict[str, Any] = {}
    if pk is not None:
        events["claimSaved"] = {"id": pk}
    if undo is not None:
        events["undoOffer"] = {
            "label": undo.label,
            "revert": undo.values,
            "render": render,
            "query": query,
            "claim": pk,
        }
    if events:
        response["HX-Trigger-After-Settle"] = json.dumps(events)
    return response


def _respond(
    request: HtmxHttpRequest, pk: int, section: str, status: int = 200, undo: Undo | None = None, **forms: Any
) -> HttpResponse:
    """htmx: the changed section plus everything else the save changed, out of band; else the whole page."""
    render_as = request.POST.get("render", "panel")
    if request.htmx and render_as == "row":
        # A queue row shows the claim's row and its quick actions only: none of the panel's context and history.
        row = {
            "c": claim_row_get(pk=pk),
            "review_form": forms.get("review_form"),
            "conflict": forms.get("conflict"),
            "ratings": rating_options(),
            "queue_url": safe_next(request, reverse("queue")),
            "undo": undo,
        }
        response = render(request, "review/_queue_row.html", row, status=status)
        query = urlsplit(safe_next(request, reverse("queue"))).query
        return saved_trigger(response, pk, undo, "queue", query) if status == 200 else response
    claim = _load(pk)
    context = panel_context(request, claim, render=render_as, undo=undo, **forms)
    if request.htmx:
        if on_article_page(request):
            context["parts"] = article_parts(claim.article)
        response = render(request, f"review/_claim_{section}.html", {**context, "oob": True}, status=status)
        return saved_trigger(response, pk, undo) if status == 200 and forms.get("saved") else response
    return render(request, "review/claim.html", context, status=status)


def _review_kwargs(form: ClaimReviewForm) -> dict[str, Any]:
    kwargs = form.review_kwargs()
    if "speaker_name" in kwargs:
        # The editor ticked "create": make the speaker with the kind and description they gave (or, when someone
        # created that name meanwhile, take theirs rather than refuse).
        data = form.cleaned_data
        kwargs["speaker"] = speaker_get_or_create(
            name=kwargs.pop("speaker_name"),
            kind=data.get("new_speaker_kind") or "person",
            description=data.get("new_speaker_description") or "",
        )
    return kwargs


@editor_required
@require_POST
def claim_review_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article", "speaker"), pk=pk)
    form = ClaimReviewForm(request.POST, claim=claim)
    if not form.is_valid():
        return _respond(request, pk, "review", 400, review_form=form)
    loaded = form.cleaned_data["version"]
    try:
        # One transaction: a review refused as stale also takes back the speaker it would have created.
        with transaction.atomic():
            saved = claim_review_naming_speaker(
                claim=claim, actor=request.user, expected_version=loaded, **_review_kwargs(form)
            )
    except ClaimConflict as exc:
        current = _load(exc.current.pk)
        events = list(current.events.select_related("actor").filter(version__gt=loaded))
        # Keep what the editor typed; the version moves on, so a second save is a deliberate
        # choice made with the newer state in view.
        kept = ClaimReviewForm(rebase_review_input(request.POST, current, events), claim=current)
        kept.is_valid()
        return _respond(request, pk, "review", 409, review_form=kept, conflict=current, conflict_events=events)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _respond(request, pk, "review", 400, review_form=form)
    undo = Undo.single(pk, loaded, saved.version, "Review saved.") if saved.version > loaded else None
    if request.htmx:
        return _respond(request, pk, "review", saved="Saved.", undo=undo)
    messages.success(request, "Review saved.")
    return redirect(safe_next(request, reverse("claim", args=[pk])))


# section -> (the form's name in the panel context, the field a refusal is shown at, the confirmation)
_ADDITIONS = {"notes": ("note_form", "body", "Note added."), "evidence": ("evidence_form", "url", "Evidence added.")}


def _add_to_claim(
    request: HtmxHttpRequest, pk: int, form: Form, section: str, add: Callable[[Claim, dict[str, Any]], object]
) -> HttpResponse:
    """A note or an evidence link: the form's errors (or the service's) at the form, else the updated section."""
    form_name, error_field, saved = _ADDITIONS[section]
    claim = get_object_or_404(Claim, pk=pk)
    if form.is_valid():
        try:
            add(claim, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(error_field, exc.messages)
    if form.errors:
        forms: dict[str, Any] = {form_name: form}
        return _respond(request, pk, section, 400, **forms)
    if request.htmx:
        return _respond(request, pk, section, saved=saved)
    messages.success(request, saved)
    return redirect(reverse("claim", args=[pk]) + f"#{section}")


@editor_required
@require_POST
def claim_note(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def add(claim: Claim, data: dict[str, Any]) -> object:
        return claim_add_note(claim=claim, author=request.user, body=data["body"])

    return _add_to_claim(request, pk, NoteForm(request.POST), "notes", add)


@editor_required
@require_POST
def claim_evidence(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def add(claim: Claim, data: dict[str, Any]) -> object:
        return claim_add_evidence(claim=claim, added_by=request.user, **data)

    return _add_to_claim(request, pk, EvidenceForm(request.POST), "evidence", add)


# --- adding a statement the engine missed ----------------------------------------------------------


def _add_page(
    request: HtmxHttpRequest, article: Article, form: AddClaimForm, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"article": article, "form": form, "can_edit": True, "span_roles": SPAN_ROLES, **extra}
    template = "review/_claim_add.html" if request.htmx else "review/claim_add.html"
    return render(request, template, context, status=status)


@editor_required
def claim_add_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if request.method != "POST":
        return _add_page(request, article, AddClaimForm(article=article, initial=request.GET.dict()))
    form = AddClaimForm(request.POST, article=article)
    if not form.is_valid():
        return _add_page(request, article, form, 400)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            speaker = form.chosen_speaker
            if speaker is None and data.get("speaker_name"):
                speaker = speaker_get_or_create(
                    name=data["speaker_name"],
                    kind=data.get("new_speaker_kind") or "person",
                    description=data.get("new_speaker_description") or "",
                )
            claim = claim_add(article=article, actor=request.user, speaker=speaker, **form.service_kwargs())
    except ClaimExists as exc:
        form.add_error(None, "This statement is already stored (found or added meanwhile); nothing was added.")
        return _add_page(request, article, form, 409, existing=exc.existing)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _add_page(request, article, form, 400)
    if request.htmx:
        context = panel_context(request, _load(claim.pk), saved="Statement added.")
        context["parts"] = article_parts(article) if on_article_page(request) else None
        context["undo"] = None
        return saved_trigger(render(request, "review/_claim_added.html", {**context, "oob": True}), claim.pk)
    messages.success(request, "Statement added.")
    return redirect(f"{reverse('article', args=[pk])}?claim={claim.pk}")


# --- undo and revert ------------------------------------------------------------------------------


@editor_required
@require_POST
def claims_revert(request: HtmxHttpRequest) -> HttpResponse:
    """Undo (one claim or a bulk action) and "revert to version N" from the history: each claim goes back to
    the version named, as a new version, unless someone saved it meanwhile (then it is left alone and said so)."""
    entries = parse_undo(request.POST.getlist("revert"))
    if not entries:
        messages.error(request, "Nothing to undo: the request named no claim versions.")
        return redirect(safe_next(request, reverse("queue")))
    refused: list[str] = []
    done = 0
    for entry in entries:
        claim = Claim.objects.filter(pk=entry.pk).first()
        if claim is None:
            refused.append(f"claim {entry.pk} no longer exists")
            continue
        try:
            claim_revert(claim=claim, actor=request.user, to_version=entry.to_version, expected_version=entry.expected)
            done += 1
        except ClaimConflict as exc:
            refused.append(f"claim {entry.pk} was changed meanwhile (now version {exc.current.version})")
        except ValidationError as exc:
            refused.append(f"claim {entry.pk}: {' '.join(exc.messages)}")
    text = f"Undone: {done} claim{'s' if done != 1 else ''} restored." if done else "Nothing was undone."
    if refused:
        text += " Not undone: " + "; ".join(refused) + "."
    status = 409 if refused and not done else 200
    render_as = request.POST.get("render", "panel")
    if request.htmx and render_as == "queue":
        from newsclaims.review.views.queue import queue_results

        (messages.warning if refused else messages.success)(request, text)
        return render(request, "review/_queue_results.html", queue_results(request), status=status)
    if request.htmx and len(entries) == 1:
        saved, refusal = ("", text) if refused else (text, "")
        return _respond(request, entries[0].pk, "review", status, saved=saved, refused=refusal)
    (messages.warning if refused else messages.success)(request, text)
    return redirect(safe_next(request, reverse("claim", args=[entries[0].pk])))
