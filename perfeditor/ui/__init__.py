"""The editor window: a thin Qt layer over the Qt-free core (model, io, rules)."""
