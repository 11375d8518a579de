"""What the bot does, one feature per module or package; ``bot/telegram/app.py`` registers them in order.

Each feature holds its button data classes, the bodies of its handlers (one per command and per kind of
button, run as one turn by :mod:`bot.telegram.turn`), its renderers, and ``register(application)``:

- ``start``: /start (with the ``p_<CODE>`` deep link), /help, /language, /cancel and the main menu;
- ``search``: a plain message (the lead note the bot asked for, else a search), /search, result pages;
- ``browse``: /product (registered with ``search``, which takes an HS code after it), /desks, /sectors and the
  listing, desk and sector cards they lead to;
- ``leads``: "I'm interested", the optional note and its Skip button, the admins' notices;
- ``subscriptions``: /subscribe, /alert, /mysubs, /pause, /resume, /unsubscribe, "Alert me about similar"
  and the digest messages;
- ``admin``: the admins' features (listings and the step-by-step form, imports, leads, reports, grants,
  /digest_now), each checking its sender's rights in the turn; registered first, for the form;
- ``fallback``: any button no feature takes (stale, forged) gets a polite "expired". Registered last.

A feature package (``browse``, ``subscriptions``) keeps its buttons in ``buttons.py``, which imports no
other feature: features link to each other through buttons, so that is the only way they depend on
each other without import cycles.
"""
