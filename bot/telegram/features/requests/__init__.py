"""Standing requests: "Tell me when something like this is listed" under a search nothing answered, /requests,
and the notice that tells its searcher, once, when a listing answers it.

``handlers.register`` adds its handlers; ``render`` words the list, the confirmations and the notice;
``buttons`` is what other features link here with.
"""
