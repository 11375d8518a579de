"""The seed catalog shipped with matchbot: sectors, promotion desks and import-substitution listings.

Kept as a package only so that the CSV files travel with an installed matchbot; read them through
:func:`files`.
"""

from importlib.resources import files as _files
from importlib.resources.abc import Traversable


def files() -> Traversable:
    """Return the folder holding the seed CSV files, wherever matchbot is installed."""
    return _files(__name__)
