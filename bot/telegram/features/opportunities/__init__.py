"""What could my factory make? /opportunities: the listings that fit a manufacturer's profile, value-weighted, each
with why it fits, opening the listing's card and leading back; and a subscription for those not yet subscribed.

``handlers.register`` adds its handlers; ``render`` words the list; ``buttons`` is what other features link here with.
"""
