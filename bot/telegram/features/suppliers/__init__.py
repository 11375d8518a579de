"""Capable suppliers for the desks: "Capable manufacturers (N)" on a listing's card and /suppliers CODE, and a
desk's message to a manufacturer relayed by the bot.

``handlers.register`` adds its handlers; ``buttons`` is what other features link here with.
"""
