"""JSONL export and import of everything editors and the engine produced, for backups and moves.

One JSON object a line in Django's serialisation format, in dependency order, users referred to
by username so that a file moves between installations whose user ids differ.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from newsclaims.claims.models import Article, Claim, ClaimEvent, Evidence, Note, Speaker, SpeakerAlias

EXPORT_MODELS = [Speaker, SpeakerAlias, Article, Claim, Note, Evidence, ClaimEvent]
USER_FIELDS = {"reviewed_by", "author", "added_by", "actor", "assignee", "approved_by"}


class _LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds: a backup restored from it would move every timestamp (and
    could reorder history written within one millisecond), so times keep their microseconds here."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def data_export(*, stream: IO[str]) -> int:
    """Write every row of EXPORT_MODELS to ``stream``; returns the number of lines."""
    count = 0
    for model in EXPORT_MODELS:
        for obj in model._default_manager.order_by("pk").iterator(chunk_size=2000):
            stream.write(serializers.serialize("jsonl", [obj], use_natural_foreign_keys=True, cls=_LosslessEncoder))
            count += 1
    return count


def _parse(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    known = {m._meta.label_lower for m in EXPORT_MODELS}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or row.get("model") not in known:
            raise ValidationError(f"line {number}: not a newsclaims export row")
        yield row


@transaction.atomic
def data_import(*, stream: IO[str]) -> int:
    """Load an export into an empty database in one transaction: all of it or nothing."""
    if any(model._default_manager.exists() for model in EXPORT_MODELS):
        raise ValidationError("Import needs a database without articles, speakers or claims; nothing was changed.")
    rows = list(_parse(stream))
    User = get_user_model()
    # Actors from another installation arrive as accounts that cannot log in until an admin says so.
    usernames = {
        value[0]
        for row in rows
        for name, value in row["fields"].items()
        if name in USER_FIELDS and isinstance(value, list) and value
    }
    for username in usernames - set(User.objects.filter(username__in=usernames).values_list("username", flat=True)):
        user = User(username=username, is_active=False)
        user.set_unusable_password()
        user.save()
    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
        obj.save()
    # Rows kept their ids, so the id sequences must move past them (PostgreSQL).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), EXPORT_MODELS):
            cursor.execute(sql)
    return len(rows)
