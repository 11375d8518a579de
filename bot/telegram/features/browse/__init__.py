"""Browsing the catalog: /product, /desks, /sectors and the listing, desk and sector cards.

``handlers.register`` adds its handlers; ``buttons`` is what other features link here with.
"""
