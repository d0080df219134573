from django.urls import include, path, re_path

from newsclaims.api.errors import not_found
from newsclaims.api.views import articles, claims, desk, events, misc, speakers, webhooks

v1 = [
    path("health/", misc.HealthView.as_view(), name="api-health"),
    path("claims/", claims.ClaimListView.as_view(), name="api-claim-list"),
    path("claims/export.csv", claims.ClaimExportView.as_view(), name="api-claim-export"),
    path("claims/export.jsonld", claims.ClaimReviewExportView.as_view(), name="api-claimreview-export"),
    path("claims/<int:pk>/", claims.ClaimDetailView.as_view(), name="api-claim-detail"),
    path("claims/<int:pk>/notes/", claims.ClaimNoteCreateView.as_view(), name="api-claim-notes"),
    path("claims/<int:pk>/notes/<int:note_id>/", claims.ClaimNoteDetailView.as_view(), name="api-claim-note"),
    path("claims/<int:pk>/evidence/", claims.ClaimEvidenceCreateView.as_view(), name="api-claim-evidence"),
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/",
        claims.ClaimEvidenceDetailView.as_view(),
        name="api-claim-evidence-item",
    ),
    path("claims/<int:pk>/assign/", desk.ClaimAssignView.as_view(), name="api-claim-assign"),
    path("claims/<int:pk>/approve/", desk.ClaimApproveView.as_view(), name="api-claim-approve"),
    path("claims/<int:pk>/claimreview/", claims.ClaimReviewView.as_view(), name="api-claim-claimreview"),
    path("articles/", articles.ArticleListView.as_view(), name="api-article-list"),
    path("articles/<int:pk>/", articles.ArticleDetailView.as_view(), name="api-article-detail"),
    path("articles/<int:pk>/assign/", desk.ArticleAssignView.as_view(), name="api-article-assign"),
    path("jobs/", articles.JobListView.as_view(), name="api-job-list"),
    path("jobs/<int:pk>/", articles.JobDetailView.as_view(), name="api-job-detail"),
    path("speakers/", speakers.SpeakerListView.as_view(), name="api-speaker-list"),
    path("speakers/<int:pk>/", speakers.SpeakerDetailView.as_view(), name="api-speaker-detail"),
    path("speakers/<int:pk>/merge/", speakers.SpeakerMergeView.as_view(), name="api-speaker-merge"),
    path("speakers/<int:pk>/split/", speakers.SpeakerSplitView.as_view(), name="api-speaker-split"),
    path("events/", events.EventListView.as_view(), name="api-event-list"),
    path("webhooks/", webhooks.SubscriptionListView.as_view(), name="api-webhook-list"),
    path("webhooks/<int:pk>/", webhooks.SubscriptionDetailView.as_view(), name="api-webhook-detail"),
    path("webhooks/<int:pk>/deliveries/", webhooks.DeliveryListView.as_view(), name="api-webhook-deliveries"),
    path("webhooks/deliveries/<int:pk>/replay/", webhooks.DeliveryReplayView.as_view(), name="api-webhook-replay"),
    re_path(r"", not_found),
]

urlpatterns = [
    path("schema/", misc.SchemaView.as_view(), name="api-schema"),
    path("docs/", misc.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include(v1)),
]
