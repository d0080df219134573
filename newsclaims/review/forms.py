"""Forms of the review pages: input checking only; the writes are in newsclaims.claims.services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import BigIntegerField

from newsclaims.attribution.names import normalize_name
from newsclaims.claims.desk import assignable_editors
from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    Claim,
    ClaimKind,
    EvidenceKind,
    Rating,
    Speaker,
    SpeakerKind,
)
from newsclaims.ingestion.decoding import decode_bytes, max_bytes, max_html_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.sources import HTML_SUFFIXES, TEXT_SUFFIXES
from newsclaims.ingestion.submission import validate_submission

# Keyboard shortcuts 1–6 follow this order, best to worst, then unverifiable.
RATING_KEYS = [r for r in Rating.values if r != Rating.NOT_RATED]


def rating_options() -> list[tuple[str, str, int]]:
    """(value, label, shortcut key) for the rating pickers."""
    return [(key, Rating(key).label, n) for n, key in enumerate(RATING_KEYS, 1)]


SPAN_ROLES = (("content", "statement"), ("speaker", "speaker mention"), ("cue", "cue"))


def _span_fields(role: str, words: str) -> dict[str, forms.IntegerField]:
    return {
        f"{role}_start": forms.IntegerField(min_value=0, required=False, label=f"The {words} starts at"),
        f"{role}_end": forms.IntegerField(min_value=1, required=False, label=f"The {words} ends at"),
    }


def check_spans(data: dict[str, Any], text_length: int, required: tuple[str, ...] = ()) -> list[str]:
    """Errors for the statement, speaker mention and cue offsets in ``data`` (a span is both ends or neither)."""
    errors = []
    for role, words in SPAN_ROLES:
        start, end = data.get(f"{role}_start"), data.get(f"{role}_end")
        if start is None and end is None:
            if role in required:
                errors.append(f"Mark the {words} in the text (its start and end).")
        elif start is None or end is None:
            errors.append(f"Give both the start and the end of the {words}.")
        elif start >= end:
            errors.append(f"The {words} must end after it starts.")
        elif end > text_length:
            errors.append(f"The {words} runs past the end of the article ({text_length} characters).")
    return errors


class SpeakerChoiceMixin(forms.Form):
    """A speaker typed or picked from the typeahead: a known name or alias is that speaker; a new one is created
    only when the editor ticks "create" (a typo must not become a person)."""

    speaker_name = forms.CharField(max_length=300, required=False, label="Speaker")
    speaker_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    create_speaker = forms.BooleanField(required=False, label="Create a new speaker with this name")
    new_speaker_kind = forms.ChoiceField(choices=SpeakerKind.choices, required=False, label="Kind")
    new_speaker_description = forms.CharField(max_length=500, required=False, label="Description")

    chosen_speaker: Speaker | None = None

    def resolve_speaker(self, name: str) -> None:
        """Sets ``chosen_speaker`` (a stored speaker) or leaves it None with ``create_speaker`` ticked."""
        data = self.cleaned_data
        picked = data.get("speaker_id")
        if picked:
            speaker = Speaker.objects.filter(pk=picked).first()
            if speaker is not None and normalize_name(speaker.name) == normalize_name(name):
                self.chosen_speaker = speaker
                return
        found = Speaker.objects.filter(aliases__normalized=normalize_name(name)).first()
        if found is not None:
            self.chosen_speaker = found
        elif not data.get("create_speaker"):
            self.add_error(
                "speaker_name",
                f"No speaker is called “{name}”. Pick one from the suggestions, or tick “Create a new speaker”.",
            )


class ClaimReviewForm(SpeakerChoiceMixin, forms.Form):
    """One editor's review. Fields left out of the POST are left unchanged (quick actions send one)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    attribution_status = forms.ChoiceField(
        choices=AttributionStatus.choices, required=False, widget=forms.RadioSelect, label="Attribution"
    )
    # The speaker the form showed when loaded: only a different one typed is a change (a "not a claim" or a
    # "confirm" sent with the engine's name in the field must not create or change a speaker).
    speaker_loaded = forms.CharField(max_length=300, required=False, widget=forms.HiddenInput)
    content_start = forms.IntegerField(min_value=0, required=False, label="Content starts at")
    content_end = forms.IntegerField(min_value=1, required=False, label="Content ends at")
    speaker_start = forms.IntegerField(min_value=0, required=False, label="Speaker mention starts at")
    speaker_end = forms.IntegerField(min_value=1, required=False, label="Speaker mention ends at")
    cue_start = forms.IntegerField(min_value=0, required=False, label="Cue starts at")
    cue_end = forms.IntegerField(min_value=1, required=False, label="Cue ends at")
    rating = forms.ChoiceField(choices=Rating.choices, required=False, label="Verdict")
    rating_explanation = forms.CharField(
        max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Explanation"
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        self.claim = claim
        if not args and "data" not in kwargs:
            shown = claim.speaker.name if claim.speaker else claim.speaker_name
            kwargs.setdefault(
                "initial",
                {
                    "version": claim.version,
                    "attribution_status": claim.attribution_status,
                    "speaker_name": shown,
                    "speaker_loaded": shown,
                    "speaker_id": claim.speaker_id,
                    **{f"{r}_{e}": getattr(claim, f"{r}_{e}") for r, _ in SPAN_ROLES for e in ("start", "end")},
                    "rating": claim.rating,
                    "rating_explanation": claim.rating_explanation,
                },
            )
        super().__init__(*args, **kwargs)

    def _speaker_typed(self) -> str:
        """The typed speaker when it is a change to make, else ""."""
        data = self.cleaned_data
        name = " ".join((data.get("speaker_name") or "").split())
        if not name or data.get("attribution_status") == AttributionStatus.NOT_A_CLAIM:
            return ""
        current = self.claim.speaker.name if self.claim.speaker else ""
        loaded = data.get("speaker_loaded") if "speaker_loaded" in self.data else current
        if normalize_name(name) in (normalize_name(loaded or ""), normalize_name(current)):
            return ""
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for error in check_spans(data, len(self.claim.article.text), required=()):
            self.add_error(None, error)
        if "content_start" in self.data and data.get("content_start") is None and not self.errors:
            self.add_error(None, "The statement needs its start and end.")
        name = self._speaker_typed()
        if name and not self.errors:
            self.resolve_speaker(name)
        return data

    def _span_changes(self) -> dict[str, Any]:
        from newsclaims.claims.services import SpanEdit

        data, claim, out = self.cleaned_data, self.claim, {}
        for role, key in (("content", "content"), ("speaker", "speaker_span"), ("cue", "cue")):
            if f"{role}_start" not in self.data:
                continue
            start, end = data.get(f"{role}_start"), data.get(f"{role}_end")
            if (start, end) != (getattr(claim, f"{role}_start"), getattr(claim, f"{role}_end")):
                out[key] = SpanEdit(start, end)
        return out

    def review_kwargs(self) -> dict[str, Any]:
        """What the service should change: only what the editor sent and what differs."""
        data, sent = self.cleaned_data, self.data
        out: dict[str, Any] = {}
        if data.get("attribution_status"):
            out["attribution_status"] = data["attribution_status"]
        if data.get("rating"):
            out["rating"] = data["rating"]
        if "rating_explanation" in sent:
            out["rating_explanation"] = data["rating_explanation"]
        if self.chosen_speaker is not None and self.chosen_speaker.pk != self.claim.speaker_id:
            out["speaker"] = self.chosen_speaker
        elif self.chosen_speaker is None and (name := self._speaker_typed()):
            out["speaker_name"] = name  # create_speaker is ticked (clean refused it otherwise)
        if data.get("attribution_status") != AttributionStatus.NOT_A_CLAIM:
            out.update(self._span_changes())
        # A fix is a review: a corrected claim left "unreviewed" would stay in the queue.
        fixed = {"speaker", "speaker_name", "content", "speaker_span", "cue"} & set(out)
        if fixed and out.get("attribution_status", self.claim.attribution_status) == AttributionStatus.UNREVIEWED:
            speaker_fix = {"speaker", "speaker_name", "speaker_span"} & fixed
            out["attribution_status"] = AttributionStatus.WRONG_SPEAKER if speaker_fix else AttributionStatus.WRONG_SPAN
        return out


def rebase_review_input(data: Any, current: Claim, events: list[Any]) -> Any:
    """A refused review's POST data on top of the newer claim: what the editor changed is kept,
    what they left as loaded takes the newer value (so a second save does not undo the other edit).

    ``events`` are the claim's history rows after the editor's version; the first row per field
    holds the value the editor had loaded.
    """
    loaded: dict[str, Any] = {}
    for event in events:
        loaded.setdefault(event.field, event.old_value)
    data = data.copy()
    data["version"] = str(current.version)
    spans = [f"{r}_{e}" for r, _ in SPAN_ROLES for e in ("start", "end")]
    for field in ("attribution_status", "rating", "rating_explanation", *spans):
        if field in loaded and field in data and data[field].strip() == str(loaded[field] or "").strip():
            value = getattr(current, field)
            data[field] = "" if value is None else str(value)
    if "speaker" in loaded and "speaker_name" in data:
        before = (loaded["speaker"] or {}).get("name", "")
        if normalize_name(data["speaker_name"]) == normalize_name(before):
            data["speaker_name"] = current.speaker.name if current.speaker else ""
            data["speaker_id"] = str(current.speaker_id or "")
        data["speaker_loaded"] = current.speaker.name if current.speaker else ""
    return data


class AddClaimForm(SpeakerChoiceMixin, forms.Form):
    """A statement the engine missed: its span, who says it (a speaker, or the mention in the text), the cue."""

    content_start = forms.IntegerField(min_value=0, required=False, label="The statement starts at")
    content_end = forms.IntegerField(min_value=1, required=False, label="The statement ends at")
    speaker_start = forms.IntegerField(min_value=0, required=False, label="The speaker mention starts at")
    speaker_end = forms.IntegerField(min_value=1, required=False, label="The speaker mention ends at")
    cue_start = forms.IntegerField(min_value=0, required=False, label="The cue starts at")
    cue_end = forms.IntegerField(min_value=1, required=False, label="The cue ends at")
    kind = forms.ChoiceField(choices=ClaimKind.choices, initial=ClaimKind.INDIRECT, label="Kind")

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        self.article = article
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = self.article.text
        for error in check_spans(data, len(text), required=("content",)):
            self.add_error(None, error)
        if not self.errors and not text[data["content_start"] : data["content_end"]].strip():
            self.add_error(None, "The statement is empty: mark words, not only spaces.")
        name = " ".join((data.get("speaker_name") or "").split())
        if name:
            self.resolve_speaker(name)
        elif data.get("speaker_start") is None:
            self.add_error("speaker_name", "Say who makes the statement: choose a speaker or mark the mention.")
        return data

    def service_kwargs(self) -> dict[str, Any]:
        from newsclaims.claims.services import SpanEdit

        data = self.cleaned_data

        def edit(role: str) -> Any:
            start = data.get(f"{role}_start")
            return None if start is None else SpanEdit(start, data[f"{role}_end"])

        return {"content": edit("content"), "speaker_span": edit("speaker"), "cue": edit("cue"), "kind": data["kind"]}


class NoteForm(forms.Form):
    body = forms.CharField(max_length=20_000, widget=forms.Textarea(attrs={"rows": 3}), label="Note")


class EvidenceForm(forms.Form):
    url = forms.URLField(max_length=2000, label="Link", assume_scheme="https")
    kind = forms.ChoiceField(choices=EvidenceKind.choices, initial=EvidenceKind.OTHER)
    note = forms.CharField(max_length=2000, required=False, label="What it shows")


class BulkReviewForm(forms.Form):
    ACTIONS = [("confirm", "Confirm attribution"), ("not_a_claim", "Mark not a claim"), ("rate", "Set rating")]

    claims = forms.TypedMultipleChoiceField(coerce=int, choices=[], error_messages={"required": "Select claims first."})
    action = forms.ChoiceField(choices=ACTIONS)
    rating = forms.ChoiceField(choices=[("", "Rating…"), *Rating.choices], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id is acceptable here; the view loads only claims that exist.
        ids = self.data.getlist("claims") if hasattr(self.data, "getlist") else []
        claims_field = self.fields["claims"]
        assert isinstance(claims_field, forms.TypedMultipleChoiceField)
        claims_field.choices = [(i, i) for i in ids]

    def clean_claims(self) -> list[int]:
        ids: list[int] = self.cleaned_data["claims"]
        # Ids a database column cannot hold would make SQLite raise instead of matching nothing.
        if any(not 0 < pk <= BigIntegerField.MAX_BIGINT for pk in ids):
            raise forms.ValidationError("Some selected claims do not exist; reload the queue and select again.")
        return ids

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "rate" and not data.get("rating"):
            self.add_error("rating", "Choose the rating to set.")
        return data

    def service_kwargs(self) -> dict[str, str]:
        action = self.cleaned_data["action"]
        if action == "rate":
            return {"rating": self.cleaned_data["rating"]}
        return {"attribution_status": AttributionStatus.CONFIRMED if action == "confirm" else action}


class AddArticleForm(forms.Form):
    """Input checking for the web form; the article itself is checked by the submission validator every input
    surface shares (``newsclaims.ingestion.submission``), and an upload is decoded by ``ingestion.decoding``."""

    submission: dict[str, Any]  # the checked payload, once the form is valid

    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Paste the article text")
    file = forms.FileField(required=False, label="or upload a .txt or .html file")
    url = forms.URLField(
        max_length=2000,
        required=False,
        label="or give its address",
        help_text="With pasted text or a file, the address is kept as the article's link and nothing is fetched.",
        assume_scheme="https",
    )
    title = forms.CharField(
        max_length=500, required=False, help_text="Left empty, pasted text takes its first line as the title."
    )
    outlet = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=500, required=False)
    published_at = forms.DateTimeField(
        required=False, label="Published", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_file(self) -> dict[str, str] | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        name = Path(upload.name or "").name
        suffix = Path(name).suffix.lower()
        if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
            raise forms.ValidationError("Upload a .txt or .html file.")
        html = suffix in HTML_SUFFIXES
        # Refuse an oversized upload before reading it; decode_bytes checks the same limit on what it reads.
        limit = max_html_bytes() if html else max_bytes()
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,}.")
        try:
            content = decode_bytes(upload.read(), what="The file", html=html)
        except IngestionError as exc:
            raise forms.ValidationError(str(exc)) from None
        return {"name": name, "kind": "html" if html else "text", "content": content}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        given = [name for name in ("text", "file") if data.get(name) and (name != "text" or data[name].strip())]
        if len(given) > 1:
            raise forms.ValidationError("Give only one of: pasted text or a file (an address may come with either).")
        if not given and not data.get("url"):
            raise forms.ValidationError("Give the article one way: paste its text, upload a file, or give its address.")
        try:
            self.submission = validate_submission(self._payload(data))
        except IngestionError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def _payload(self, data: dict[str, Any]) -> dict[str, Any]:
        payload: dict[str, Any] = {k: data[k] for k in ("title", "outlet", "author", "url") if data.get(k)}
        if data.get("published_at"):
            payload["published_at"] = data["published_at"].isoformat()
        if data.get("file"):
            payload[data["file"]["kind"]] = data["file"]["content"]
        elif data.get("text", "").strip():
            payload["text"] = data["text"]
        return payload

    def source(self) -> str:
        """A short description of where the article came from, for the job list."""
        data = self.cleaned_data
        if data.get("file"):
            return str(data["file"]["name"])
        return str(data.get("url") or "text")


class SpeakerMergeForm(forms.Form):
    target = forms.CharField(
        max_length=300, label="Merge into", help_text="The speaker who stays: a name, an alias or a speaker number."
    )
    # The suggestion the editor picked: exact even when two speakers share a display name.
    target_id = forms.IntegerField(required=False, min_value=1, max_value=BigIntegerField.MAX_BIGINT)
    keep_description = forms.BooleanField(required=False)
    keep_aliases = forms.BooleanField(required=False)


class SpeakerAliasForm(forms.Form):
    name = forms.CharField(max_length=300, label="New alias")


class SpeakerSplitForm(forms.Form):
    claims = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Claims to move")
    target = forms.CharField(
        max_length=300,
        label="Move them to",
        help_text="A speaker's name, alias or number; or the name of a new speaker (tick the box below).",
    )
    target_id = forms.IntegerField(required=False, min_value=1, max_value=BigIntegerField.MAX_BIGINT)
    create = forms.BooleanField(required=False, label="Create a new speaker with this name")

    def __init__(self, *args: Any, claim_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(pk, pk) for pk in claim_ids]  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    """Who an article or a claim goes to; empty takes the assignment back."""

    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = assignable_editors()


class ApproveForm(forms.Form):
    """The version the approver saw: an approval covers that review, not a later one."""

    version = forms.IntegerField(min_value=1, max_value=BigIntegerField.MAX_BIGINT)


class DeskSettingsForm(forms.Form):
    second_check = forms.BooleanField(
        required=False,
        label="Second check",
        help_text="A reviewed claim is published only once a different editor approves it.",
    )
