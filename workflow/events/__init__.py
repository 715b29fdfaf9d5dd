"""The event feed: what happened, in commit order, written by the transactions that did it."""
