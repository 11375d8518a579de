"""Mutual introductions: "Introduce me to capable manufacturers" on a listing's card, the manufacturers'
Accept or Decline, the exchange of contacts, and /introductions for both sides.

``handlers.register`` adds its handlers; ``buttons`` is what other features link here with.
"""
