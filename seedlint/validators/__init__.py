"""The rules: one module per rule or small family. Every module here is imported by
:func:`seedlint.core.rules.all_rules`; adding a rule means adding a module.

Code families: ``R`` reading, ``K`` kind, ``Y`` YAML front matter, ``N`` news items,
``D`` DISARM pages, ``G`` the git contribution gate, ``S`` suppressions, ``X`` internal errors.
"""
