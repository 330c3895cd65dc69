"""Loaders: each turns one kind of source into RDF in its own named graph.

`curated` reads the hand-curated tables, `vocabularies` the SKOS concept schemes,
`states` the country-code data set. All of them report problems through
`atkg.errors.InputError`, naming file, line and column.
"""
