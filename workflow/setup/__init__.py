"""Setting up a region without the Django admin: OPDs, the peta jabatan, people, rounds, imports.

Bagian Organisasi administers its own instansi; the administrator (superuser or the administrator
role) every instansi and the national dictionary. Who may is decided once, in `administration`.
"""
