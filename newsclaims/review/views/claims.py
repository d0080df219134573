"""The claim page (also loaded as a panel beside the article) and its forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newsclaims.claims.models import Claim, EvidenceKind, Speaker
from newsclaims.claims.roles import is_editor
from newsclaims.claims.selectors import claim_detail, claim_history, claim_row_get
from newsclaims.claims.services import ClaimConflict, claim_add_evidence, claim_add_note, claim_review_naming_speaker
from newsclaims.review.access import HtmxHttpRequest, editor_required
from newsclaims.review.forms import ClaimReviewForm, EvidenceForm, NoteForm, rating_options, rebase_review_input
from newsclaims.review.highlight import Mark, claim_marks, render_highlighted, speaker_key, speaker_slots
from newsclaims.review.views.common import safe_next

CONTEXT_CHARS = 600
STATUS_KEYS = {"confirmed": "c", "wrong_speaker": "w", "not_a_claim": "n"}


def statement_in_context(claim: Claim) -> dict[str, Any]:
    """The paragraph around the claim (at most CONTEXT_CHARS either side), with its spans marked."""
    text = claim.article.text
    starts = [s for s in (claim.content_start, claim.speaker_start, claim.cue_start) if s is not None]
    ends = [e for e in (claim.content_end, claim.speaker_end, claim.cue_end) if e is not None]
    lo, hi = min(starts), max(ends)
    begin = max(text.rfind("\n", 0, lo) + 1, lo - CONTEXT_CHARS, 0)
    newline = text.find("\n", hi)
    end = min(len(text) if newline < 0 else newline, hi + CONTEXT_CHARS)
    # The same colour as on the article page: slots follow the order speakers first appear in.
    siblings = claim.article.claims.only("pk", "content_start", "speaker_id", "speaker_name", "speaker_text")
    slot = speaker_slots(siblings).get(speaker_key(claim), 0)
    marks = [
        Mark(m.claim_id, m.role, m.start - begin, m.end - begin, slot)
        for m in claim_marks(claim, slot)
        if m.end > begin and m.start < end
    ]
    return {
        "html": render_highlighted(text[begin:end], marks),
        "slot": slot,
        "offset": begin,
        "clipped_before": begin > 0 and text[begin - 1] != "\n",
        "clipped_after": end < len(text) and text[end] != "\n",
    }


def panel_context(request: HttpRequest, claim: Claim, **forms: Any) -> dict[str, Any]:
    editor = is_editor(request.user)
    return {
        "claim": claim,
        "article": claim.article,
        "can_edit": editor,
        "context": statement_in_context(claim),
        "review_form": forms.get("review_form") or ClaimReviewForm(claim=claim),
        "note_form": forms.get("note_form") or NoteForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "conflict": forms.get("conflict"),
        "conflict_events": forms.get("conflict_events", []),
        "history": claim_history(claim_id=claim.pk),
        "speakers": Speaker.objects.order_by("name").values_list("name", flat=True)[:1000] if editor else [],
        "ratings": rating_options(),
        "statuses": STATUS_KEYS,
        "evidence_kinds": EvidenceKind.choices,
        "render": forms.get("render", "panel"),
        "saved": forms.get("saved", ""),
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


def _respond(request: HtmxHttpRequest, pk: int, section: str, status: int = 200, **forms: Any) -> HttpResponse:
    """htmx: the changed section (plus the history and article sidebar out of band); else the whole page."""
    render_as = request.POST.get("render", "panel")
    if request.htmx and render_as == "row":
        # A queue row shows the claim's row and its quick actions only: none of the panel's context and history.
        row = {
            "c": claim_row_get(pk=pk),
            "review_form": forms.get("review_form"),
            "conflict": forms.get("conflict"),
            "ratings": rating_options(),
            "queue_url": safe_next(request, reverse("queue")),
        }
        return render(request, "review/_queue_row.html", row, status=status)
    context = panel_context(request, _load(pk), render=render_as, **forms)
    if request.htmx:
        return render(request, f"review/_claim_{section}.html", {**context, "oob": True}, status=status)
    return render(request, "review/claim.html", context, status=status)


@editor_required
@require_POST
def claim_review_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article", "speaker"), pk=pk)
    form = ClaimReviewForm(request.POST, claim=claim)
    if not form.is_valid():
        return _respond(request, pk, "review", 400, review_form=form)
    try:
        claim_review_naming_speaker(
            claim=claim, actor=request.user, expected_version=form.cleaned_data["version"], **form.review_kwargs()
        )
    except ClaimConflict as exc:
        current = _load(exc.current.pk)
        events = list(current.events.select_related("actor").filter(version__gt=form.cleaned_data["version"]))
        # Keep what the editor typed; the version moves on, so a second save is a deliberate
        # choice made with the newer state in view.
        kept = ClaimReviewForm(rebase_review_input(request.POST, current, events), claim=current)
        kept.is_valid()
        return _respond(request, pk, "review", 409, review_form=kept, conflict=current, conflict_events=events)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _respond(request, pk, "review", 400, review_form=form)
    if request.htmx:
        return _respond(request, pk, "review", saved="Saved.")
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
        return _respond(request, pk, section, 400, **{form_name: form})
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
