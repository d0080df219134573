"""The review pages; one module per page family, wired in newsclaims/review/urls.py."""
