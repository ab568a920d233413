"""The bundled JSON Schemas, shipped inside the wheel as the data package ``seedlint.schemas``.

This file only makes the directory importable as a package so that ``importlib.resources``
finds the schemas from a wheel and from an editable install alike.
"""
