"""Other systems and the tokens people manage: token names and last use, read-only service accounts.

Sits beside `api` and `web` (DESIGN.md section 1): it may import workflow and submissions; only api,
web and config import it.
"""
