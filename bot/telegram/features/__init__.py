"""The bot's features: each holds its buttons, its handlers and its renderers, and registers them (see ``app.py``)."""
