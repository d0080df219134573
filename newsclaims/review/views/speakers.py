"""The speaker page and merging two speakers (admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newsclaims.claims.models import Rating, Speaker
from newsclaims.claims.roles import is_admin, is_editor
from newsclaims.claims.selectors import (
    claim_row,
    speaker_claims,
    speaker_current_id,
    speaker_detail,
    speaker_merge_preview,
    speaker_rating_counts,
)
from newsclaims.claims.services import speaker_find, speaker_merge, speaker_split
from newsclaims.review.access import admin_required, editor_required
from newsclaims.review.forms import SpeakerMergeForm, SpeakerSplitForm


def _speaker(pk: int) -> Speaker:
    try:
        return speaker_detail(pk=pk)
    except Speaker.DoesNotExist:
        raise Http404("No such speaker.") from None


def _page(
    request: HttpRequest,
    speaker: Speaker,
    merge_form: SpeakerMergeForm | None = None,
    status: int = 200,
    split_form: SpeakerSplitForm | None = None,
) -> HttpResponse:
    counts = speaker_rating_counts(speaker=speaker)
    page = Paginator(speaker_claims(speaker=speaker), 100).get_page(request.GET.get("page"))
    claims = [claim_row(values) for values in page.object_list]
    return render(
        request,
        "review/speaker.html",
        {
            "speaker": speaker,
            "page": page,
            "claims": claims,
            "rating_counts": [(v, label, counts[v]) for v, label in Rating.choices if counts[v]],
            "merge_form": merge_form or SpeakerMergeForm(),
            "can_merge": is_admin(request.user),
            "split_form": split_form,
            "can_split": is_editor(request.user),
        },
        status=status,
    )


@login_required
def speaker_page(request: HttpRequest, pk: int) -> HttpResponse:
    current = speaker_current_id(pk=pk)
    if current is not None and current != pk:
        # Merged away: bookmarks and links keep working, and say where the speaker lives now.
        return HttpResponsePermanentRedirect(reverse("speaker", args=[current]))
    return _page(request, _speaker(pk))


def _resolve(value: str, exclude: int) -> Speaker | None:
    value = value.strip().lstrip("#")
    # isdigit() alone accepts "²", which int() refuses: only ASCII digits are a speaker number.
    number = value.isascii() and value.isdigit()
    found = Speaker.objects.filter(pk=int(value)).first() if number else speaker_find(name=value)
    return found if found is not None and found.pk != exclude else None


@admin_required
@require_POST
def speaker_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = _speaker(pk)
    form = SpeakerMergeForm(request.POST)
    if not form.is_valid():
        return _page(request, source, form, status=400)
    target = _resolve(form.cleaned_data["target"], exclude=source.pk)
    if target is None:
        form.add_error("target", "No other speaker has that name, alias or number.")
        return _page(request, source, form, status=400)
    if request.POST.get("confirm") != "yes":
        preview = speaker_merge_preview(source=source, target=target)
        return render(request, "review/speaker_merge.html", {"source": source, "target": target, "preview": preview})
    try:
        speaker_merge(
            source=source, target=target, actor=request.user, keep_description=form.cleaned_data["keep_description"]
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _page(request, source, form, status=400)
    messages.success(request, f"{source.name} was merged into {target.name}.")
    return redirect("speaker", pk=target.pk)


@editor_required
@require_POST
def speaker_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = _speaker(pk)
    form = SpeakerSplitForm(request.POST, claim_ids=list(source.claims.values_list("pk", flat=True)))
    if not form.is_valid():
        return _page(request, source, split_form=form, status=400)
    data = form.cleaned_data
    target = None if data["create"] else _resolve(data["target"], exclude=source.pk)
    if target is None and not data["create"]:
        form.add_error("target", "No other speaker has that name, alias or number; tick the box to create one.")
        return _page(request, source, split_form=form, status=400)
    try:
        moved_to = speaker_split(
            source=source,
            claim_ids=data["claims"],
            actor=request.user,
            target=target,
            new_name=data["target"] if data["create"] else "",
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _page(request, source, split_form=form, status=400)
    n = len(data["claims"])
    messages.success(request, f"{n} claim{'s' if n != 1 else ''} moved from {source.name} to {moved_to.name}.")
    return redirect("speaker", pk=source.pk)
