"""Set-up pages of Bagian Organisasi (its instansi) and the administrator, without the Django admin."""
