"""matchbot: the Telegram bot, its services and its storage, around the :mod:`matching` engine."""
