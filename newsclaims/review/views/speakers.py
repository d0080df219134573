"""The speaker page (claims filtered by rating, article and dates; aliases edited by editors) and merging two
speakers (admins only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newsclaims.claims.desk import assignable_editors
from newsclaims.claims.filters import SpeakerClaimFilter
from newsclaims.claims.models import Article, Rating, Speaker, SpeakerAlias
from newsclaims.claims.roles import is_admin, is_editor
from newsclaims.claims.selectors import (
    claim_row,
    speaker_articles,
    speaker_claims,
    speaker_current_id,
    speaker_detail,
    speaker_merge_preview,
    speaker_outlets,
    speaker_rating_counts,
)
from newsclaims.claims.services import (
    AliasTaken,
    MergeRecord,
    speaker_alias_add,
    speaker_alias_remove,
    speaker_find,
    speaker_merge_undo,
    speaker_merge_undoable,
    speaker_name_key,
    speaker_split,
)
from newsclaims.review.access import HtmxHttpRequest, admin_required, editor_required
from newsclaims.review.forms import SpeakerAliasForm, SpeakerMergeForm, SpeakerSplitForm
from newsclaims.review.views.common import safe_next


def _speaker(pk: int) -> Speaker:
    try:
        return speaker_detail(pk=pk)
    except Speaker.DoesNotExist:
        raise Http404("No such speaker.") from None


PAGE_SIZE = 100
ARTICLE_CHOICES = 200


def _article_choices(speaker: Speaker, chosen: int | None) -> list[Article]:
    # A speaker quoted in thousands of articles: the newest fill the list, and the one in the address is always in it.
    articles = list(speaker_articles(speaker=speaker)[:ARTICLE_CHOICES])
    if chosen and all(a.pk != chosen for a in articles):
        articles += list(speaker_articles(speaker=speaker).filter(pk=chosen))
    return articles


def _claims_context(request: HttpRequest, speaker: Speaker) -> dict[str, Any]:
    # Invalid filters are shown on the form and ignored; the rest still filter (as in the queue).
    filters = SpeakerClaimFilter(request.GET, queryset=speaker_claims(speaker=speaker), request=request)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "speaker": speaker,
        "page": page,
        "claims": [claim_row(values) for values in page.object_list],
        "filter_form": filters.form,
        "filtered": any(request.GET.get(name) for name in SpeakerClaimFilter.base_filters),
        "query": query.urlencode(),
        "can_split": is_editor(request.user),
    }


def _aliases_context(
    request: HttpRequest,
    speaker: Speaker,
    alias_form: SpeakerAliasForm | None = None,
    alias_taken: Speaker | None = None,
    alias_saved: str = "",
    alias_error: str = "",
) -> dict[str, Any]:
    # The speaker's own name is not removable (the service refuses it): without it the linker would make a new record.
    own = speaker_name_key(speaker=speaker)
    return {
        "speaker": speaker,
        "aliases": [(alias, alias.normalized != own) for alias in speaker.aliases.all()],
        "alias_form": alias_form or SpeakerAliasForm(),
        "alias_taken": alias_taken,
        "alias_saved": alias_saved,
        "alias_error": alias_error,
        "can_edit_aliases": is_editor(request.user),
        "can_merge": is_admin(request.user),
    }


def _page(
    request: HttpRequest,
    speaker: Speaker,
    merge_form: SpeakerMergeForm | None = None,
    status: int = 200,
    split_form: SpeakerSplitForm | None = None,
    alias_form: SpeakerAliasForm | None = None,
    alias_taken: Speaker | None = None,
    alias_error: str = "",
) -> HttpResponse:
    counts = speaker_rating_counts(speaker=speaker)
    claims = _claims_context(request, speaker)
    return render(
        request,
        "review/speaker.html",
        {
            **claims,
            # The filter form's choices: the page's, not the claims list's (the filter form swaps only the list).
            "articles": _article_choices(speaker, claims["filter_form"].cleaned_data.get("article")),
            "assignees": assignable_editors(),
            "outlets": speaker_outlets(speaker=speaker),
            **_aliases_context(request, speaker, alias_form, alias_taken, alias_error=alias_error),
            "rating_counts": [(v, label, counts[v]) for v, label in Rating.choices if counts[v]],
            "merge_form": merge_form or SpeakerMergeForm(),
            "merge_undo": merge_undo_offer(request, speaker) if status == 200 else None,
            "split_form": split_form,
        },
        status=status,
    )


@login_required
def speaker_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    current = speaker_current_id(pk=pk)
    if current is not None and current != pk:
        # Merged away: bookmarks and links keep working, and say where the speaker lives now.
        target = reverse("speaker", args=[current])
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    speaker = _speaker(pk)
    if request.htmx:
        # The filter form swaps only the claims list (and pushes its address).
        return render(request, "review/_speaker_claims.html", _claims_context(request, speaker))
    return _page(request, speaker)


def _resolve(value: str, exclude: int) -> Speaker | None:
    value = value.strip().lstrip("#")
    # isdigit() alone accepts "²", which int() refuses: only ASCII digits are a speaker number.
    number = value.isascii() and value.isdigit()
    found = Speaker.objects.filter(pk=int(value)).first() if number else speaker_find(name=value)
    return found if found is not None and found.pk != exclude else None


def _resolve_choice(typed: str, picked: int | None, exclude: int) -> Speaker | None:
    """The speaker picked from the typeahead (followed to its survivor if merged since), else the one typed."""
    if picked:
        return _resolve(str(speaker_current_id(pk=picked) or picked), exclude=exclude)
    return _resolve(typed, exclude=exclude)


@admin_required
@require_POST
def speaker_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = _speaker(pk)
    form = SpeakerMergeForm(request.POST)
    if not form.is_valid():
        return _page(request, source, form, status=400)
    data = form.cleaned_data
    target = _resolve_choice(data["target"], data["target_id"], exclude=source.pk)
    if target is None:
        form.add_error("target", "No other speaker has that name, alias or number.")
        return _page(request, source, form, status=400)
    if request.POST.get("confirm") != "yes":
        preview = speaker_merge_preview(source=source, target=target)
        return render(request, "review/speaker_merge.html", {"source": source, "target": target, "preview": preview})
    try:
        _, record = speaker_merge_undoable(
            source=source,
            target=target,
            actor=request.user,
            keep_description=data["keep_description"],
            keep_aliases=data["keep_aliases"],
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _page(request, source, form, status=400)
    forgotten = " Its names were not kept." if record.dropped_aliases else ""
    messages.success(request, f"{source.name} was merged into {target.name}.{forgotten}")
    # The survivor's page offers the undo; the record is signed, so an undo cannot be forged or replayed late.
    request.session[MERGE_UNDO_KEY] = {"target": target.pk, "label": f"{source.name} was merged into {target.name}.",
                                      "token": signing.dumps(record.as_dict(), salt=MERGE_UNDO_SALT)}  # fmt: skip
    return redirect("speaker", pk=target.pk)


MERGE_UNDO_KEY = "speaker_merge_undo"
MERGE_UNDO_SALT = "newsclaims.speaker-merge-undo"
MERGE_UNDO_MAX_AGE = 15 * 60


def merge_undo_offer(request: HttpRequest, speaker: Speaker) -> dict[str, Any] | None:
    """The undo offered once on the survivor's page right after a merge."""
    offer = request.session.get(MERGE_UNDO_KEY)
    if not offer or offer.get("target") != speaker.pk:
        return None
    del request.session[MERGE_UNDO_KEY]
    return dict(offer)


@admin_required
@require_POST
def speaker_merge_undo_view(request: HttpRequest) -> HttpResponse:
    try:
        data = signing.loads(request.POST.get("token", ""), salt=MERGE_UNDO_SALT, max_age=MERGE_UNDO_MAX_AGE)
        speaker, left = speaker_merge_undo(record=MergeRecord.from_dict(data), actor=request.user)
    except signing.BadSignature:
        messages.error(request, "This undo is no longer valid (older than 15 minutes, or damaged); nothing changed.")
        return redirect(safe_next(request, reverse("dashboard")))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(safe_next(request, reverse("dashboard")))
    text = f"Merge undone: {speaker.name} is back."
    if left:
        text += (
            f" {len(left)} claim{'s' if len(left) != 1 else ''} changed since the merge stay with the other speaker."
        )
    messages.success(request, text)
    return redirect("speaker", pk=speaker.pk)


SUGGESTIONS = 8


@login_required
def speaker_suggest(request: HttpRequest) -> HttpResponse:
    """Typeahead options for a speaker field: names and aliases, with kind and description so two people
    with one surname are told apart, and an explicit "create" option for a name nobody has."""
    # A field names its query after itself: ``q``, a review's ``speaker_name``, a merge's or a split's ``target``.
    text = request.GET.get("q") or request.GET.get("speaker_name") or request.GET.get("target") or ""
    query = " ".join(text.split())[:300]
    matches = Speaker.objects.search(query).prefetch_related("aliases") if query else Speaker.objects.none()
    # A merge or split never offers the speaker it starts from.
    exclude = request.GET.get("exclude", "")
    if exclude.isascii() and exclude.isdigit() and len(exclude) < 19:  # beyond a 64-bit id nothing is excluded
        matches = matches.exclude(pk=int(exclude))
    speakers = list(matches[:SUGGESTIONS])
    exact = speaker_find(name=query) if query else None
    creatable = request.GET.get("create") != "0"
    context = {"q": query, "speakers": speakers, "offer_create": creatable and bool(query) and exact is None}
    return render(request, "review/_speaker_options.html", context)


def _aliases_response(
    request: HtmxHttpRequest,
    speaker: Speaker,
    form: SpeakerAliasForm | None = None,
    taken: Speaker | None = None,
    saved: str = "",
    error: str = "",
) -> HttpResponse:
    failed = bool(error) or (form is not None and bool(form.errors))
    if request.htmx:
        context = _aliases_context(request, speaker, form, taken, saved, error)
        return render(request, "review/_speaker_aliases.html", context, status=400 if failed else 200)
    if failed:
        return _page(request, speaker, status=400, alias_form=form, alias_taken=taken, alias_error=error)
    messages.success(request, saved)
    return redirect("speaker", pk=speaker.pk)


@editor_required
@require_POST
def speaker_alias_add_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    speaker = _speaker(pk)
    form = SpeakerAliasForm(request.POST)
    if not form.is_valid():
        return _aliases_response(request, speaker, form)
    name = form.cleaned_data["name"]
    try:
        added = speaker_alias_add(speaker=speaker, name=name, actor=request.user)
    except AliasTaken as exc:
        form.add_error("name", exc.messages)
        return _aliases_response(request, speaker, form, taken=exc.owner)
    except ValidationError as exc:
        form.add_error("name", exc.messages)
        return _aliases_response(request, speaker, form)
    if added is None:
        form.add_error("name", f"“{name}” is already one of {speaker.name}'s names.")
        return _aliases_response(request, speaker, form)
    return _aliases_response(request, _speaker(pk), saved=f"“{added.name}” added.")


@editor_required
@require_POST
def speaker_alias_remove_view(request: HtmxHttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    speaker = _speaker(pk)
    alias = SpeakerAlias.objects.filter(pk=alias_pk, speaker_id=speaker.pk).select_related("speaker").first()
    if alias is None:
        raise Http404("No such alias of this speaker.")
    try:
        speaker_alias_remove(alias=alias, actor=request.user)
    except ValidationError as exc:
        return _aliases_response(request, speaker, error=" ".join(exc.messages))
    return _aliases_response(request, _speaker(pk), saved=f"“{alias.name}” removed.")


@editor_required
@require_POST
def speaker_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = _speaker(pk)
    form = SpeakerSplitForm(request.POST, claim_ids=list(source.claims.values_list("pk", flat=True)))
    if not form.is_valid():
        return _page(request, source, split_form=form, status=400)
    data = form.cleaned_data
    target = None if data["create"] else _resolve_choice(data["target"], data["target_id"], exclude=source.pk)
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
