"""The admins' features: listings and desks, imports, leads, reports, admin rights and digests on demand.

Every handler here checks in its own transaction that the sender is an admin; anyone else gets a neutral
"not available", written to the audit log, and learns nothing more (admin commands are not in their menu
or their /help). Anyone may send them, so they are registered like everyone's handlers.

``handlers.register`` adds every admin handler. The modules are one per feature (``listings``, ``imports``,
``leads``, ``reports``, ``demand``, ``grants``, ``digests``), each with its buttons, handlers and renderers; ``render``
holds what they share. This file imports none of them, so another feature can link to an admin button
(the new-lead notice's "open lead") without importing every admin module.
"""
