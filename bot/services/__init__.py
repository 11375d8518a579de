"""Use cases: what the bot, the CLI and the scheduled jobs do, independent of how they are asked."""
