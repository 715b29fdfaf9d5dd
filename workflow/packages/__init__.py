"""Consultation packages: Bagian Organisasi sends many standards to KemenPAN-RB under one cover letter.

`models` holds the package, its items and the ministry's answers; `services` is the only way they
change (each item moves through the same transition and rules as a single document); `selectors`
reads them in the user's scope; `announcements` writes one message per recipient listing the items.
"""
