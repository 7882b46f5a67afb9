"""perfeditor: the editor and command line for budget performance target forms (预算绩效目标表)."""
import os

# pydantic looks its plugins up (the entry points of every installed package) when the first model
# is defined: 13 million instructions, nearly 2 % of a one-project `perfeditor dump`. perfeditor
# uses none; a value the caller set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
