"""The manufacturer profile: /profile, its guided build, its card with an Edit button per field, the consent
toggle and deletion.

``handlers.register`` adds its handlers and :func:`handlers.take_answer` takes a plain message that answers the
question the bot asked (the search feature's text handler hands it here first); ``render`` words it all;
``buttons`` is what other features link here with.
"""
