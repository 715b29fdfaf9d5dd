"""Webhooks: subscriptions of integration accounts and their deliveries, an outbox like the emails'.

Workflow decides what is delivered to whom (it writes the delivery rows with the event's body in
the transaction of the event); this package only keeps, signs, sends and retries them.
"""
