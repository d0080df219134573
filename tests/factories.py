from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsclaims.claims import services
from newsclaims.claims.models import Article, Claim, Speaker
from newsclaims.claims.roles import EDITORS_GROUP

ARTICLE_TEXT = (
    "Mayor Jane Doe said the bridge would reopen in May. "
    "\u201cWe are on schedule,\u201d she told reporters. Critics say the repairs cost too much."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests")

    @factory.post_generation
    def editor(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
        if create:
            self.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT} (Edition {n}.)")
    content_hash = factory.LazyAttribute(lambda a: services.content_hash(a.text))
    outlet = "Daily Example"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    kind = "person"

    @factory.post_generation
    def with_alias(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            services.speaker_alias_add(speaker=self, name=self.name)


def make_claim(article: Article | None = None, *, content: str = "the bridge would reopen in May", **fields) -> Claim:
    """A claim whose offsets point at ``content`` in the article (the invariant every claim keeps)."""
    article = article or ArticleFactory()
    start = article.text.index(content)
    mention = fields.pop("speaker_text", "Mayor Jane Doe")
    s_start = article.text.find(mention)
    defaults = dict(
        content_text=content,
        content_start=start,
        content_end=start + len(content),
        kind="indirect",
        speaker_text=mention if s_start >= 0 else "",
        speaker_start=s_start if s_start >= 0 else None,
        speaker_end=s_start + len(mention) if s_start >= 0 else None,
        confidence=0.8,
        speaker_link="linked" if fields.get("speaker") is not None else "none",
    )
    defaults.update(fields)
    return services.claims_create_bulk(article=article, claims=[Claim(**defaults)])[0]
