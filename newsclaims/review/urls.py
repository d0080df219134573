from django.urls import path

from newsclaims.review.views import articles, claims, desk, exports, pages, queue, speakers

# These addresses are linked from newsroom tools: keep them stable.
urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("search/", pages.search, name="search"),
    path("review/", queue.queue, name="queue"),
    path("review/bulk/", queue.bulk_review, name="bulk_review"),
    path("review/export.csv", exports.QueueCsvExportView.as_view(), name="queue_export_csv"),
    path("review/export.jsonld", exports.QueueClaimReviewExportView.as_view(), name="queue_export_jsonld"),
    path("articles/", articles.article_list_page, name="article_list"),
    path("articles/new/", articles.article_new, name="article_new"),
    path("articles/<int:pk>/", articles.article_page, name="article"),
    path("jobs/<int:pk>/", articles.job_page, name="job"),
    path("articles/<int:pk>/claims/new/", claims.claim_add_view, name="claim_add"),
    path("claims/revert/", claims.claims_revert, name="claims_revert"),
    path("claims/<int:pk>/", claims.claim_page, name="claim"),
    path("claims/<int:pk>/review/", claims.claim_review_view, name="claim_review"),
    path("claims/<int:pk>/notes/", claims.claim_note, name="claim_note"),
    path("claims/<int:pk>/evidence/", claims.claim_evidence, name="claim_evidence"),
    path("desk/", desk.desk_page, name="desk"),
    path("desk/settings/", desk.desk_settings_view, name="desk_settings"),
    path("articles/<int:pk>/assign/", desk.article_assign_view, name="article_assign"),
    path("claims/<int:pk>/desk/", desk.claim_desk, name="claim_desk"),
    path("claims/<int:pk>/assign/", desk.claim_assign_view, name="claim_assign"),
    path("claims/<int:pk>/approve/", desk.claim_approve_view, name="claim_approve"),
    path("speakers/suggest/", speakers.speaker_suggest, name="speaker_suggest"),
    path("speakers/merge/undo/", speakers.speaker_merge_undo_view, name="speaker_merge_undo"),
    path("speakers/<int:pk>/", speakers.speaker_page, name="speaker"),
    path("speakers/<int:pk>/export.csv", exports.SpeakerCsvExportView.as_view(), name="speaker_export_csv"),
    path(
        "speakers/<int:pk>/export.jsonld", exports.SpeakerClaimReviewExportView.as_view(), name="speaker_export_jsonld"
    ),
    path("speakers/<int:pk>/merge/", speakers.speaker_merge_view, name="speaker_merge"),
    path("speakers/<int:pk>/aliases/", speakers.speaker_alias_add_view, name="speaker_alias_add"),
    path(
        "speakers/<int:pk>/aliases/<int:alias_pk>/remove/",
        speakers.speaker_alias_remove_view,
        name="speaker_alias_remove",
    ),
    path("speakers/<int:pk>/split/", speakers.speaker_split_view, name="speaker_split"),
]
