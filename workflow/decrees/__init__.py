"""Enactment: the head of region's decree that enacts approved standards, and the standards in force.

`models` holds the decree and which versions it enacts; `services` records a decree (the only way);
`selectors` lists decrees and the effective standard of every position in the user's scope.
"""
