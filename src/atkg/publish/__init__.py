"""Linked-data publishing: load the build into SPARQL servers and describe it (VoID, DCAT).

`gsp` speaks the SPARQL 1.1 Graph Store HTTP Protocol and SPARQL Update over plain HTTP
(the standard library's urllib, so no new dependency: SPARQLWrapper has no GSP support),
`publish` replaces every named graph of the build on a server and verifies it, `compare`
checks that the query library answers alike there, `describe` writes the dataset
descriptions, `jsonld` the compacted JSON-LD export, and `cli` the three subcommands.
"""
