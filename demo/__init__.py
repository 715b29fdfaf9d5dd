"""The demo world of DESIGN.md section 5 (`seed_demo`) and the scale generator for bench/ (`seed_scale`).

An app of its own so that no production app imports it: it sits above every other app and uses their
services and models as any client would.
"""
