"""The language server: a thin adapter that presents the engine's Report over LSP.

`server.py` wires LSP features to handlers; each handler's logic lives in a small module that knows
nothing of the transport (documents, convert, hover, inlay, actions, settings).
"""
