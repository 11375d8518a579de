"""Digests by sector and standing alerts: /subscribe, /alert, /mysubs, /pause, /resume, /unsubscribe,
"Alert me about similar", and the digest messages themselves.

``handlers.register`` adds its handlers; ``render`` words the pickers and confirmations, ``digest`` the
digests; ``buttons`` is what other features link here with.
"""
