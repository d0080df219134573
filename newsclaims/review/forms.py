"""Forms of the review pages: input checking only; the writes are in newsclaims.claims.services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from django import forms
from django.conf import settings
from django.db.models import BigIntegerField

from newsclaims.attribution.names import normalize_name
from newsclaims.claims.models import AttributionStatus, Claim, EvidenceKind, Rating

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
        data = super().clean()
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
        self.fields["claims"].choices = [(i, i) for i in ids]

    def clean_claims(self) -> list[int]:
        ids = self.cleaned_data["claims"]
        # Ids a database column cannot hold would make SQLite raise instead of matching nothing.
        if any(not 0 < pk <= BigIntegerField.MAX_BIGINT for pk in ids):
            raise forms.ValidationError("Some selected claims do not exist; reload the queue and select again.")
        return ids

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "rate" and not data.get("rating"):
            self.add_error("rating", "Choose the rating to set.")
        return data

    def service_kwargs(self) -> dict[str, str]:
        action = self.cleaned_data["action"]
        if action == "rate":
            return {"rating": self.cleaned_data["rating"]}
        return {"attribution_status": AttributionStatus.CONFIRMED if action == "confirm" else action}


class AddArticleForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Paste the article text")
    file = forms.FileField(required=False, label="or upload a .txt or .html file")
    url = forms.URLField(max_length=2000, required=False, label="or give its address", assume_scheme="https")
    title = forms.CharField(max_length=500, required=False)
    outlet = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=500, required=False)
    published_at = forms.DateTimeField(
        required=False, label="Published", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".txt", ".html", ".htm"}:
            raise forms.ValidationError("Upload a .txt or .html file.")
        # A saved web page carries markup around the article, so it gets the (larger) HTML limit, as in the API.
        limit = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES if suffix == ".txt" else settings.NEWSCLAIMS_MAX_HTML_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,}.")
        raw = upload.read()
        try:
            decoded = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            if best is None:
                raise forms.ValidationError("The file is not readable text.") from None
            decoded = str(best)
        if not decoded.strip():
            raise forms.ValidationError("The file is empty.")
        return {"name": Path(upload.name).name, "kind": "text" if suffix == ".txt" else "html", "content": decoded}

    def clean_text(self) -> str:
        text = self.cleaned_data.get("text", "")
        limit = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES
        if len(text.encode("utf-8")) > limit:
            raise forms.ValidationError(f"The text is longer than the limit of {limit:,} bytes.")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [name for name in ("text", "file", "url") if (data.get(name) or "") and name not in self.errors]
        given = [n for n in given if n != "text" or data["text"].strip()]
        if not self.errors and len(given) != 1:
            raise forms.ValidationError(
                "Give the article one way: paste its text, upload a file, or give its address."
                if not given
                else f"Give only one of: pasted text, file, address (you gave {', '.join(given)})."
            )
        return data

    def payload(self) -> tuple[dict[str, Any], str]:
        """The ingestion payload and a short description of the source for the job list."""
        data = self.cleaned_data
        payload: dict[str, Any] = {k: data[k] for k in ("title", "outlet", "author") if data.get(k)}
        if data.get("published_at"):
            payload["published_at"] = data["published_at"].isoformat()
        if data.get("file"):
            upload = data["file"]
            payload[upload["kind"]] = upload["content"]
            return payload, upload["name"]
        if data.get("url"):
            payload["url"] = data["url"]
            return payload, data["url"]
        payload["text"] = data["text"]
        return payload, "text"


class SpeakerMergeForm(forms.Form):
    target = forms.CharField(
        max_length=300, label="Merge into", help_text="The speaker who stays: a name, an alias or a speaker number."
    )
