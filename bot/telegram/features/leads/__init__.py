"""Leads: "I'm interested" on a listing, the optional note the bot then asks for (or Skip), and the
notices that tell the admins about both.

``handlers`` holds what each press and message does (``press_interested`` is "I'm interested") and
``register``; ``buttons`` is what other features link here with, importing no other feature.
"""
