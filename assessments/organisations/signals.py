"""Signals other domains listen to, so this package never imports them."""

from django.dispatch import Signal

# Sent inside the transaction when an organisation's name, teams or roles change: every result shows them.
# Keyword argument: organisation_id.
organisation_changed = Signal()
