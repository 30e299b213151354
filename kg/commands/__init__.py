"""The CLI's commands, one module each, listed in kg.cli.COMMANDS."""
