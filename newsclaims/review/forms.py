"""Forms of the review pages: input checking only; the writes are in newsclaims.claims.services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.db.models import BigIntegerField

from newsclaims.attribution.names import normalize_name
from newsclaims.claims.models import AttributionStatus, Claim, EvidenceKind, Rating
from newsclaims.ingestion.decoding import decode_bytes, max_bytes, max_html_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.sources import HTML_SUFFIXES, TEXT_SUFFIXES
from newsclaims.ingestion.submission import validate_submission

# Keyboard shortcuts 1–6 follow this order, best to worst, then unverifiable.
RATING_KEYS = [r for r in Rating.values if r != Rating.NOT_RATED]


def rating_options() -> list[tuple[str, str, int]]:
    """(value, label, shortcut key) for the rating pickers."""
    return [(key, Rating(key).label, n) for n, key in enumerate(RATING_KEYS, 1)]


class ClaimReviewForm(forms.Form):
    """One editor's review. Fields left out of the POST are left unchanged (quick actions send one)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    attribution_status = forms.ChoiceField(
        choices=AttributionStatus.choices, required=False, widget=forms.RadioSelect, label="Attribution"
    )
    speaker_name = forms.CharField(
        max_length=300, required=False, label="Speaker", help_text="Pick a known speaker or type a new name."
    )
    content_start = forms.IntegerField(min_value=0, required=False, label="Content starts at")
    content_end = forms.IntegerField(min_value=1, required=False, label="Content ends at")
    rating = forms.ChoiceField(choices=Rating.choices, required=False, label="Verdict")
    rating_explanation = forms.CharField(
        max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Explanation"
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        self.claim = claim
        if not args and "data" not in kwargs:
            kwargs.setdefault(
                "initial",
                {
                    "version": claim.version,
                    "attribution_status": claim.attribution_status,
                    "speaker_name": claim.speaker.name if claim.speaker else claim.speaker_name,
                    "content_start": claim.content_start,
                    "content_end": claim.content_end,
                    "rating": claim.rating,
                    "rating_explanation": claim.rating_explanation,
                },
            )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("content_start"), data.get("content_end")
        if (start is None) != (end is None):
            raise forms.ValidationError("Give both the start and the end of the content span.")
        if start is not None and end is not None:
            if start >= end:
                raise forms.ValidationError("The content span must end after it starts.")
            if end > len(self.claim.article.text):
                raise forms.ValidationError("The content span runs past the end of the article.")
        return data

    def review_kwargs(self) -> dict[str, Any]:
        """What the service should change: only what the editor sent and what differs."""
        from newsclaims.claims.services import SpanEdit

        data, sent, claim = self.cleaned_data, self.data, self.claim
        out: dict[str, Any] = {}
        if data.get("attribution_status"):
            out["attribution_status"] = data["attribution_status"]
        if data.get("rating"):
            out["rating"] = data["rating"]
        if "rating_explanation" in sent:
            out["rating_explanation"] = data["rating_explanation"]
        name = " ".join((data.get("speaker_name") or "").split())
        current = claim.speaker.name if claim.speaker else ""
        if name and normalize_name(name) != normalize_name(current):
            out["speaker_name"] = name
        start, end = data.get("content_start"), data.get("content_end")
        if start is not None and (start, end) != (claim.content_start, claim.content_end):
            out["content"] = SpanEdit(start, end)
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
    for field in ("attribution_status", "rating", "rating_explanation", "content_start", "content_end"):
        if field in loaded and field in data and data[field].strip() == str(loaded[field] or "").strip():
            value = getattr(current, field)
            data[field] = "" if value is None else str(value)
    if "speaker" in loaded and "speaker_name" in data:
        before = (loaded["speaker"] or {}).get("name", "")
        if normalize_name(data["speaker_name"]) == normalize_name(before):
            data["speaker_name"] = current.speaker.name if current.speaker else ""
    return data


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
    title = forms.CharField(max_length=500, required=False)
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
    keep_description = forms.BooleanField(required=False)


class SpeakerSplitForm(forms.Form):
    claims = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Claims to move")
    target = forms.CharField(
        max_length=300,
        label="Move them to",
        help_text="A speaker's name, alias or number; or the name of a new speaker (tick the box below).",
    )
    create = forms.BooleanField(required=False, label="Create a new speaker with this name")

    def __init__(self, *args: Any, claim_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(pk, pk) for pk in claim_ids]  # type: ignore[attr-defined]
